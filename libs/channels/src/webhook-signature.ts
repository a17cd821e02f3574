import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'x-accord-signature';
/** Header carrying the delivery's stable id: the same on every retry, so receivers can drop repeats. */
export const DELIVERY_HEADER = 'x-accord-delivery';
export const EVENT_HEADER = 'x-accord-event';

/** Receivers should refuse signatures older (or newer) than this, so a captured call cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** The timestamp is signed with the body, so neither can be changed without the secret. */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`, 'utf8').digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export type SignatureVerdict = 'valid' | 'malformed' | 'stale' | 'mismatch';

/** What a receiver runs (also our tests): constant-time comparison, timestamp within tolerance. */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  body: string,
  nowUnixSeconds: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): SignatureVerdict {
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return 'malformed';
  const t = Number(match[1]);
  if (Math.abs(nowUnixSeconds - t) > toleranceSeconds) return 'stale';
  const expected = Buffer.from(signWebhook(secret, body, t).split('v1=')[1]!, 'hex');
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex')) ? 'valid' : 'mismatch';
}
