import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewConcern) => unwrap(api.POST('/api/v1/community-concerns', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: concernKeys.sent() }),
  });
}

/** A partner's acknowledgement puts nothing in the sender's inbox: the list is asked again this often. */
const SENT_POLL_MS = 15_000;

/** The concerns the organization sent, and when the police acknowledged each (never who). */
export function useSentConcerns() {
  return useQuery({
    queryKey: concernKeys.sent(),
    queryFn: async () => (await unwrap(api.GET('/api/v1/community-concerns'))).items,
    refetchInterval: SENT_POLL_MS,
  });
}
