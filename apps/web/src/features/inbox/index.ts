/** What the app shell takes from the inbox feature (features never import each other). */
import { lazy } from 'react';

const loadInbox = () => import('./routes/InboxRoutes');

/** The inbox's screens: a chunk of their own, loaded when the worker opens /inbox. */
export const InboxRoutes = lazy(() => loadInbox().then((m) => ({ default: m.InboxRoutes })));

/**
 * Starts fetching the inbox's code at once, beside the first API calls, when the app opens on /inbox (a phone on a
 * slow network would otherwise wait for the session check before asking for it).
 */
export const preloadInbox = (): void => void loadInbox();
export { inboxEn, inboxEs } from './i18n/inbox.strings';
