import { useQueryClient } from '@tanstack/react-query';
import { useInboxEvents } from '@/lib/inbox-stream';
import { referralKeys } from '../api/referrals-keys';

/**
 * The police side: a partner's step writes a coarse status back into the department's inbox (category
 * `referral_status`), so such an event, and every (re)connection, refetches the sent list. The list is polled too
 * (sent-referrals-api.ts), for a flow whose status back reaches another liaison.
 */
export function useLiveSentReferrals() {
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: referralKeys.sent() });
  return useInboxEvents(
    (event) => {
      if (event.category === 'referral_status') refresh();
    },
    { onConnected: refresh },
  );
}
