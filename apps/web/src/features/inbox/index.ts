/** What the app shell takes from the inbox feature (features never import each other). */
import type { QueryClient } from '@tanstack/react-query';
import { lazy } from 'react';
import { prefetchInboxLists } from './api/inbox-api';

const loadInbox = () => import('./routes/InboxRoutes');

/** The inbox's screens: a chunk of their own, loaded when the worker opens /inbox. */
export const InboxRoutes = lazy(() => loadInbox().then((m) => ({ default: m.InboxRoutes })));

/**
 * When the app opens on `path` under /inbox, starts at once, beside the session check, what the screen will need — a
 * phone on a slow network would otherwise wait for the session's answer before asking (Slow 4G: 0.56 s a round trip):
 * the inbox's code, and on the list itself the first page of its two lists (the screen's own queries, which it then
 * finds in the cache or on their way).
 */
export function prefetchInbox(client: QueryClient, path: string): void {
  void loadInbox();
  if (/^\/inbox\/?$/.test(path)) void prefetchInboxLists(client);
}
export { inboxEn, inboxEs } from './i18n/inbox.strings';
