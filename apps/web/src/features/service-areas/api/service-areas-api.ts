import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/lib/api-error';
import type { ServiceAreaCollection } from '@/lib/service-area-map';
import { serviceAreaKeys } from './service-areas-keys';

/** The organization's current service areas (an empty collection while none are loaded). */
export function useCurrentServiceAreas() {
  return useQuery({
    queryKey: serviceAreaKeys.current(),
    queryFn: () => unwrap(api.GET('/api/v1/service-areas')),
  });
}

/**
 * Replaces the organization's areas with the uploaded collection, all or nothing: the API refuses an invalid one
 * with SERVICE_AREAS_INVALID (the first feature at fault) and changes nothing.
 */
export function useReplaceServiceAreas() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (collection: ServiceAreaCollection) => unwrap(api.PUT('/api/v1/service-areas', { body: collection })),
    onSuccess: (saved) => client.setQueryData(serviceAreaKeys.current(), saved),
  });
}
