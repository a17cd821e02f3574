import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useInboxEvents } from '@/lib/inbox-stream';
import { referralKeys } from '../api/referrals-keys';

/**
 * Keeps the referral lists current without reload: a referral reaching the person's inbox (a new
 * one for the program manager who triages, an assignment for the worker) refetches them, and so
 * does every (re)connection, since the stream does not replay what it missed. `arrived` turns true
 * once something came in while the page was open.
 */
export function useLiveReferrals() {
  const client = useQueryClient();
  const [arrived, setArrived] = useState(false);
  const refresh = () => void client.invalidateQueries({ queryKey: referralKeys.list() });
  // What waits for acknowledgement (triage's "at a glance") changes with anything that reaches the inbox.
  const refreshOpen = () => void client.invalidateQueries({ queryKey: referralKeys.openItems() });
  const { status, reconnect } = useInboxEvents(
    (event) => {
      refreshOpen();
      if (event.category !== 'referral') return;
      setArrived(true);
      refresh();
    },
    {
      onConnected: () => {
        refresh();
        refreshOpen();
      },
    },
  );
  return { status, reconnect, arrived };
}
