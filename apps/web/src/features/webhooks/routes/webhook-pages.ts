/** The webhooks screen, as its own lazily loaded chunk (see webhook-routes.tsx). */
export { WebhooksPage } from './WebhooksPage';
