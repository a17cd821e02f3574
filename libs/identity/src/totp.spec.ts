import { createHmac } from 'node:crypto';
import { base32Decode } from './base32';
import { matchTotpStep, newTotpSecret, totpCodeAt, totpCodeForStep, totpStepAt, totpUri } from './totp';

describe('TOTP step logic', () => {
  const secret = newTotpSecret();
  const t = Date.UTC(2026, 10, 20, 12, 0, 10);
  const step = totpStepAt(t);

  it('computes the RFC 6238 code (HMAC-SHA1, dynamic truncation, 6 digits) of the 30-second step', () => {
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(BigInt(Math.floor(t / 30000)));
    const mac = createHmac('sha1', Buffer.from(base32Decode(secret)))
      .update(counter)
      .digest();
    const offset = mac[19]! & 0xf;
    const expected = String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
    expect(totpCodeAt(secret, t)).toBe(expected);
    // The RFC 6238 appendix B vector (SHA-1, T = 59 s) with the RFC's ASCII seed.
    expect(totpCodeAt('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59_000)).toBe('287082');
    expect(totpCodeAt(secret, t)).toMatch(/^\d{6}$/);
  });

  it('accepts the current step and one step either side, and nothing further', () => {
    expect(matchTotpStep(secret, totpCodeForStep(secret, step), t, null)).toBe(step);
    expect(matchTotpStep(secret, totpCodeForStep(secret, step - 1), t, null)).toBe(step - 1);
    expect(matchTotpStep(secret, totpCodeForStep(secret, step + 1), t, null)).toBe(step + 1);
    const far = [step - 2, step + 2]
      .map((s) => totpCodeForStep(secret, s))
      .filter((c) => ![-1, 0, 1].some((d) => totpCodeForStep(secret, step + d) === c));
    for (const code of far) expect(matchTotpStep(secret, code, t, null)).toBeNull();
  });

  it('refuses a code whose step was already used (replay), and any earlier step', () => {
    const code = totpCodeForStep(secret, step);
    expect(matchTotpStep(secret, code, t, step)).toBeNull();
    expect(matchTotpStep(secret, totpCodeForStep(secret, step - 1), t, step)).toBeNull();
    expect(matchTotpStep(secret, totpCodeForStep(secret, step + 1), t, step)).toBe(step + 1);
  });

  it('refuses anything that is not six digits', () => {
    for (const code of ['', '12345', '1234567', 'abcdef', ' 123456'])
      expect(matchTotpStep(secret, code, t, null)).toBeNull();
  });

  it('builds an otpauth URI with issuer, 6 digits and 30 s', () => {
    const uri = totpUri(secret, 'someone@example.org');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Accord:/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain('issuer=Accord');
  });
});
