/** What the app shell takes from the webhooks feature (features never import each other). */
export { webhooksRoutes } from './routes/webhook-routes';
/** This area's strings, fetched with its first screen (app/i18n.ts): not in the first script a phone loads. */
export const loadWebhooksStrings = () =>
  import('./i18n/webhooks.strings').then((strings) => ({ en: strings.webhooksEn, es: strings.webhooksEs }));
