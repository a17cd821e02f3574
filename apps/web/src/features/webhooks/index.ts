/** What the app shell takes from the webhooks feature (features never import each other). */
export { webhooksRoutes } from './routes/webhook-routes';
export { webhooksEn, webhooksEs } from './i18n/webhooks.strings';
