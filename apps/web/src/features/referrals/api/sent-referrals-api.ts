import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/lib/api-error';
import { useSession } from '@/lib/session';
import { isPoliceView, type NewReferral, type PoliceReferral, referralTargets } from '../utils/sent-referrals';
import { referralKeys } from './referrals-keys';

/** While something could still change (no word back yet, or in progress), the list is asked again this often. */
const POLL_MS = 30_000;

/** The referrals the liaison's department sent, newest first, as the API shows them to the sender. */
export function useSentReferrals() {
  return useQuery({
    queryKey: referralKeys.sent(),
    queryFn: async () => (await unwrap(api.GET('/api/v1/referrals'))).items.filter(isPoliceView),
    refetchInterval: POLL_MS,
  });
}

/**
 * One sent referral: the department's own record. The API audits the read, so it is read once per visit (each time
 * the page opens, to show the status as it is now), not on focus.
 */
export function useSentReferral(id: string) {
  return useQuery({
    queryKey: referralKeys.sentDetail(id),
    queryFn: async () => {
      const view = await unwrap(api.GET('/api/v1/referrals/{referralId}', { params: { path: { referralId: id } } }));
      if (!isPoliceView(view)) throw new Error('not a sent referral');
      return view;
    },
    refetchOnWindowFocus: false,
  });
}

/** Where a referral may go now, and what each agreement's referral flow asks for. */
export function useReferralTargets() {
  const session = useSession();
  const orgId = session.data?.orgId;
  return useQuery({
    queryKey: referralKeys.targets(),
    queryFn: async () => referralTargets(await unwrap(api.GET('/api/v1/agreements')), orgId!),
    enabled: Boolean(orgId),
  });
}

/** Each agreement's title by id (the partner a referral went to is named by its agreement), terminated ones too. */
export function useAgreementTitles() {
  return useQuery({
    queryKey: referralKeys.agreementTitles(),
    queryFn: async () =>
      new Map((await unwrap(api.GET('/api/v1/agreements'))).map((agreement) => [agreement.id, agreement.title])),
    staleTime: 5 * 60_000,
  });
}

export function useSendReferral() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewReferral) => unwrap(api.POST('/api/v1/referrals', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: referralKeys.sent() }),
  });
}

function useSentUpdate(id: string, call: () => Promise<PoliceReferral>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (view) => {
      client.setQueryData(referralKeys.sentDetail(id), view);
      void client.invalidateQueries({ queryKey: referralKeys.sent() });
    },
  });
}

/** Retract while the partner has not moved it (the API answers 409 "can no longer be retracted" otherwise). */
export function useRetract(id: string) {
  return useSentUpdate(id, async () => {
    const view = await unwrap(
      api.POST('/api/v1/referrals/{referralId}/transitions', {
        params: { path: { referralId: id } },
        body: { to: 'retracted' },
      }),
    );
    if (!isPoliceView(view)) throw new Error('not a sent referral');
    return view;
  });
}

/** The person withdrew consent: the partner's copy is hidden at once and purged. */
export function useWithdrawConsent(id: string) {
  return useSentUpdate(id, () =>
    unwrap(api.POST('/api/v1/referrals/{referralId}/consent-withdrawal', { params: { path: { referralId: id } } })),
  );
}
