import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig } from '@accord/config';

/**
 * AES-256-GCM for small secrets at rest (TOTP seeds today). Each sealed value names the key that
 * sealed it (`v1.<keyId>.<iv>.<tag>.<ciphertext>`), so a key ring can later decrypt with old keys
 * while sealing with the newest one (the referrals issue grows this file into that ring).
 */
export const DEV_DATA_KEY_FILE = 'data-encryption.key';

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

export class SecretBox {
  readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new SecretBoxError('the data encryption key must be 32 bytes');
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 12);
  }

  /** `context` binds a value to its use (e.g. the user id), so a sealed value cannot be moved to another row. */
  seal(plain: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', this.keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  /** A keyed, one-way name for a low-entropy value (e.g. a source address) that must not be stored as is. */
  fingerprint(purpose: string, value: string): string {
    return createHmac('sha256', this.key).update(`${purpose}\u0000${value}`, 'utf8').digest('hex').slice(0, 32);
  }

  open(sealed: string, context: string): string {
    const [version, keyId, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new SecretBoxError('not a sealed value');
    if (keyId !== this.keyId) throw new SecretBoxError(`sealed with an unknown key (${keyId ?? '?'})`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('a sealed value failed authentication (wrong key, context or tampering)');
    }
  }
}

/**
 * The configured key; outside production, when none is configured, one generated once and kept
 * under EMBEDDED_DATA_DIR (loadConfig already refuses production without a key).
 */
export function loadSecretBox(config: AppConfig): SecretBox {
  if (config.dataEncryptionKey) return new SecretBox(Buffer.from(config.dataEncryptionKey, 'base64'));
  if (config.isProduction) throw new SecretBoxError('DATA_ENCRYPTION_KEY is required in production');
  const dir = resolve(config.embeddedDataDir);
  const file = join(dir, DEV_DATA_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
  }
  return new SecretBox(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'));
}
