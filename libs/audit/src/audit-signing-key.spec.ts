import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AuditKeyError,
  AuditSigningKey,
  checkpointSignedBytes,
  DEV_SIGNING_KEY_FILE,
  findAuditSigningKey,
  keyIdOf,
  loadAuditSigningKey,
  parseSigningKey,
  parseVerificationKey,
  verifyCheckpointSignature,
} from './audit-signing-key';

describe('audit signing key and checkpoints', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'accord-audit-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the key as PKCS#8 PEM, as base64 of the PEM, or as base64 of the DER', () => {
    const key = AuditSigningKey.generate();
    const pem = key.privateKeyPem();
    const der = parseSigningKey(pem).export({ format: 'der', type: 'pkcs8' }).toString('base64');
    for (const text of [pem, Buffer.from(pem).toString('base64'), der])
      expect(new AuditSigningKey(parseSigningKey(text)).keyId).toBe(key.keyId);
  });

  it('refuses a non-Ed25519 key or garbage, without echoing it', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    expect(() => parseSigningKey(rsa)).toThrow('AUDIT_SIGNING_KEY must be an Ed25519 key (got rsa)');
    expect(() => parseSigningKey('secret-looking value!')).toThrow(AuditKeyError);
    expect(() => parseSigningKey('secret-looking value!')).not.toThrow(/secret-looking/);
  });

  it('derives the key id from the raw public key: 16 hex characters, stable across encodings', () => {
    const key = AuditSigningKey.generate();
    expect(key.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(keyIdOf(parseVerificationKey(key.publicKeyPem()))).toBe(key.keyId);
    expect(keyIdOf(parseVerificationKey(key.privateKeyPem()))).toBe(key.keyId);
  });

  it('signs fixed-order bytes and refuses any change to a checkpoint, another key or a wrong key id', () => {
    const key = AuditSigningKey.generate();
    const checkpoint = key.sign({ stream: 'system', seq: 7, hash: 'a'.repeat(64) }, 1_795_000_000_000);
    expect(checkpointSignedBytes(checkpoint).toString()).toBe(
      `["accord-audit-checkpoint/v1","system",7,"${'a'.repeat(64)}",1795000000000,"${key.keyId}"]`,
    );
    expect(verifyCheckpointSignature(checkpoint, key.publicKeys())).toBe(true);
    for (const changed of [
      { seq: 8 },
      { hash: 'b'.repeat(64) },
      { stream: 'agreement:7f1d2c3b-0a4e-4b5c-8d6e-9f0a1b2c3d4e' },
      { signedAtMs: 1 },
      { signature: 'AAAA' },
    ]) {
      expect(verifyCheckpointSignature({ ...checkpoint, ...changed }, key.publicKeys())).toBe(false);
    }
    expect(verifyCheckpointSignature(checkpoint, AuditSigningKey.generate().publicKeys())).toBe(false);
  });

  it('creates a development key file with mode 0600 when none is configured, and reuses it', () => {
    const config = { auditSigningKey: undefined, embeddedDataDir: join(dir, 'var'), isProduction: false };
    expect(findAuditSigningKey(config)).toBeUndefined();
    const first = loadAuditSigningKey(config);
    const file = join(dir, 'var', DEV_SIGNING_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect(loadAuditSigningKey(config).keyId).toBe(first.keyId);
    expect(findAuditSigningKey(config)?.keyId).toBe(first.keyId);
    expect(existsSync(join(dir, 'var'))).toBe(true);
  });

  it('prefers the configured key and refuses to invent one in production', () => {
    const configured = AuditSigningKey.generate();
    expect(
      loadAuditSigningKey({ auditSigningKey: configured.privateKeyPem(), embeddedDataDir: dir, isProduction: true })
        .keyId,
    ).toBe(configured.keyId);
    expect(() => loadAuditSigningKey({ auditSigningKey: undefined, embeddedDataDir: dir, isProduction: true })).toThrow(
      'AUDIT_SIGNING_KEY is required in production',
    );
    expect(existsSync(join(dir, DEV_SIGNING_KEY_FILE))).toBe(false);
  });
});
