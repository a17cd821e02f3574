import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { components } from '@/api/schema';
import { unwrap } from '@/lib/api-error';
import { isPartnerView, type PartnerReferral } from '../utils/referral-views';
import { referralKeys } from './referrals-keys';

type Schemas = components['schemas'];
export type Transition = Schemas['TransitionReferralDto'];

/**
 * The referrals the person's organization received, as the API returns them: for a program
 * manager every one sent to the organization, for an outreach worker only those assigned to them
 * (the API decides). Referrals the organization sent (police views) are not this feature's.
 */
export function useReceivedReferrals() {
  return useQuery({
    queryKey: referralKeys.list(),
    queryFn: async () => (await unwrap(api.GET('/api/v1/referrals'))).items.filter(isPartnerView),
  });
}

export function useReferral(id: string, enabled = true) {
  return useQuery({
    queryKey: referralKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/referrals/{referralId}', { params: { path: { referralId: id } } })),
    enabled,
  });
}

/** One lifecycle step; the API checks it against the lifecycle and the person's role (409 if not allowed now). */
export function useTransition(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (step: Transition) =>
      unwrap(
        api.POST('/api/v1/referrals/{referralId}/transitions', { params: { path: { referralId: id } }, body: step }),
      ),
    onSuccess: (view) => {
      client.setQueryData<PartnerReferral | Schemas['PoliceReferralDto']>(referralKeys.detail(id), view);
      void client.invalidateQueries({ queryKey: referralKeys.list() });
    },
    // The referral may have moved in the meantime (409): show it as it is now.
    onError: () => void client.invalidateQueries({ queryKey: referralKeys.detail(id), exact: true }),
  });
}

export function useCaseNotes(id: string) {
  return useQuery({
    queryKey: referralKeys.notes(id),
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/referrals/{referralId}/notes', { params: { path: { referralId: id } } }))).items,
  });
}

export function useAddCaseNote(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      unwrap(
        api.POST('/api/v1/referrals/{referralId}/notes', { params: { path: { referralId: id } }, body: { body } }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: referralKeys.notes(id) }),
  });
}

/** The organization's outreach workers a referral may be assigned to (names and roles); program managers only. */
export function useWorkers(enabled: boolean) {
  return useQuery({
    queryKey: referralKeys.workers(),
    queryFn: async () => (await unwrap(api.GET('/api/v1/organizations/me/workers'))).items,
    enabled,
    staleTime: 60_000,
  });
}

/** Without the live stream, what waits for acknowledgement is asked again this often. */
const OPEN_ITEMS_POLL_MS = 60_000;

/**
 * What waits for the organization's acknowledgement, with its deadline: the program manager's inbox,
 * unacknowledged (alerts, referral copies, and the escalations of alerts nobody acknowledged in time).
 */
export function useOpenItems(enabled = true) {
  return useQuery({
    queryKey: referralKeys.openItems(),
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/inbox', { params: { query: { filter: 'unacknowledged', limit: 100 } } }))).items,
    refetchInterval: OPEN_ITEMS_POLL_MS,
    enabled,
  });
}
