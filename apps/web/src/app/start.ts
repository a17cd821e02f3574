import type { QueryClient } from '@tanstack/react-query';
import { prefetchInbox } from '@/features/inbox';
import { prefetchSession } from '@/lib/session';

/**
 * What the app asks for before its first render, by the page it opens on. On the outreach worker's inbox (phone
 * first, issue 17 item 6) every round trip on a slow network costs 0.56 s: the session check, the inbox's code and
 * its lists go out together instead of one after the other. The answers stay in the query cache like any other
 * (emptied on sign-out); nothing is fetched that the page would not fetch itself.
 */
export function startEarly(client: QueryClient, path: string): void {
  if (!/^\/inbox(\/|$)/.test(path)) return;
  void prefetchSession(client);
  prefetchInbox(client, path);
}
