import { newWebhookSecret, signWebhook, verifyWebhookSignature } from './webhook-signature';

describe('webhook signature', () => {
  const secret = newWebhookSecret();
  const body = JSON.stringify({ event: 'disclosure.delivered', disclosureId: '7d3c8f5e-0000-4000-8000-000000000001' });

  it('verifies a signature made with the same secret, body and a fresh timestamp', () => {
    expect(verifyWebhookSignature(secret, signWebhook(secret, body, 1_800_000_000), body, 1_800_000_010)).toBe('valid');
  });

  it('refuses a changed body, a changed timestamp or another secret', () => {
    const header = signWebhook(secret, body, 1_800_000_000);
    expect(verifyWebhookSignature(secret, header, `${body} `, 1_800_000_000)).toBe('mismatch');
    expect(verifyWebhookSignature(secret, header.replace('t=1800000000', 't=1800000001'), body, 1_800_000_000)).toBe(
      'mismatch',
    );
    expect(verifyWebhookSignature(newWebhookSecret(), header, body, 1_800_000_000)).toBe('mismatch');
  });

  it('refuses a replay outside the tolerance and a malformed header', () => {
    expect(verifyWebhookSignature(secret, signWebhook(secret, body, 1_800_000_000), body, 1_800_000_301)).toBe('stale');
    expect(verifyWebhookSignature(secret, 'v1=abc', body, 1_800_000_000)).toBe('malformed');
    expect(verifyWebhookSignature(secret, undefined, body, 1_800_000_000)).toBe('malformed');
  });

  it('makes a fresh 256-bit secret each time', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(newWebhookSecret());
  });
});
