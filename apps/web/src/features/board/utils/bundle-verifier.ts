/**
 * The audit bundle verifier, in the browser (issue 16): the same verdicts as
 * `npm run audit:verify -- --bundle FILE`, because it is the same code. The verification itself —
 * the bundle parser, the entry hashes, checkpoint signatures and spans, the ChainVerifier with its
 * seven single-tampering diagnoses and pins — is libs/audit/src/bundle-verification.ts, platform-neutral
 * and imported through the narrow alias `@accord/audit-verification`; the CLI runs it with Node's crypto.
 * This file is only the browser's side: SHA-256 and Ed25519 from WebCrypto (a secure context: https, or
 * localhost), the key import, and a turn for the page between chunks of hashed entries (a progress bar
 * moves, clicks still answer). `bundle-verifier.test.ts` runs the CLI next to it on the same bundles.
 */
import {
  type AuditBundle,
  type BundleVerification,
  type VerificationCrypto,
  verifyBundle,
} from '@accord/audit-verification';

export {
  AuditBundleError,
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_V1,
  isWithheld,
  parseAuditBundle,
  type AuditBundle,
  type AuditCheckpoint,
  type AuditDetailValue,
  type BundleEntry,
  type BundleVerification,
  type ChainProblem,
  type ChainReport,
  type PlainEntry,
  type Sealed,
  type SealedEntry,
  type TamperKind,
  type WithheldEntry,
} from '@accord/audit-verification';

export class AuditKeyError extends Error {
  constructor(readonly code: 'insecure-context' | 'unreadable-key' | 'no-ed25519') {
    super(`The audit key cannot be used: ${code}`);
    this.name = 'AuditKeyError';
  }
}

export interface VerificationKey {
  keyId: string;
  fingerprint: string;
  key: CryptoKey;
}

const encoder = new TextEncoder();

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (s === undefined) throw new AuditKeyError('insecure-context');
  return s;
}

function hex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

function base64Bytes(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    const binary = atob(text.replace(/\s+/g, ''));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

/** WebCrypto for the shared verification. */
const webCrypto: VerificationCrypto<VerificationKey> = {
  sha256Hex: async (text) => hex(await subtle().digest('SHA-256', encoder.encode(text))),
  verifyEd25519: async (key, signatureBase64, signedText) => {
    const signature = base64Bytes(signatureBase64);
    if (signature === null || signature.length !== 64) return false;
    try {
      return await subtle().verify({ name: 'Ed25519' }, key.key, signature, encoder.encode(signedText));
    } catch {
      return false;
    }
  },
};

/** An Ed25519 public key in SPKI PEM (GET /agreements/:id/audit/public-key, or a bundle's copy). */
export async function importPublicKey(pem: string): Promise<VerificationKey> {
  const body = pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '');
  const der = base64Bytes(body);
  if (der === null) throw new AuditKeyError('unreadable-key');
  let key: CryptoKey;
  try {
    key = await subtle().importKey('spki', der, { name: 'Ed25519' }, true, ['verify']);
  } catch (error) {
    if (error instanceof AuditKeyError) throw error;
    throw new AuditKeyError((error as Error).name === 'NotSupportedError' ? 'no-ed25519' : 'unreadable-key');
  }
  const fingerprint = hex(await subtle().digest('SHA-256', await subtle().exportKey('raw', key)));
  return { keyId: fingerprint.slice(0, 16), fingerprint, key };
}

export interface BrowserVerifyOptions {
  /** The partnership's published key(s) (SPKI PEM); without, the bundle's own, which proves less. */
  trustedKeys?: readonly VerificationKey[];
  previous?: AuditBundle;
  /** Entries hashed between two yields to the page. */
  chunkSize?: number;
  /** Called after each chunk: entries hashed so far, of `total` (both bundles with a previous one). */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Gives the page a turn (paint, input) between chunks. */
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Verifies a bundle as `npm run audit:verify -- --bundle FILE [--previous OLD] [--public-key K]` does: entries
 * hashed in chunks of `chunkSize` (in parallel within a chunk, in order across chunks), yielding to the
 * page between chunks.
 */
export async function verifyBundleInBrowser(
  bundle: AuditBundle,
  options: BrowserVerifyOptions = {},
): Promise<BundleVerification> {
  const trusted = options.trustedKeys;
  const keyList = trusted ?? (await Promise.all(bundle.publicKeys.map((key) => importPublicKey(key.pem))));
  return verifyBundle(bundle, new Map(keyList.map((key) => [key.keyId, key])), webCrypto, {
    keysFromBundle: trusted === undefined,
    previous: options.previous,
    chunkSize: options.chunkSize,
    onProgress: options.onProgress,
    betweenChunks: yieldToPage,
    signal: options.signal,
  });
}
