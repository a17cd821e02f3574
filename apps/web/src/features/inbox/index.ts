/** What the app shell takes from the inbox feature (features never import each other). */
export { InboxRoutes } from './routes/InboxRoutes';
export { inboxEn, inboxEs } from './i18n/inbox.strings';
