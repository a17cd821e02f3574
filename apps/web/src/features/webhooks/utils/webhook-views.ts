import type { components } from '@/api/schema';

type Schemas = components['schemas'];
export type Webhook = Schemas['WebhookDto'];
export type CreatedWebhook = Schemas['CreatedWebhookDto'];
export type WebhookDelivery = Schemas['WebhookDeliveryDto'];

/** The API's cap (channels: MAX_WEBHOOKS_PER_ORG); the form says so before the API refuses. */
export const MAX_WEBHOOKS = 5;

/** What is wrong with a webhook URL, in words the page has: the client's comfort check and the API's problems. */
export type UrlProblem = 'notUrl' | 'scheme' | 'credentials' | 'fragment' | 'unresolvable' | 'internal' | 'other';

/**
 * The browser's check before sending, the same rules as the API's outside production (http:// or https://, no user
 * name or password, no #fragment). In production the API also refuses http:// and internal addresses: its answer
 * is read by problemOfApi.
 */
export function urlProblem(raw: string): UrlProblem | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return 'notUrl';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'scheme';
  if (url.username || url.password) return 'credentials';
  if (url.hash) return 'fragment';
  return null;
}

/**
 * The API names its problem with the URL in English (VALIDATION_FAILED, details.fields[path=url].problems): mapped
 * to the page's own words, never shown as sent.
 */
export function problemOfApi(problems: readonly string[]): UrlProblem {
  const text = problems.join(' ');
  if (/not a URL/i.test(text)) return 'notUrl';
  if (/https?:\/\//i.test(text)) return 'scheme';
  if (/user name or password/i.test(text)) return 'credentials';
  if (/fragment/i.test(text)) return 'fragment';
  if (/does not resolve/i.test(text)) return 'unresolvable';
  if (/loopback|private|link-local/i.test(text)) return 'internal';
  return 'other';
}

/** The problems the API named for one field of a VALIDATION_FAILED answer's details. */
export function fieldProblems(details: Record<string, unknown> | undefined, path: string): string[] {
  const fields = details?.fields;
  if (!Array.isArray(fields)) return [];
  return fields
    .filter((f: { path?: unknown }) => f?.path === path)
    .flatMap((f: { problems?: unknown }) => (Array.isArray(f.problems) ? f.problems.map(String) : []));
}

/** How a delivery stands, in the page's words: delivered, failed and waiting for a retry, or being sent now. */
export function deliveryState(delivery: Pick<WebhookDelivery, 'status'>): 'delivered' | 'retrying' | 'sending' {
  if (delivery.status === 'sent') return 'delivered';
  if (delivery.status === 'pending') return 'retrying';
  return 'sending';
}
