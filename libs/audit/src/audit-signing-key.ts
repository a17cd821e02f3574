import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@accord/config';
import { sha256Hex } from './audit-chain';
import { checkpointSignedText, type VerificationCrypto } from './bundle-verification';

/**
 * Signed checkpoints: an Ed25519 signature over a stream's head (seq + hash) at a moment. Anyone
 * holding the public key can check, offline, that the chain they were handed still contains the
 * signed head — which is what makes truncating the tail or rewriting the whole chain visible.
 */
export { CHECKPOINT_FORMAT, CHECKPOINT_FORMAT_V2 } from './bundle-verification';
export const DEV_SIGNING_KEY_FILE = 'audit-signing-key.pem';

/**
 * A signed head. Format 2 (every checkpoint signed since issue 13) also signs the SPAN it vouches
 * for: `fromSeq` (the seq after the previous checkpoint, 1 for the first) and `spanDigest`, the hex
 * SHA-256 of the JSON array of the hashes of entries fromSeq…seq, which it carries as `spanHashes`
 * (a copy sent to a webhook carries the digest only). So a checkpoint names the previous one — a
 * deleted checkpoint leaves a dangling `fromSeq` — and holds the original hash of every entry it
 * covers, so a rewrite is found at the first changed entry, not at the next checkpoint.
 */
export interface AuditCheckpoint {
  stream: string;
  seq: number;
  hash: string;
  signedAtMs: number;
  keyId: string;
  /** Base64 of the 64-byte Ed25519 signature over `checkpointSignedBytes`. */
  signature: string;
  format?: 1 | 2;
  fromSeq?: number;
  spanDigest?: string;
  spanHashes?: string[];
}

export function spanDigestOf(hashes: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(hashes), 'utf8').digest('hex');
}

export class AuditKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditKeyError';
  }
}

/** The exact bytes that are signed: a fixed-order JSON array, like the entry hash. */
export function checkpointSignedBytes(checkpoint: Omit<AuditCheckpoint, 'signature'>): Buffer {
  return Buffer.from(checkpointSignedText(checkpoint), 'utf8');
}

/** A format-2 checkpoint's span, when it carries one: consistent with its digest, its range and its head. */
function spanProblem(checkpoint: AuditCheckpoint): boolean {
  if (
    !Number.isInteger(checkpoint.fromSeq) ||
    checkpoint.fromSeq! < 1 ||
    checkpoint.fromSeq! > checkpoint.seq ||
    typeof checkpoint.spanDigest !== 'string'
  )
    return true;
  const span = checkpoint.spanHashes;
  if (span === undefined) return false;
  return (
    !Array.isArray(span) ||
    span.length !== checkpoint.seq - checkpoint.fromSeq! + 1 ||
    span[span.length - 1] !== checkpoint.hash ||
    spanDigestOf(span) !== checkpoint.spanDigest
  );
}

/** Hex SHA-256 over the raw 32-byte public key. */
export function publicKeyFingerprint(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string')
    throw new AuditKeyError('the audit key is not an Ed25519 key');
  return createHash('sha256').update(Buffer.from(jwk.x, 'base64url')).digest('hex');
}

/** First 16 hex characters of SHA-256 over the raw 32-byte public key. */
export function keyIdOf(publicKey: KeyObject): string {
  return publicKeyFingerprint(publicKey).slice(0, 16);
}

/** PEM text as given, or base64 of the PEM, or base64 of the DER. */
function keyMaterial(text: string): { pem?: string; der?: Buffer } {
  const trimmed = text.trim();
  if (trimmed.includes('-----BEGIN')) return { pem: trimmed };
  if (!/^[A-Za-z0-9+/=\s]+$/.test(trimmed)) throw new AuditKeyError('the audit key is neither PEM nor base64');
  const decoded = Buffer.from(trimmed, 'base64');
  const asText = decoded.toString('utf8');
  return asText.includes('-----BEGIN') ? { pem: asText } : { der: decoded };
}

function requireEd25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519')
    throw new AuditKeyError(`${what} must be an Ed25519 key (got ${key.asymmetricKeyType ?? 'a non-asymmetric key'})`);
  return key;
}

/** Parses an Ed25519 private key (PKCS#8 PEM, or its base64). The key itself is never echoed. */
export function parseSigningKey(text: string): KeyObject {
  const { pem, der } = keyMaterial(text);
  let key: KeyObject;
  try {
    key = pem !== undefined ? createPrivateKey(pem) : createPrivateKey({ key: der!, format: 'der', type: 'pkcs8' });
  } catch {
    throw new AuditKeyError('AUDIT_SIGNING_KEY is not a readable PKCS#8 private key');
  }
  return requireEd25519(key, 'AUDIT_SIGNING_KEY');
}

/** Parses an Ed25519 public key (SPKI PEM or base64); a private key is accepted and reduced to its public half. */
export function parseVerificationKey(text: string): KeyObject {
  const { pem, der } = keyMaterial(text);
  let key: KeyObject;
  try {
    key = pem !== undefined ? createPublicKey(pem) : createPublicKey({ key: der!, format: 'der', type: 'spki' });
  } catch {
    throw new AuditKeyError('the public key is not a readable SPKI (or PKCS#8) key');
  }
  return requireEd25519(key, 'the public key');
}

