import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/lib/api-error';
import { useSession } from '@/lib/session';
import { concernTargets, type NewConcern } from '../utils/concern-form';
import { concernKeys } from './concerns-keys';

/** The police departments the program may send a concern to, and what each agreement's concern flow asks. */
export function useConcernTargets() {
  const orgId = useSession().data?.orgId;
  return useQuery({
    queryKey: concernKeys.targets(),
    queryFn: async () => concernTargets(await unwrap(api.GET('/api/v1/agreements')), orgId!),
    enabled: Boolean(orgId),
  });
}

/** Sends the concern (screened by the API: refused with the identifiers found unless `redact`). */
export function useSendConcern() {
  return useMutation({
    mutationFn: (body: NewConcern) => unwrap(api.POST('/api/v1/community-concerns', { body })),
  });
}
