import { randomBytes } from 'node:crypto';
import type { AppConfig } from '@accord/config';
import { derivedKeyId, loadSecretBox, parseKeyRing, SecretBox, SecretBoxError } from './secret-box';

describe('SecretBox (AES-256-GCM)', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips a value and never stores it in clear', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'user:1');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(sealed.startsWith(`v1.${box.keyId}.`)).toBe(true);
    expect(box.open(sealed, 'user:1')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a value moved to another context, tampered with, or sealed by another key', () => {
    const sealed = box.seal('secret', 'user:1');
    expect(() => box.open(sealed, 'user:2')).toThrow(SecretBoxError);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('other!').toString('base64url');
    expect(() => box.open(parts.join('.'), 'user:1')).toThrow(SecretBoxError);
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'user:1')).toThrow(/unknown key/);
  });
});

describe('SecretBox key ring (rotation without downtime)', () => {
  const oldKey = { id: 'k2026a', key: randomBytes(32) };
  const newKey = { id: 'k2026b', key: randomBytes(32) };

  it('seals with the first key, opens with any key of the ring, and reseals old values with the new key', () => {
    const before = new SecretBox([oldKey]);
    const sealed = before.seal('Jalen', 'referral:1:name');
    const after = new SecretBox([newKey, oldKey]);
    expect(after.keyIdOf(sealed)).toBe('k2026a');
    expect(after.open(sealed, 'referral:1:name')).toBe('Jalen');
    expect(after.keyIdOf(after.seal('x', 'c'))).toBe('k2026b');
    const resealed = after.reseal(sealed, 'referral:1:name');
    expect(after.keyIdOf(resealed)).toBe('k2026b');
    expect(after.reseal(resealed, 'referral:1:name')).toBe(resealed);
    // Once everything is resealed the old key can leave the ring.
    expect(new SecretBox([newKey]).open(resealed, 'referral:1:name')).toBe('Jalen');
    expect(() => new SecretBox([newKey]).open(sealed, 'referral:1:name')).toThrow(/unknown key \(k2026a\)/);
  });

  it('keeps values sealed under DATA_ENCRYPTION_KEY readable when DATA_ENCRYPTION_KEYS is added', () => {
    const legacy = randomBytes(32);
    const totp = new SecretBox(legacy).seal('JBSWY3DPEHPK3PXP', 'user:1');
    const ring = loadSecretBox({
      dataEncryptionKey: legacy.toString('base64'),
      dataEncryptionKeys: `k2026b:${newKey.key.toString('base64')}`,
      isProduction: false,
      embeddedDataDir: '/nonexistent',
    } as AppConfig);
    expect(ring.keyId).toBe('k2026b');
    expect(ring.keyIds).toEqual(['k2026b', derivedKeyId(legacy)]);
    expect(ring.open(totp, 'user:1')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a malformed ring', () => {
    expect(() => new SecretBox([])).toThrow(/empty/);
    expect(() => new SecretBox([oldKey, { id: 'k2026a', key: randomBytes(32) }])).toThrow(/twice/);
    expect(() => parseKeyRing('nokey')).toThrow(/id:base64/);
  });
});