/** Public keys by key id, as the verifier takes them. */
export type AuditPublicKeys = ReadonlyMap<string, KeyObject>;

export function publicKeySet(keys: KeyObject[]): AuditPublicKeys {
  return new Map(keys.map((key) => [keyIdOf(key), key]));
}

export function verifyCheckpointSignature(checkpoint: AuditCheckpoint, keys: AuditPublicKeys): boolean {
  const key = keys.get(checkpoint.keyId);
  if (key === undefined) return false;
  if (checkpoint.format === 2 && spanProblem(checkpoint)) return false;
  const signature = Buffer.from(checkpoint.signature, 'base64');
  if (signature.length !== 64) return false;
  try {
    return verify(null, checkpointSignedBytes(checkpoint), key, signature);
  } catch {
    return false;
  }
}

/**
 * Node's crypto for the platform-neutral bundle verification (bundle-verification.ts): the same
 * hashing and signature check as above, as promises.
 */
export const nodeVerificationCrypto: VerificationCrypto<KeyObject> = {
  sha256Hex: (text) => Promise.resolve(sha256Hex(text)),
  verifyEd25519: (key, signatureBase64, signedText) => {
    const signature = Buffer.from(signatureBase64, 'base64');
    if (signature.length !== 64) return Promise.resolve(false);
    try {
      return Promise.resolve(verify(null, Buffer.from(signedText, 'utf8'), key, signature));
    } catch {
      return Promise.resolve(false);
    }
  },
};

export class AuditSigningKey {
  readonly publicKey: KeyObject;
  readonly keyId: string;

  constructor(private readonly privateKey: KeyObject) {
    requireEd25519(privateKey, 'the audit signing key');
    this.publicKey = createPublicKey(privateKey);
    this.keyId = keyIdOf(this.publicKey);
  }

  static generate(): AuditSigningKey {
    return new AuditSigningKey(generateKeyPairSync('ed25519').privateKey);
  }

  /** Format 2 with `span` (the hashes of entries span.fromSeq…head.seq, the head's last); format 1 without. */
  sign(
    head: { stream: string; seq: number; hash: string },
    signedAtMs: number,
    span?: { fromSeq: number; hashes: string[] },
  ): AuditCheckpoint {
    const unsigned: Omit<AuditCheckpoint, 'signature'> = {
      stream: head.stream,
      seq: head.seq,
      hash: head.hash,
      signedAtMs,
      keyId: this.keyId,
    };
    if (span !== undefined)
      Object.assign(unsigned, {
        format: 2,
        fromSeq: span.fromSeq,
        spanDigest: spanDigestOf(span.hashes),
        spanHashes: [...span.hashes],
      });
    return { ...unsigned, signature: sign(null, checkpointSignedBytes(unsigned), this.privateKey).toString('base64') };
  }

  /**
   * Hex SHA-256 of the raw 32-byte public key: what a partnership publishes (the key id is its first 16 characters).
   */
  get fingerprint(): string {
    return publicKeyFingerprint(this.publicKey);
  }

  publicKeyPem(): string {
    return this.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  }

  publicKeys(): AuditPublicKeys {
    return publicKeySet([this.publicKey]);
  }

  /** PKCS#8 PEM, for writing the development key file and for tests. */
  privateKeyPem(): string {
    return this.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  }
}

/**
 * The configured signing key. Without AUDIT_SIGNING_KEY outside production, a development key is
 * kept in `<EMBEDDED_DATA_DIR>/audit-signing-key.pem` (mode 0600), created on first use — so that
 * the API and the worker of one installation, and the verify command, agree on it.
 */
export function loadAuditSigningKey(
  config: Pick<AppConfig, 'auditSigningKey' | 'embeddedDataDir' | 'isProduction'>,
): AuditSigningKey {
  if (config.auditSigningKey !== undefined) return new AuditSigningKey(parseSigningKey(config.auditSigningKey));
  if (config.isProduction) throw new AuditKeyError('AUDIT_SIGNING_KEY is required in production');
  const file = join(config.embeddedDataDir, DEV_SIGNING_KEY_FILE);
  const existing = readKeyFile(file);
  if (existing !== undefined) return new AuditSigningKey(parseSigningKey(existing));
  mkdirSync(config.embeddedDataDir, { recursive: true, mode: 0o700 });
  const generated = AuditSigningKey.generate();
  // Written whole to a private temporary file, then linked into place: link() fails if the name
  // exists, so when the API and the worker start together exactly one key wins, and the other
  // process never reads a half-written file.
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, generated.privateKeyPem(), { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
    return generated;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return new AuditSigningKey(parseSigningKey(readFileSync(file, 'utf8')));
  } finally {
    unlinkSync(temporary);
  }
}

/** The configured key if there is one (never creates a key): what the verify command trusts. */
export function findAuditSigningKey(
  config: Pick<AppConfig, 'auditSigningKey' | 'embeddedDataDir'>,
): AuditSigningKey | undefined {
  if (config.auditSigningKey !== undefined) return new AuditSigningKey(parseSigningKey(config.auditSigningKey));
  const existing = readKeyFile(join(config.embeddedDataDir, DEV_SIGNING_KEY_FILE));
  return existing === undefined ? undefined : new AuditSigningKey(parseSigningKey(existing));
}

function readKeyFile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
