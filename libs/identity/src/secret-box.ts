import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig } from '@accord/config';

/**
 * AES-256-GCM for small secrets at rest (TOTP seeds today). Each sealed value names the key that
 * sealed it (`v1.<keyId>.<iv>.<tag>.<ciphertext>`), so a key ring can later decrypt with old keys
 * while sealing with the newest one.
 */
export const DEV_DATA_KEY_FILE = 'data-encryption.key';

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

/** One key of the ring: an id stored with every value it seals, and 32 bytes of key. */
export interface DataKey {
  id: string;
  key: Buffer;
}

/** The id of a key configured without one (DATA_ENCRYPTION_KEY): derived from the key itself. */
export function derivedKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

/**
 * A key ring: the first key seals (and keys fingerprints), every key opens what it sealed. Rotation
 * without downtime: put the new key first, keep the old ones until a re-encryption pass has
 * resealed everything (`reseal`), then drop them. The interface (seal/open by key id) is what a
 * KMS-backed ring would implement too.
 */
export class SecretBox {
  /** The id of the key new values are sealed with. */
  readonly keyId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(keyOrRing: Buffer | readonly DataKey[]) {
    const ring = Buffer.isBuffer(keyOrRing) ? [{ id: derivedKeyId(keyOrRing), key: keyOrRing }] : keyOrRing;
    if (ring.length === 0) throw new SecretBoxError('the key ring is empty');
    for (const { id, key } of ring) {
      if (key.length !== 32) throw new SecretBoxError('the data encryption key must be 32 bytes');
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new SecretBoxError('a key id is 1-32 letters, digits, - or _');
      if (this.keys.has(id)) throw new SecretBoxError(`the key id ${id} appears twice in the ring`);
      this.keys.set(id, key);
    }
    this.keyId = ring[0]!.id;
  }

  private get primary(): Buffer {
    return this.keys.get(this.keyId)!;
  }

  /** The ids of every key of the ring, the sealing one first. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  /** `context` binds a value to its use (e.g. the user id), so a sealed value cannot be moved to another row. */
  seal(plain: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.primary, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [
      'v1',
      this.keyId,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      body.toString('base64url'),
    ].join('.');
  }

  /**
   * A keyed, one-way name for a low-entropy value (e.g. a source address) that must not be stored
   * as is. Keyed by the sealing key: after a rotation, stored fingerprints that must keep matching
   * are recomputed by the re-encryption pass.
   */
  fingerprint(purpose: string, value: string): string {
    return createHmac('sha256', this.primary).update(`${purpose}\u0000${value}`, 'utf8').digest('hex').slice(0, 32);
  }

  /** The id of the key that sealed a value (without opening it). */
  keyIdOf(sealed: string): string {
    const [version, keyId] = sealed.split('.');
    if (version !== 'v1' || !keyId) throw new SecretBoxError('not a sealed value');
    return keyId;
  }

  open(sealed: string, context: string): string {
    const [version, keyId, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new SecretBoxError('not a sealed value');
    const key = keyId === undefined ? undefined : this.keys.get(keyId);
    if (!key) throw new SecretBoxError(`sealed with an unknown key (${keyId ?? '?'})`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('a sealed value failed authentication (wrong key, context or tampering)');
    }
  }

  /** The value sealed with the current key; unchanged (same string) when it already is. */
  reseal(sealed: string, context: string): string {
    return this.keyIdOf(sealed) === this.keyId ? sealed : this.seal(this.open(sealed, context), context);
  }
}

/** Parses DATA_ENCRYPTION_KEYS (`id:base64,id:base64`, the sealing key first). */
export function parseKeyRing(text: string): DataKey[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.indexOf(':');
      if (at <= 0) throw new SecretBoxError('DATA_ENCRYPTION_KEYS entries are id:base64');
      return { id: part.slice(0, at), key: Buffer.from(part.slice(at + 1), 'base64') };
    });
}

/**
 * The configured key; outside production, when none is configured, one generated once and kept
 * under EMBEDDED_DATA_DIR (loadConfig already refuses production without a key).
 */
export function loadSecretBox(config: AppConfig): SecretBox {
  // DATA_ENCRYPTION_KEYS first (its first key seals); DATA_ENCRYPTION_KEY, under its derived id,
  // stays in the ring so what it sealed before keys had ids (TOTP seeds) keeps opening.
  const ring = config.dataEncryptionKeys ? parseKeyRing(config.dataEncryptionKeys) : [];
  if (config.dataEncryptionKey) {
    const key = Buffer.from(config.dataEncryptionKey, 'base64');
    if (!ring.some((k) => k.key.equals(key))) ring.push({ id: derivedKeyId(key), key });
  }
  if (ring.length > 0) return new SecretBox(ring);
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
