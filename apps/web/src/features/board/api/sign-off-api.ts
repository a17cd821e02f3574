import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { components } from '@/api/schema';
import { unwrap } from '@/lib/api-error';
import { apiPeriod, type Period } from '../utils/period';
import { boardKeys } from './board-keys';

export type ReviewSignOff = components['schemas']['ReviewSignOffDto'];

/** The agreement's review sign-offs, newest first (both parties' boards). */
export function useSignOffs(agreementId: string) {
  return useQuery({
    queryKey: boardKeys.signOffs(agreementId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/agreements/{agreementId}/review-sign-offs', { params: { path: { agreementId } } })),
  });
}

/** Records that the board reviewed the period (audited as report.sign_off); the report's last sign-off follows. */
export function useRecordSignOff(agreementId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ period, comments }: { period: Period; comments: string | null }) =>
      unwrap(
        api.POST('/api/v1/agreements/{agreementId}/review-sign-offs', {
          params: { path: { agreementId } },
          body: { ...apiPeriod(period), comments },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: boardKeys.agreement(agreementId) }),
  });
}
