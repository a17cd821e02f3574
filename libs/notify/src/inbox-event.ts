/**
 * What an inbox stream tells a user: that a disclosure reached their inbox, and of which category.
 * Ids and an enum code only — it travels through Redis — so the client reads the content itself
 * with `GET /api/v1/inbox/:disclosureId`, where authorization and the read audit apply.
 */
export interface InboxEvent {
  disclosureId: string;
  category: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CATEGORY = /^[a-z_]{1,40}$/;

/** The pub/sub channel of one user's inbox, under the deployment's key prefix. */
export function inboxChannel(prefix: string, userId: string): string {
  return `${prefix}:inbox:${userId}`;
}

/** Marks a delivery whose event went out (see InboxEventBus.markAnnounced); holds a disclosure id only. */
export function announcedKey(prefix: string, disclosureId: string): string {
  return `${prefix}:inbox-announced:${disclosureId}`;
}

/** How long a delivery's announcement is remembered: far longer than its fallback job waits. */
export const ANNOUNCED_TTL_MS = 10 * 60 * 1000;

/**
 * Parses a message from the bus, or null when it is not an inbox event. Anything else on the
 * channel (another version's format, a stray publish) is dropped rather than forwarded to a browser.
 */
export function parseInboxEvent(message: string): InboxEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { disclosureId, category } = value as Record<string, unknown>;
  if (typeof disclosureId !== 'string' || !UUID.test(disclosureId)) return null;
  if (typeof category !== 'string' || !CATEGORY.test(category)) return null;
  return { disclosureId, category };
}

/** One server-sent event frame. JSON has no raw newlines, so the data fits one `data:` line. */
export function sseFrame(event: InboxEvent): string {
  return (
    `event: disclosure\ndata: ` +
    `${JSON.stringify({ disclosureId: event.disclosureId, category: event.category })}\n\n`
  );
}

/** A comment frame: ignored by EventSource, but it keeps proxies from closing an idle connection. */
export function sseComment(text: string): string {
  return `: ${text.replace(/[\r\n]/g, ' ')}\n\n`;
}
