import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type InboxStreamStatus, useInboxEvents } from '@/lib/inbox-stream';
import { inboxKeys } from '../api/inbox-keys';

export interface LiveInbox {
  status: InboxStreamStatus;
  /** Items announced since the inbox opened (for the screen reader's announcement). */
  arrived: number;
  reconnect: () => void;
}

/**
 * The inbox lists kept current by the live stream (lib/inbox-stream.ts): an event carries ids only,
 * so the lists are asked again and the content comes through the API (authorization and the read
 * audit apply there). Every time the stream (re)opens they are asked again too: whatever arrived
 * while it was down — or before it first opened — sent its event to nobody.
 */
export function useLiveInbox(): LiveInbox {
  const client = useQueryClient();
  const [arrived, setArrived] = useState(0);
  const refreshLists = () => void client.invalidateQueries({ queryKey: inboxKeys.lists() });
  const { status, reconnect } = useInboxEvents(
    () => {
      setArrived((n) => n + 1);
      refreshLists();
    },
    { onConnected: refreshLists },
  );
  return { status, arrived, reconnect };
}
