/**
 * Bundle verification, platform-neutral: the ONE implementation behind `npm run audit:verify --
 * --bundle FILE` (libs/audit/src/audit-bundle.ts, Node's crypto) and the board's "Verify in the
 * browser" (apps/web/src/features/board/utils/bundle-verifier.ts, WebCrypto), and the ChainVerifier
 * the database reader (audit-store.ts) uses too.
 *
 * Pure TypeScript, no `node:` import and no DOM: SHA-256 and the Ed25519 signature check are
 * injected as asynchronous functions (`VerificationCrypto`), because WebCrypto only hashes
 * asynchronously. The web app imports this file through the narrow alias `@accord/audit-verification`
 * (apps/web/tsconfig.json, vite.config.mts); nothing else of libs/audit may reach the web bundle, so
 * this file may import nothing but types from elsewhere (and it imports nothing at all).
 */

export const BUNDLE_FORMAT = 'accord-audit-bundle/v2';
export const BUNDLE_FORMAT_V1 = 'accord-audit-bundle/v1';
const ENTRY_FORMAT = 'accord-audit/v1';
const ENTRY_FORMAT_V2 = 'accord-audit/v2';
const GENESIS_FORMAT = 'accord-audit-genesis/v1';
const COMMITMENT_FORMAT = 'accord-audit-commit/v2';
export const CHECKPOINT_FORMAT = 'accord-audit-checkpoint/v1';
export const CHECKPOINT_FORMAT_V2 = 'accord-audit-checkpoint/v2';
const HASH_PATTERN = /^[0-9a-f]{64}$/;
const PRIVATE_FIELDS = ['actorUserId', 'requestId', 'sourceIp'] as const;
type PrivateField = (typeof PRIVATE_FIELDS)[number];

export type AuditDetailValue = string | number | boolean | null;
export type Sealed<T> = { value: T; salt: string } | { commitment: string };

interface EntryCommon {
  id: string;
  stream: string;
  seq: number;
  prevHash: string;
  hash: string;
  occurredAtMs: number;
  actorOrgId: string | null;
  actorRoles: string[];
  action: string;
  subjectType: string;
  subjectId: string | null;
  agreementId: string | null;
  agreementVersion: number | null;
  outcome: string;
  reason: string | null;
  fieldsReleased: string[];
  fieldsWithheld: string[];
}

/** A format-1 entry shown whole. */
export interface PlainEntry extends EntryCommon {
  format?: 1;
  actorUserId: string | null;
  requestId: string | null;
  sourceIp: string | null;
  details: Record<string, AuditDetailValue> | null;
}

/** A format-2 entry: each private field its value with its salt, or only its commitment. */
export interface SealedEntry extends EntryCommon {
  format: 2;
  actorUserId: Sealed<string> | null;
  requestId: Sealed<string> | null;
  sourceIp: Sealed<string> | null;
  details: Record<string, Sealed<AuditDetailValue>> | null;
}

/** A format-1 entry with something private to the reader: only its place in the chain. */
export interface WithheldEntry {
  format: 1;
  withheld: true;
  id: string;
  stream: string;
  seq: number;
  prevHash: string;
  hash: string;
}

export type BundleEntry = PlainEntry | SealedEntry | WithheldEntry;
type VerifiableEntry = BundleEntry;

export interface AuditCheckpoint {
  stream: string;
  seq: number;
  hash: string;
  signedAtMs: number;
  keyId: string;
  signature: string;
  format?: 1 | 2;
  fromSeq?: number;
  spanDigest?: string;
  spanHashes?: string[];
}

export interface AuditBundle {
  format: typeof BUNDLE_FORMAT | typeof BUNDLE_FORMAT_V1;
  stream: string;
  exportedAt: string;
  audience: { orgId: string } | null;
  publicKeys: Array<{ keyId: string; pem: string }>;
  checkpoints: AuditCheckpoint[];
  entries: BundleEntry[];
}

export function isWithheld(entry: VerifiableEntry): entry is WithheldEntry {
  return (entry as Partial<WithheldEntry>).withheld === true;
}

// ---- parsing: the shape only, and only the known fields, so nothing a file adds changes how it is read ----

export class AuditBundleError extends Error {
  constructor(message: string) {
    super(`Not a valid audit bundle: ${message}`);
    this.name = 'AuditBundleError';
  }
}

const NULLABLE_STRING = [
  'actorUserId',
  'actorOrgId',
  'subjectId',
  'agreementId',
  'reason',
  'requestId',
  'sourceIp',
] as const;
const STRING = ['id', 'stream', 'prevHash', 'hash', 'action', 'subjectType', 'outcome'] as const;
const STRING_LIST = ['actorRoles', 'fieldsReleased', 'fieldsWithheld'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isSealedValue(value: unknown, scalar: (v: unknown) => boolean): boolean {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'commitment')
    return typeof value.commitment === 'string' && HASH_PATTERN.test(value.commitment);
  return (
    keys.length === 2 &&
    'value' in value &&
    typeof value.salt === 'string' &&
    HASH_PATTERN.test(value.salt) &&
    scalar(value.value)
  );
}

const isDetailValue = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const copySealed = <T>(value: Sealed<T>): Sealed<T> =>
  'commitment' in value ? { commitment: value.commitment } : { value: value.value, salt: value.salt };

function checkEntry(value: unknown, index: number): BundleEntry {
  const where = `entries[${index}]`;
  if (!isObject(value)) throw new AuditBundleError(`${where} is not an object`);
  if (value.withheld === true) {
    for (const field of ['id', 'stream', 'prevHash', 'hash'] as const)
      if (typeof value[field] !== 'string') throw new AuditBundleError(`${where}.${field} must be a string`);
    if (typeof value.seq !== 'number') throw new AuditBundleError(`${where}.seq must be a number`);
    return {
      format: 1,
      withheld: true,
      id: value.id as string,
      stream: value.stream as string,
      seq: value.seq,
      prevHash: value.prevHash as string,
      hash: value.hash as string,
    };
  }
  const sealed = value.format === 2;
  if (!sealed && value.format !== undefined && value.format !== 1)
    throw new AuditBundleError(`${where}.format must be 1 or 2`);
  for (const field of STRING)
    if (typeof value[field] !== 'string') throw new AuditBundleError(`${where}.${field} must be a string`);
  const nullable = sealed
    ? NULLABLE_STRING.filter((f) => !(PRIVATE_FIELDS as readonly string[]).includes(f))
    : NULLABLE_STRING;
  for (const field of nullable)
    if (value[field] !== null && typeof value[field] !== 'string')
      throw new AuditBundleError(`${where}.${field} must be a string or null`);
  for (const field of STRING_LIST) {
    const list = value[field];
    if (!Array.isArray(list) || list.some((item) => typeof item !== 'string'))
      throw new AuditBundleError(`${where}.${field} must be a list of strings`);
  }
  if (typeof value.seq !== 'number' || typeof value.occurredAtMs !== 'number')
    throw new AuditBundleError(`${where}.seq and .occurredAtMs must be numbers`);
  if (value.agreementVersion !== null && typeof value.agreementVersion !== 'number')
    throw new AuditBundleError(`${where}.agreementVersion must be a number or null`);
  const details = value.details;
  const common: EntryCommon = {
    id: value.id as string,
    stream: value.stream as string,
    seq: value.seq,
    prevHash: value.prevHash as string,
    hash: value.hash as string,
    occurredAtMs: value.occurredAtMs,
    actorOrgId: value.actorOrgId as string | null,
    actorRoles: [...(value.actorRoles as string[])],
    action: value.action as string,
    subjectType: value.subjectType as string,
    subjectId: value.subjectId as string | null,
    agreementId: value.agreementId as string | null,
    agreementVersion: value.agreementVersion as number | null,
    outcome: value.outcome as string,
    reason: value.reason as string | null,
    fieldsReleased: [...(value.fieldsReleased as string[])],
    fieldsWithheld: [...(value.fieldsWithheld as string[])],
  };
  if (!sealed) {
    if (details !== null && !(isObject(details) && Object.values(details).every(isDetailValue)))
      throw new AuditBundleError(`${where}.details must be null or a flat object`);
    return {
      ...common,
      actorUserId: value.actorUserId as string | null,
      requestId: value.requestId as string | null,
      sourceIp: value.sourceIp as string | null,
      details: details === null ? null : { ...(details as Record<string, AuditDetailValue>) },
    };
  }
  const top = (field: PrivateField): Sealed<string> | null => {
    const v = value[field];
    if (v === null) return null;
    if (!isSealedValue(v, (x) => typeof x === 'string'))
      throw new AuditBundleError(`${where}.${field} must be null, { value, salt } or { commitment }`);
    return copySealed(v as Sealed<string>);
  };
  let sealedDetails: Record<string, Sealed<AuditDetailValue>> | null = null;
  if (details !== null) {
    if (!isObject(details) || !Object.values(details).every((v) => isSealedValue(v, isDetailValue)))
      throw new AuditBundleError(`${where}.details must be null or an object of { value, salt } or { commitment }`);
    sealedDetails = Object.create(null) as Record<string, Sealed<AuditDetailValue>>;
    for (const [key, v] of Object.entries(details)) sealedDetails[key] = copySealed(v as Sealed<AuditDetailValue>);
  }
  return {
    ...common,
    format: 2,
    actorUserId: top('actorUserId'),
    requestId: top('requestId'),
    sourceIp: top('sourceIp'),
    details: sealedDetails,
  };
}

function checkCheckpoint(value: unknown, index: number): AuditCheckpoint {
  const where = `checkpoints[${index}]`;
  if (!isObject(value)) throw new AuditBundleError(`${where} is not an object`);
  for (const field of ['stream', 'hash', 'keyId', 'signature'] as const)
    if (typeof value[field] !== 'string') throw new AuditBundleError(`${where}.${field} must be a string`);
  for (const field of ['seq', 'signedAtMs'] as const)
    if (typeof value[field] !== 'number') throw new AuditBundleError(`${where}.${field} must be a number`);
  const checkpoint: AuditCheckpoint = {
    stream: value.stream as string,
    seq: value.seq as number,
    hash: value.hash as string,
    signedAtMs: value.signedAtMs as number,
    keyId: value.keyId as string,
    signature: value.signature as string,
  };
  if (value.format === 2) {
    if (typeof value.fromSeq !== 'number' || typeof value.spanDigest !== 'string')
      throw new AuditBundleError(`${where} of format 2 needs fromSeq and spanDigest`);
    const span = value.spanHashes;
    if (span !== undefined && !(Array.isArray(span) && span.every((h) => typeof h === 'string')))
      throw new AuditBundleError(`${where}.spanHashes must be a list of strings`);
    Object.assign(checkpoint, {
      format: 2,
      fromSeq: value.fromSeq,
      spanDigest: value.spanDigest,
      ...(span !== undefined ? { spanHashes: [...(span as string[])] } : {}),
    });
  } else if (value.format !== undefined && value.format !== 1)
    throw new AuditBundleError(`${where}.format must be 1 or 2`);
  return checkpoint;
}

/** Checkpoints as a webhook delivered them, or as a file of them: a JSON array, or one JSON object per line. */
export function parseCheckpoints(text: string): AuditCheckpoint[] {
  const trimmed = text.trim();
  let values: unknown[];
  try {
    values = trimmed.startsWith('[')
      ? (JSON.parse(trimmed) as unknown[])
      : trimmed
          .split(/\r?\n/)
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as unknown);
  } catch {
    throw new AuditBundleError('the checkpoints file is neither a JSON array nor one JSON object per line');
  }
  if (!Array.isArray(values)) throw new AuditBundleError('the checkpoints file must hold a list');
  return values.map(checkCheckpoint);
}

export function parseAuditBundle(text: string): AuditBundle {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AuditBundleError('the file is not JSON');
  }
  if (!isObject(value) || (value.format !== BUNDLE_FORMAT && value.format !== BUNDLE_FORMAT_V1))
    throw new AuditBundleError(`format must be "${BUNDLE_FORMAT}" (or "${BUNDLE_FORMAT_V1}")`);
  if (typeof value.stream !== 'string') throw new AuditBundleError('stream must be a string');
  if (!Array.isArray(value.entries) || !Array.isArray(value.checkpoints) || !Array.isArray(value.publicKeys)) {
    throw new AuditBundleError('entries, checkpoints and publicKeys must be lists');
  }
  const publicKeys = value.publicKeys.map((key: unknown, index: number) => {
    if (!isObject(key) || typeof key.pem !== 'string' || typeof key.keyId !== 'string')
      throw new AuditBundleError(`publicKeys[${index}] needs keyId and pem`);
    return { keyId: key.keyId, pem: key.pem };
  });
  const audience =
    isObject(value.audience) && typeof value.audience.orgId === 'string' ? { orgId: value.audience.orgId } : null;
  return {
    format: value.format,
    stream: value.stream,
    exportedAt: typeof value.exportedAt === 'string' ? value.exportedAt : '',
    audience,
    publicKeys,
    checkpoints: value.checkpoints.map(checkCheckpoint),
    entries: value.entries.map(checkEntry),
  };
}

// ---- hashing (audit-chain.ts, audit-sealing.ts), with the platform's crypto -------------------------------

/**
 * What the platform provides: Node's crypto (libs/audit/src/audit-bundle.ts) or WebCrypto (the board's
 * page). `K` is the platform's public key object.
 */
export interface VerificationCrypto<K> {
  /** Hex SHA-256 of the UTF-8 text. */
  sha256Hex(text: string): Promise<string>;
  /**
   * Whether `signatureBase64` (a checkpoint's `signature`, decoded as the platform always did; false
   * unless 64 bytes) is `key`'s Ed25519 signature of the UTF-8 text `signedText`; false on any error.
   */
  verifyEd25519(key: K, signatureBase64: string, signedText: string): Promise<boolean>;
}

async function commitment(crypto: VerificationCrypto<unknown>, salt: string, value: AuditDetailValue): Promise<string> {
  return crypto.sha256Hex(`${COMMITMENT_FORMAT}:${salt}:${JSON.stringify(value)}`);
}

export function genesisHash(stream: string, crypto: VerificationCrypto<unknown>): Promise<string> {
  return crypto.sha256Hex(JSON.stringify([GENESIS_FORMAT, stream]));
}

function canonicalDetails(details: Record<string, AuditDetailValue> | null): Array<[string, AuditDetailValue]> | null {
  if (details === null) return null;
  return Object.keys(details)
    .sort()
    .map((key) => [key, details[key]!]);
}

function orderedFields(entry: EntryCommon, p: Record<PrivateField | 'details', unknown>): unknown[] {
  return [
    entry.id,
    entry.occurredAtMs,
    p.actorUserId,
    entry.actorOrgId,
    entry.actorRoles,
    entry.action,
    entry.subjectType,
    entry.subjectId,
    entry.agreementId,
    entry.agreementVersion,
    entry.outcome,
    entry.reason,
    entry.fieldsReleased,
    entry.fieldsWithheld,
    p.requestId,
    p.sourceIp,
    p.details,
  ];
}

async function commitmentOfSealed(
  crypto: VerificationCrypto<unknown>,
  sealed: Sealed<AuditDetailValue>,
): Promise<string> {
  if ('commitment' in sealed)
    return typeof sealed.commitment === 'string' && HASH_PATTERN.test(sealed.commitment) ? sealed.commitment : '';
  // A salt of any other shape would make the text ambiguous: it cannot be one the server made.
  return typeof sealed.salt === 'string' && HASH_PATTERN.test(sealed.salt)
    ? commitment(crypto, sealed.salt, sealed.value)
    : '';
}

/** The hash an entry's content gives at `seq` (whole, sealed or withheld; '' when it cannot be one the server made). */
export async function hashAtSeq(
  entry: VerifiableEntry,
  seq: number,
  crypto: VerificationCrypto<unknown>,
): Promise<string> {
  if (isWithheld(entry)) return seq === entry.seq && HASH_PATTERN.test(entry.hash) ? entry.hash : '';
  if (entry.format === 2) {
    const top = (field: PrivateField) => (entry[field] === null ? null : commitmentOfSealed(crypto, entry[field]));
    const details =
      entry.details === null
        ? null
        : await Promise.all(
            Object.keys(entry.details)
              .sort()
              .map(async (key): Promise<[string, string]> => [
                key,
                await commitmentOfSealed(crypto, entry.details![key]!),
              ]),
          );
    const [actorUserId, requestId, sourceIp] = await Promise.all([
      top('actorUserId'),
      top('requestId'),
      top('sourceIp'),
    ]);
    const fields = orderedFields(entry, { actorUserId, requestId, sourceIp, details });
    return crypto.sha256Hex(JSON.stringify([ENTRY_FORMAT_V2, entry.stream, seq, entry.prevHash, ...fields]));
  }
  const fields = orderedFields(entry, {
    actorUserId: entry.actorUserId,
    requestId: entry.requestId,
    sourceIp: entry.sourceIp,
    details: canonicalDetails(entry.details),
  });
  return crypto.sha256Hex(JSON.stringify([ENTRY_FORMAT, entry.stream, seq, entry.prevHash, ...fields]));
}

// ---- checkpoint signatures (audit-signing-key.ts) --------------------------------------------------------

/** The exact text that is signed: a fixed-order JSON array, like the entry hash. */
export function checkpointSignedText(checkpoint: Omit<AuditCheckpoint, 'signature'>): string {
  const head = [checkpoint.stream, checkpoint.seq, checkpoint.hash, checkpoint.signedAtMs, checkpoint.keyId];
  return checkpoint.format === 2
    ? JSON.stringify([CHECKPOINT_FORMAT_V2, ...head, checkpoint.fromSeq, checkpoint.spanDigest])
    : JSON.stringify([CHECKPOINT_FORMAT, ...head]);
}

/** A format-2 checkpoint's span, when it carries one: consistent with its digest, its range and its head. */
async function spanProblem(checkpoint: AuditCheckpoint, crypto: VerificationCrypto<unknown>): Promise<boolean> {
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
    (await crypto.sha256Hex(JSON.stringify(span))) !== checkpoint.spanDigest
  );
}

export async function verifyCheckpointSignature<K>(
  checkpoint: AuditCheckpoint,
  keys: ReadonlyMap<string, K>,
  crypto: VerificationCrypto<K>,
): Promise<boolean> {
  const key = keys.get(checkpoint.keyId);
  if (key === undefined) return false;
  if (checkpoint.format === 2 && (await spanProblem(checkpoint, crypto))) return false;
  return crypto.verifyEd25519(key, checkpoint.signature, checkpointSignedText(checkpoint));
}

// ---- the chain ------------------------------------------------------------------------------------------

/**
 * Verifies one stream's chain: entries in stored order (the database's seq order, or a bundle's
 * array order) plus the stream's signed checkpoints. Returns `ok`, or the first bad entry and the
 * kind of tampering.
 *
 * HOW IT WORKS. A fast streaming pass checks each entry: its stored hash equals the hash of its
 * content, it belongs to the stream, its seq is the next one, and its prev hash is the previous
 * entry's hash. Nothing but a fingerprint per entry is kept, so millions of entries stream
 * through. At the first entry that fails (position p, where seq s = p + 1 was expected), the
 * rest of the stream is recorded compactly and the verifier DIAGNOSES: it tries, in this fixed
 * order, the single tampering that would explain what it sees, undoes it in its head, and accepts
 * the first one after which the whole rest of the chain — links, seqs, hashes and every validly
 * signed checkpoint — is consistent again:
 *
 *  1. `modified` the entry BEFORE p, its hash recomputed (it passed the fast pass, but p's prev
 *     hash still holds its original hash; p is the right seq and intact).
 *  2. `modified` the entry AT p (its content, hash, prev hash or seq changed, with or without its
 *     hash recomputed): it still claims seq s or still links to the previous entry, and the chain
 *     resumes with seq s + 1 right after it.
 *  3. `deleted`: p holds an intact entry with seq s + k (k ≥ 1) and the chain resumes from it;
 *     seqs s … s + k − 1 are missing. Named: seq s, at position p.
 *  4. `reordered`: the entry belonging at p (seq s, linking to the previous entry) sits later and
 *     swapping it with p's entry, or moving it to p, or moving p's entry to where its own seq
 *     belongs, repairs the chain. Named: the misplaced entry found at p.
 *  5. `inserted` / `duplicated`: dropping p's entry repairs the chain. It is `duplicated` when it
 *     has the seq and hash of a genuine entry of the chain (a replayed copy), else `inserted` (a
 *     forged entry). Named: the extra entry at p.
 *  6. `inserted`: the entry before p is a forged entry that links correctly (it claims the same
 *     seq as p's entry), and dropping it repairs the chain. Named: that forged entry.
 *  7. `reordered` in the database: two rows swapped their seq values (the only way to reorder
 *     rows that are read in seq order). Each row's hash matches its content under the other's
 *     seq. Named: the row at p.
 *
 * Without any break in the fast pass, checkpoints decide, in this order:
 *  - `checkpoint_missing`: a format-2 checkpoint continues from a checkpoint (its `fromSeq` − 1)
 *    that is not there — checkpoints were deleted. Named: the first entry no surviving checkpoint
 *    vouches for any more (the seq after the last checkpoint before the gap).
 *  - `modified`: an entry's hash differs from the one a signed checkpoint's span (or a previous
 *    bundle, `pinned`) recorded for its seq, while the entry before it still matches: the chain was
 *    rewritten from this entry on, every hash recomputed. Named: that first changed entry. Where
 *    only a head is known (a format-1 checkpoint) the mismatch is `checkpoint_mismatch` at the
 *    checkpoint, as the rewrite could have started anywhere before it.
 *  - `truncated`: a signed checkpoint or a pinned hash lies beyond the last entry (named: the first
 *    missing seq) — given a checkpoint someone kept (a webhook copy, a previous bundle), a head
 *    older than the newest checkpoint anyone has seen fails here.
 *  - `bad_signature`: a checkpoint whose signature does not verify with a known key (reported when
 *    the chain itself is intact); it is never trusted.
 *  - `unsigned`: with `freshness`, an entry no checkpoint covers has waited longer than
 *    `maxUnsignedMs` (two checkpoint intervals) — checkpoints were deleted along with a rewrite or a
 *    truncation of the tail, or checkpointing stopped; with `signedHeadRequired` (bundles, whose
 *    head the server signs at export), any entry no checkpoint covers. Named: the first unsigned entry.
 *
 * LIMITS. These rules make the kind unambiguous for any single tampering except at an unsigned
 * tail, where some tamperings look alike: a forged entry appended after the last entry with a
 * correct link cannot be detected by a keyless chain until `freshness` says its wait for a
 * signature is too long (or the checkpoint job signs it — see docs/audit.md for who can write
 * such a row); deleting entries after the latest checkpoint is seen only against a checkpoint kept
 * elsewhere (`truncated`) or through `freshness`; and a forged entry placed just before the last entry, when
 * no checkpoint covers it, is detected but the genuine last entry may be named instead. Against
 * the schema owner, checkpoints kept in the same database can be deleted too: boards should keep
 * their own copies. With several tamperings the first break is still found and named; the kind is
 * then a best guess and `explained` is false.
 */
export type TamperKind =
  | 'modified'
  | 'deleted'
  | 'inserted'
  | 'reordered'
  | 'duplicated'
  | 'truncated'
  | 'checkpoint_mismatch'
  | 'checkpoint_missing'
  | 'unsigned'
  | 'bad_signature';

export interface ChainProblem {
  kind: TamperKind;
  /** Seq of the entry named: the entry found there, the first missing one, or the checkpoint's. */
  seq: number;
  /**
   * 1-based position in stored order of the named entry (where it is, or should be); null for a checkpoint's signature.
   */
  position: number | null;
  /** Id of the entry found at that position, when there is one. */
  entryId: string | null;
  /** False when no single tampering explains what was found (several changes): the kind is then a best guess. */
  explained: boolean;
  message: string;
}

export interface ChainReport {
  stream: string;
  ok: boolean;
  /** Entries read. */
  entries: number;
  /** Seq and hash of the last entry of an intact chain (the anchor's when there are none). */
  headSeq: number;
  headHash: string;
  checkpointsVerified: number;
  latestCheckpointSeq: number | null;
  problem: ChainProblem | null;
}

/** What a ChainVerifier needs of an entry: its place in the chain (the rest only to hash it again). */
export interface ChainEntry {
  id: string;
  stream: string;
  seq: number;
  prevHash: string;
  hash: string;
}

export interface ChainVerifierOptions<E extends ChainEntry = VerifiableEntry> {
  stream: string;
  checkpoints?: Iterable<AuditCheckpoint>;
  /** Whether a checkpoint's signature verified (checked beforehand: the platform's crypto may be asynchronous). */
  checkpointValid: (checkpoint: AuditCheckpoint) => boolean;
  /** The stream's genesis hash (genesisHash(stream)), the prev hash of seq 1. */
  genesis: string;
  /**
   * Start after a trusted point (e.g. a checkpoint whose signature was checked) instead of the
   * genesis: the first entry must then have seq `anchor.seq + 1` and link to `anchor.hash`.
   */
  anchor?: { seq: number; hash: string };
  /** Hashes known from elsewhere (a previous bundle): the chain must still hold exactly these. */
  pinned?: Iterable<{ seq: number; hash: string }>;
  /** Entries no checkpoint covers may be at most `maxUnsignedMs` old at `nowMs`. */
  freshness?: { nowMs: number; maxUnsignedMs: number };
  /** Every entry must be covered by a checkpoint (a bundle: the server signs its head at export). */
  signedHeadRequired?: boolean;
  /**
   * The hash `entry`'s content gives at `seq` (`hashAtSeq`): only a diagnosis calls it, for the two
   * rows that may have traded seq values.
   */
  rehash: (entry: E, seq: number) => Promise<string>;
  onProgress?: (entriesRead: number) => void;
}

/** 104-bit fingerprint of a hex hash as two exact doubles; NaN (equal to nothing) if malformed. */
function fpHi(hash: string): number {
  return HASH_PATTERN.test(hash) ? parseInt(hash.slice(0, 13), 16) : NaN;
}
function fpLo(hash: string): number {
  return HASH_PATTERN.test(hash) ? parseInt(hash.slice(13, 26), 16) : NaN;
}

/** A virtual entry used while testing a hypothesis (a repaired or unknown entry). */
interface VirtualItem {
  seq: number;
  hHi: number;
  hLo: number;
  pHi: number;
  pLo: number;
  valid: boolean;
  /** Whether its prev hash must equal the previous item's hash. */
  checkLink: boolean;
}
/** A slot of a hypothesis: an index into the recorded remainder, or a virtual item. */
type Slot = number | VirtualItem;

interface Diagnosis {
  kind: TamperKind;
  index: number;
  seq: number;
  entryId: string | null;
  explained: boolean;
  detail: string;
}

class GrowableFloat64 {
  data = new Float64Array(1024);
  push(index: number, value: number): void {
    if (index >= this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[index] = value;
  }
}

class Remainder {
  length = 0;
  seq = new GrowableFloat64();
  valid = new GrowableFloat64();
  hHi = new GrowableFloat64();
  hLo = new GrowableFloat64();
  pHi = new GrowableFloat64();
  pLo = new GrowableFloat64();

  push(seq: number, prevHash: string, hash: string, valid: boolean): void {
    const i = this.length++;
    this.seq.push(i, typeof seq === 'number' ? seq : NaN);
    this.valid.push(i, valid ? 1 : 0);
    this.hHi.push(i, fpHi(hash));
    this.hLo.push(i, fpLo(hash));
    this.pHi.push(i, fpHi(prevHash));
    this.pLo.push(i, fpLo(prevHash));
  }
}

const PIN_CHUNK = 4096;
const PIN_HEAD = 1;
const PIN_EXACT = 2;
const PIN_CONFLICT = 4;

/**
 * Hashes the chain must hold at given seqs — signed heads, the spans format-2 checkpoints sign, a
 * previous bundle's entries — as 104-bit fingerprints by seq, in chunks so that memory follows the
 * pins given, not the seq numbers they claim.
 */
class Pins {
  private readonly chunks = new Map<number, { hi: Float64Array; lo: Float64Array; flag: Uint8Array }>();
  max = 0;
  size = 0;

  add(seq: number, hash: string, exact: boolean): void {
    if (!Number.isSafeInteger(seq) || seq < 1) return;
    const hi = fpHi(hash);
    const lo = fpLo(hash);
    const key = Math.floor(seq / PIN_CHUNK);
    let chunk = this.chunks.get(key);
    if (chunk === undefined) {
      chunk = { hi: new Float64Array(PIN_CHUNK), lo: new Float64Array(PIN_CHUNK), flag: new Uint8Array(PIN_CHUNK) };
      this.chunks.set(key, chunk);
    }
    const i = seq % PIN_CHUNK;
    const flag = chunk.flag[i]!;
    if (flag === 0) {
      chunk.hi[i] = hi;
      chunk.lo[i] = lo;
      this.size++;
    } else if (chunk.hi[i] !== hi || chunk.lo[i] !== lo || Number.isNaN(hi)) {
      chunk.flag[i] = flag | PIN_CONFLICT;
    }
    chunk.flag[i] = chunk.flag[i]! | (exact ? PIN_EXACT : PIN_HEAD);
    if (seq > this.max) this.max = seq;
  }

  private flagAt(seq: number): number {
    return this.chunks.get(Math.floor(seq / PIN_CHUNK))?.flag[seq % PIN_CHUNK] ?? 0;
  }

  /** Is a hash known for this seq, and does (hHi, hLo) differ from it? */
  mismatches(seq: number, hHi: number, hLo: number): boolean {
    const chunk = this.chunks.get(Math.floor(seq / PIN_CHUNK));
    if (chunk === undefined) return false;
    const i = seq % PIN_CHUNK;
    const flag = chunk.flag[i]!;
    return flag !== 0 && ((flag & PIN_CONFLICT) !== 0 || chunk.hi[i] !== hHi || chunk.lo[i] !== hLo);
  }

  /** The original hash of this very entry is known (not only a later head). */
  exact(seq: number): boolean {
    return (this.flagAt(seq) & PIN_EXACT) !== 0;
  }
}

/** An entry the report may have to name, captured as it streams past. */
interface Seen {
  seq: number;
  id: string;
  position: number;
}

export class ChainVerifier<E extends ChainEntry = VerifiableEntry> {
  private readonly stream: string;
  private readonly onProgress?: (entriesRead: number) => void;
  private readonly rehash: (entry: E, seq: number) => Promise<string>;
  private readonly base: number;
  private readonly startHash: string;
  private readonly freshness?: { nowMs: number; maxUnsignedMs: number };
  private readonly signedHeadRequired: boolean;

  private readonly pins = new Pins();
  private checkpointsValid = 0;
  private readonly badSignatures: AuditCheckpoint[] = [];
  private readonly maxSignedSeq: number | null;
  /** A format-2 checkpoint's predecessor that is not there: the first seq left unvouched, and the checkpoint gone. */
  private readonly missingCheckpoint: { unvouchedFrom: number; missingSeq: number; citedBy: number } | null = null;

  private count = 0;
  private lastHash: string;
  private lastId: string | null = null;
  private beforeLastHash: string | null = null;
  private prefixFp = new GrowableFloat64();
  private firstPrefixMismatch: Seen | null = null;
  private firstUnsigned: Seen | null = null;
  private oldestUnsignedMs = Infinity;
  private unvouched: Seen | null = null;

  // State captured at the first break.
  private breakAt = -1;
  private readonly rest = new Remainder();
  private restFirst: E | null = null;
  /** First later entry that links to the last good hash: the entry that belongs at the break. */
  private linkPartner: { index: number; entry: E } | null = null;

  constructor(options: ChainVerifierOptions<E>) {
    this.stream = options.stream;
    this.base = options.anchor?.seq ?? 0;
    this.startHash = options.anchor?.hash ?? options.genesis;
    this.lastHash = this.startHash;
    this.onProgress = options.onProgress;
    this.rehash = options.rehash;
    this.freshness = options.freshness;
    this.signedHeadRequired = options.signedHeadRequired ?? false;
    let max: number | null = null;
    const present = new Set<number>();
    const links: Array<{ need: number; citedBy: number }> = [];
    // The same checkpoint from two sources (the database and a webhook copy) counts once.
    const seen = new Set<string>();
    for (const checkpoint of options.checkpoints ?? []) {
      const identity =
        `${checkpoint.stream}:` +
        `${checkpoint.seq}:${checkpoint.hash}:` +
        `${checkpoint.signedAtMs}:` +
        `${checkpoint.keyId}:${checkpoint.fromSeq}:${checkpoint.spanDigest}:${checkpoint.signature}`;
      if (seen.has(identity) && !checkpoint.spanHashes) continue;
      if (checkpoint.stream !== this.stream || !options.checkpointValid(checkpoint)) {
        this.badSignatures.push(checkpoint);
        if (checkpoint.stream === this.stream) present.add(checkpoint.seq);
        continue;
      }
      present.add(checkpoint.seq);
      if (checkpoint.format === 2 && checkpoint.fromSeq! - 1 > this.base)
        links.push({ need: checkpoint.fromSeq! - 1, citedBy: checkpoint.seq });
      if (checkpoint.seq <= this.base) continue;
      if (!seen.has(identity)) this.checkpointsValid++;
      seen.add(identity);
      this.pins.add(checkpoint.seq, checkpoint.hash, false);
      checkpoint.spanHashes?.forEach((hash, i) => this.pins.add(checkpoint.fromSeq! + i, hash, true));
      if (max === null || checkpoint.seq > max) max = checkpoint.seq;
    }
    for (const pin of options.pinned ?? []) if (pin.seq > this.base) this.pins.add(pin.seq, pin.hash, true);
    this.maxSignedSeq = max;
    const missing = links.filter((link) => !present.has(link.need)).sort((a, b) => a.need - b.need)[0];
    if (missing !== undefined) {
      const before = [...present].filter((seq) => seq < missing.need && seq > this.base);
      this.missingCheckpoint = {
        unvouchedFrom: (before.length ? Math.max(...before) : this.base) + 1,
        missingSeq: missing.need,
        citedBy: missing.citedBy,
      };
    }
  }

  /**
   * An entry whose hash was checked beforehand (the platform's crypto may be asynchronous; the
   * database reader hashes rows without building entry objects, possibly in worker threads): `valid`
   * says whether the entry's content, as read, hashes to its stored `hash` for this verifier's
   * stream. `rebuild(raw)` gives the full entry, and is only called for the few entries a diagnosis
   * needs.
   */
  pushChecked<R>(
    id: string,
    seq: number,
    prevHash: string,
    hash: string,
    valid: boolean,
    occurredAtMs: number,
    raw: R,
    rebuild: (raw: R) => E,
  ): void {
    this.accept(id, seq, prevHash, hash, valid, occurredAtMs, raw, rebuild);
  }

  private accept<R>(
    id: string,
    seq: number,
    prevHash: string,
    hash: string,
    valid: boolean,
    occurredAtMs: number,
    raw: R,
    rebuild: (raw: R) => E,
  ): void {
    if (this.breakAt < 0) {
      if (valid && seq === this.base + this.count + 1 && prevHash === this.lastHash) {
        this.prefixFp.push(this.count, parseInt(hash.slice(0, 13), 16));
        if (
          this.firstPrefixMismatch === null &&
          this.pins.size > 0 &&
          this.pins.mismatches(seq, fpHi(hash), fpLo(hash))
        ) {
          this.firstPrefixMismatch = { seq, id, position: this.count + 1 };
        }
        if (seq > (this.maxSignedSeq ?? this.base)) {
          this.firstUnsigned ??= { seq, id, position: this.count + 1 };
          if (occurredAtMs < this.oldestUnsignedMs) this.oldestUnsignedMs = occurredAtMs;
        }
        if (seq === this.missingCheckpoint?.unvouchedFrom) this.unvouched = { seq, id, position: this.count + 1 };
        this.beforeLastHash = this.lastHash;
        this.lastHash = hash;
        this.lastId = id;
        this.count++;
        return;
      }
      this.breakAt = this.count;
    }
    const index = this.rest.length;
    this.rest.push(seq, prevHash, hash, valid);
    if (index === 0) this.restFirst = rebuild(raw);
    if (index > 0 && this.linkPartner === null && prevHash === this.lastHash)
      this.linkPartner = { index, entry: rebuild(raw) };
    this.count++;
  }

  /** Call after each batch pushed with pushChecked. */
  reportProgress(): void {
    this.onProgress?.(this.count);
  }

  async finish(): Promise<ChainReport> {
    const report = (problem: ChainProblem | null, headSeq: number, headHash: string): ChainReport => ({
      stream: this.stream,
      ok: problem === null,
      entries: this.count,
      headSeq,
      headHash,
      checkpointsVerified: this.checkpointsValid,
      latestCheckpointSeq: this.maxSignedSeq,
      problem,
    });
    const headSeq = this.base + (this.breakAt < 0 ? this.count : this.breakAt);
    const fail = (kind: TamperKind, seen: Seen | null, seq: number, detail: string) =>
      report(
        this.problem(kind, seen?.seq ?? seq, seen?.position ?? seq - this.base, seen?.id ?? null, true, detail),
        headSeq,
        this.lastHash,
      );
    if (this.breakAt >= 0) {
      const d = await this.diagnose();
      return report(this.problem(d.kind, d.seq, d.index + 1, d.entryId, d.explained, d.detail), headSeq, this.lastHash);
    }
    const missing = this.missingCheckpoint;
    if (missing !== null && missing.unvouchedFrom <= headSeq) {
      return fail(
        'checkpoint_missing',
        this.unvouched,
        missing.unvouchedFrom,
        `the checkpoint at seq ${missing.missingSeq} is gone (the one at seq ${missing.citedBy} continues from it): ` +
          `checkpoints were deleted, and no signature vouches for the entries from here`,
      );
    }
    const mismatch = this.firstPrefixMismatch;
    if (mismatch !== null) {
      const exact =
        this.pins.exact(mismatch.seq) && (mismatch.seq - 1 === this.base || this.pins.exact(mismatch.seq - 1));
      if (exact)
        return fail(
          'modified',
          mismatch,
          mismatch.seq,
          'its hash differs from the one signed (or kept in the previous bundle) for this seq: the chain was ' +
            'rewritten from this entry on, its hashes recomputed',
        );
      return fail(
        'checkpoint_mismatch',
        null,
        mismatch.seq,
        'a validly signed checkpoint holds another hash for this seq: the chain was rewritten up to here ' +
          '(hashes recomputed)',
      );
    }
    if (this.pins.max > headSeq) {
      return fail(
        'truncated',
        null,
        headSeq + 1,
        `the chain ends at seq ${headSeq} but seq ${this.pins.max} was signed or seen before`,
      );
    }
    if (missing !== null) {
      return fail(
        'checkpoint_missing',
        null,
        missing.missingSeq,
        `the checkpoint at seq ${missing.missingSeq} is gone (the one at seq ${missing.citedBy} continues from it): ` +
          `checkpoints were deleted`,
      );
    }
    if (this.badSignatures.length > 0) {
      const bad = [...this.badSignatures].sort((a, b) => a.seq - b.seq)[0]!;
      const why =
        bad.stream !== this.stream
          ? 'it belongs to another stream'
          : `its signature does not verify with a known key (key id ${bad.keyId})`;
      return report(
        this.problem('bad_signature', bad.seq, null, null, true, `checkpoint refused: ${why}`),
        headSeq,
        this.lastHash,
      );
    }
    const unsigned = this.firstUnsigned;
    if (unsigned !== null && this.signedHeadRequired) {
      return fail(
        'unsigned',
        unsigned,
        unsigned.seq,
        'no checkpoint covers the entries from here, though the head of a bundle is signed when it is ' +
          'exported: the tail was changed, or its checkpoints deleted',
      );
    }
    if (
      unsigned !== null &&
      this.freshness !== undefined &&
      this.freshness.nowMs - this.oldestUnsignedMs > this.freshness.maxUnsignedMs
    ) {
      const waited = Math.round((this.freshness.nowMs - this.oldestUnsignedMs) / 1000);
      return fail(
        'unsigned',
        unsigned,
        unsigned.seq,
        `entries from here have waited ${waited} s for a signature, more than two checkpoint intervals: their ` +
          `checkpoints were deleted (with a rewrite or a truncation), or checkpointing stopped`,
      );
    }
    return report(null, headSeq, this.lastHash);
  }

  private problem(
    kind: TamperKind,
    seq: number,
    position: number | null,
    entryId: string | null,
    explained: boolean,
    detail: string,
  ): ChainProblem {
    const where = position === null ? `checkpoint at seq ${seq}` : `seq ${seq} at position ${position}`;
    return {
      kind,
      seq,
      position,
      entryId,
      explained,
      message: `${kind}: ${where} — ${detail}${explained ? '' : ' (several changes: the kind is a best guess)'}`,
    };
  }

  // ---- diagnosis -------------------------------------------------------------------------------

  /** Hash (full) of the entry just before prefix position `index`. */
  private hashBefore(index: number): string {
    if (index === this.breakAt) return this.lastHash;
    if (index === this.breakAt - 1) return this.beforeLastHash ?? this.startHash;
    throw new Error('only the last two prefix hashes are kept');
  }

  private item(slot: Slot): VirtualItem {
    if (typeof slot !== 'number') return slot;
    const r = this.rest;
    return {
      seq: r.seq.data[slot]!,
      hHi: r.hHi.data[slot]!,
      hLo: r.hLo.data[slot]!,
      pHi: r.pHi.data[slot]!,
      pLo: r.pLo.data[slot]!,
      valid: r.valid.data[slot] === 1,
      checkLink: true,
    };
  }

  /**
   * Is "prefix positions [0, prefixLength) as stored, then these slots" a valid chain that agrees
   * with every validly signed checkpoint?
   */
  private consistent(
    prefixLength: number,
    startSeq: number,
    startHash: string,
    slots: number,
    slotAt: (k: number) => Slot,
  ): boolean {
    if (this.firstPrefixMismatch !== null && this.firstPrefixMismatch.seq <= this.base + prefixLength) return false;
    const r = this.rest;
    let prevHi = fpHi(startHash);
    let prevLo = fpLo(startHash);
    for (let k = 0; k < slots; k++) {
      const slot = slotAt(k);
      let seq: number, hHi: number, hLo: number, pHi: number, pLo: number, valid: boolean, checkLink: boolean;
      if (typeof slot === 'number') {
        seq = r.seq.data[slot]!;
        hHi = r.hHi.data[slot]!;
        hLo = r.hLo.data[slot]!;
        pHi = r.pHi.data[slot]!;
        pLo = r.pLo.data[slot]!;
        valid = r.valid.data[slot] === 1;
        checkLink = true;
      } else {
        ({ seq, hHi, hLo, pHi, pLo, valid, checkLink } = slot);
      }
      if (!valid || seq !== startSeq + k) return false;
      if (checkLink && (pHi !== prevHi || pLo !== prevLo)) return false;
      if (!Number.isNaN(hHi) && this.pins.mismatches(seq, hHi, hLo)) return false;
      prevHi = hHi;
      prevLo = hLo;
    }
    const lastSeq = startSeq + slots - 1;
    return this.pins.max <= lastSeq;
  }

  private async diagnose(): Promise<Diagnosis> {
    const p = this.breakAt;
    const s = this.base + p + 1;
    const r = this.rest;
    const n = r.length;
    const first = this.item(0);
    const firstEntry = this.restFirst!;
    const H = this.lastHash;
    const Hhi = fpHi(H);
    const Hlo = fpLo(H);
    const identity = (k: number): Slot => k;
    const shifted =
      (offset: number) =>
      (k: number): Slot =>
        k + offset;
    const found = (
      kind: TamperKind,
      index: number,
      seq: number,
      entryId: string | null,
      detail: string,
    ): Diagnosis => ({ kind, index, seq, entryId, explained: true, detail });

    // 1. The entry before the break was modified and its hash recomputed.
    if (p >= 1 && first.valid && first.seq === s) {
      const original: VirtualItem = {
        seq: s - 1,
        hHi: first.pHi,
        hLo: first.pLo,
        pHi: NaN,
        pLo: NaN,
        valid: true,
        checkLink: false,
      };
      if (this.consistent(p - 1, s - 1, this.hashBefore(p - 1), n + 1, (k) => (k === 0 ? original : k - 1))) {
        return found(
          'modified',
          p - 1,
          s - 1,
          this.lastId,
          'its content changed and its hash was recomputed: the next entry still links to its original hash',
        );
      }
    }

    // 2. The entry at the break was modified (with or without its hash recomputed).
    if (first.seq === s || (first.pHi === Hhi && first.pLo === Hlo)) {
      const next = n > 1 ? this.item(1) : null;
      const original: VirtualItem = {
        seq: s,
        hHi: next?.pHi ?? NaN,
        hLo: next?.pLo ?? NaN,
        pHi: NaN,
        pLo: NaN,
        valid: true,
        checkLink: false,
      };
      if (this.consistent(p, s, H, n, (k) => (k === 0 ? original : k))) {
        const what = first.valid
          ? 'its hash was recomputed but it no longer fits the chain'
          : 'its stored hash does not match its content';
        return found('modified', p, s, firstEntry.id, what);
      }
    }

    // 3. Entries deleted: the entry at the break is intact and the chain resumes from it.
    if (first.valid && first.seq > s && Number.isInteger(first.seq)) {
      const resumed: VirtualItem = { ...first, checkLink: false };
      if (this.consistent(p, first.seq, H, n, (k) => (k === 0 ? resumed : k))) {
        const missing = first.seq - s;
        return found(
          'deleted',
          p,
          s,
          null,
          missing === 1
            ? 'this entry is missing'
            : `${missing} entries are missing from here (seq ${s}–${first.seq - 1})`,
        );
      }
    }

    // 4a. The entry that belongs here sits later: swapped with, or moved from, its place.
    const partner = this.linkPartnerIndex(s);
    if (partner !== null) {
      const swap = (k: number): Slot => (k === 0 ? partner : k === partner ? 0 : k);
      const move = (k: number): Slot => (k === 0 ? partner : k <= partner ? k - 1 : k);
      if (this.consistent(p, s, H, n, swap) || this.consistent(p, s, H, n, move)) {
        return found(
          'reordered',
          p,
          first.seq,
          firstEntry.id,
          `entry seq ${s} was expected here; the chain is intact once the entries are put back in order`,
        );
      }
    }
    // 4b. The entry here belongs later.
    if (first.valid && first.seq > s && Number.isInteger(first.seq)) {
      let home = n;
      for (let j = 1; j < n; j++) {
        if (r.seq.data[j] === first.seq + 1) {
          home = j;
          break;
        }
      }
      const moved = (k: number): Slot => (k < home - 1 ? k + 1 : k === home - 1 ? 0 : k);
      if (this.consistent(p, s, H, n, moved)) {
        return found(
          'reordered',
          p,
          first.seq,
          firstEntry.id,
          `entry seq ${s} was expected here; the chain is intact once the entries are put back in order`,
        );
      }
    }

    // 5. An extra entry at the break.
    if (this.consistent(p, s, H, n - 1, shifted(1))) {
      const claimed = first.seq;
      let copy = false;
      if (Number.isInteger(claimed) && claimed > this.base && claimed < s) {
        // The fast pass keeps 52 bits of each hash: plenty to recognize a replayed copy.
        copy = this.prefixFp.data[claimed - this.base - 1] === first.hHi;
      } else if (Number.isInteger(claimed) && claimed >= s && claimed - s + 1 < n) {
        // In the repaired chain (this entry dropped), seq `claimed` sits at index claimed - s + 1.
        copy = r.hHi.data[claimed - s + 1] === first.hHi && r.hLo.data[claimed - s + 1] === first.hLo;
      }
      if (copy) {
        return found('duplicated', p, claimed, firstEntry.id, `a copy of the entry with seq ${claimed}`);
      }
      return found('inserted', p, claimed, firstEntry.id, 'an entry that does not belong to the chain (forged)');
    }

    // 6. A forged entry just before the break, linking correctly and claiming the same seq.
    if (p >= 1 && first.seq === s - 1 && this.consistent(p - 1, s - 1, this.hashBefore(p - 1), n, identity)) {
      return found(
        'inserted',
        p - 1,
        s - 1,
        this.lastId,
        `a forged entry claiming seq ${s - 1}, which the next entry also holds`,
      );
    }

    // 7. Two rows swapped their seq values (reordering rows that are read in seq order).
    const swapped = await this.seqSwapPartner(s);
    if (swapped !== null) {
      const { index, seq } = swapped;
      const atBreak: VirtualItem = { ...this.item(index), seq: s, valid: true };
      const atPartner: VirtualItem = { ...first, seq, valid: true };
      if (this.consistent(p, s, H, n, (k) => (k === 0 ? atBreak : k === index ? atPartner : k))) {
        return found(
          'reordered',
          p,
          seq,
          firstEntry.id,
          `this row holds the entry of seq ${seq}: seq values were swapped between rows`,
        );
      }
    }

    // No single tampering explains it: name the first break with a local guess.
    const kind: TamperKind = !first.valid
      ? 'modified'
      : first.seq > s
        ? 'deleted'
        : first.seq < s
          ? 'inserted'
          : 'modified';
    return {
      kind,
      index: p,
      seq: kind === 'deleted' ? s : first.seq,
      entryId: kind === 'deleted' ? null : firstEntry.id,
      explained: false,
      detail: 'the chain breaks here',
    };
  }

  /** Index (≥ 1) of the first later entry that fits the break's slot: seq s, intact, linking to the last good hash. */
  private linkPartnerIndex(s: number): number | null {
    const r = this.rest;
    const Hhi = fpHi(this.lastHash);
    const Hlo = fpLo(this.lastHash);
    for (let j = 1; j < r.length; j++) {
      if (r.seq.data[j] === s && r.valid.data[j] === 1 && r.pHi.data[j] === Hhi && r.pLo.data[j] === Hlo) return j;
    }
    return null;
  }

  /** When the rows at the break and at the entry linking to the last good hash only traded seq values. */
  private async seqSwapPartner(s: number): Promise<{ index: number; seq: number } | null> {
    const atBreak = this.restFirst!;
    const partner = this.linkPartner;
    if (partner === null || atBreak.stream !== this.stream || partner.entry.stream !== this.stream) return null;
    const seq = partner.entry.seq;
    if (!Number.isInteger(seq) || seq !== s + partner.index) return null;
    if (
      (await this.rehash(atBreak, seq)) !== atBreak.hash ||
      (await this.rehash(partner.entry, s)) !== partner.entry.hash
    )
      return null;
    return { index: partner.index, seq };
  }
}

// ---- the bundle -------------------------------------------------------------------------------------------

export interface BundleVerification {
  report: ChainReport;
  /** Key ids the checkpoints were checked against. */
  keyIds: string[];
  /** True when no trusted key was given and the bundle's own key was used. */
  keysFromBundle: boolean;
  /** With a previous bundle: its own verification, and whether this one extends it. */
  previous?: { report: ChainReport; extended: boolean };
}

export interface BundleVerifyOptions {
  /** True when `keys` are the bundle's own (no trusted key was given): the report says so. */
  keysFromBundle: boolean;
  /** A bundle kept from before, which this one must extend. */
  previous?: AuditBundle;
  /** Checkpoints kept elsewhere (webhook copies), of any stream: this stream's count. */
  witnessed?: readonly AuditCheckpoint[];
  /** Entries hashed together (in parallel) before the next chunk; default 256. */
  chunkSize?: number;
  /** Called before the first chunk and after each: entries hashed so far, of `total` (both bundles with `previous`). */
  onProgress?: (done: number, total: number) => void;
  /** Awaited between chunks (the browser gives the page a turn). */
  betweenChunks?: () => Promise<void>;
  signal?: AbortSignal;
}

/**
 * Verifies a bundle with no database, against `keys` (by key id): the verdict of `npm run audit:verify
 * -- --bundle FILE [--previous OLD] [--public-key K] [--checkpoints F]`. Entries are hashed in chunks
 * (in parallel within a chunk, in order across chunks) and handed to the ChainVerifier with their
 * verdict. With `previous` (a bundle the board kept from before), the previous one is verified on its
 * own first, then this one must extend it: every entry and checkpoint of the previous bundle must still
 * be in this chain, unchanged (`modified` at the first entry that changed, `truncated` if it ends
 * before the previous head) — the chain is append-only between the two exports.
 */
export async function verifyBundle<K>(
  bundle: AuditBundle,
  keys: ReadonlyMap<string, K>,
  crypto: VerificationCrypto<K>,
  options: BundleVerifyOptions,
): Promise<BundleVerification> {
  const chunkSize = options.chunkSize ?? 256;
  const previous = options.previous;
  const witnessed = (options.witnessed ?? []).filter((c) => c.stream === bundle.stream);
  const total = bundle.entries.length + (previous?.entries.length ?? 0);
  let done = 0;

  const verify = async (
    b: AuditBundle,
    checkpoints: AuditCheckpoint[],
    pinned: Array<{ seq: number; hash: string }> = [],
  ): Promise<ChainReport> => {
    const valid = new Map<AuditCheckpoint, boolean>();
    for (const checkpoint of checkpoints)
      valid.set(checkpoint, await verifyCheckpointSignature(checkpoint, keys, crypto));
    const verifier = new ChainVerifier<BundleEntry>({
      stream: b.stream,
      checkpoints,
      checkpointValid: (checkpoint) => valid.get(checkpoint) === true,
      genesis: await genesisHash(b.stream, crypto),
      pinned,
      signedHeadRequired: b.format === BUNDLE_FORMAT,
      rehash: (entry, seq) => hashAtSeq(entry, seq, crypto),
    });
    for (let start = 0; start < b.entries.length; start += chunkSize) {
      options.signal?.throwIfAborted();
      const chunk = b.entries.slice(start, start + chunkSize);
      const hashes = await Promise.all(chunk.map((entry) => hashAtSeq(entry, entry.seq, crypto)));
      chunk.forEach((entry, i) =>
        verifier.pushChecked(
          entry.id,
          entry.seq,
          entry.prevHash,
          entry.hash,
          entry.stream === b.stream && hashes[i] === entry.hash,
          isWithheld(entry) ? NaN : entry.occurredAtMs,
          entry,
          asEntry,
        ),
      );
      done += chunk.length;
      options.onProgress?.(done, total);
      await options.betweenChunks?.();
    }
    return verifier.finish();
  };

  const result = { keyIds: [...keys.keys()], keysFromBundle: options.keysFromBundle };
  options.onProgress?.(0, total);
  if (previous === undefined) return { ...result, report: await verify(bundle, [...bundle.checkpoints, ...witnessed]) };
  if (previous.stream !== bundle.stream)
    throw new AuditBundleError(`the previous bundle is of stream ${previous.stream}, this one of ${bundle.stream}`);
  const previousReport = await verify(previous, [...previous.checkpoints]);
  const report = await verify(
    bundle,
    [...bundle.checkpoints, ...previous.checkpoints, ...witnessed],
    previousReport.ok ? previous.entries.map((e) => ({ seq: e.seq, hash: e.hash })) : [],
  );
  return { ...result, report, previous: { report: previousReport, extended: previousReport.ok && report.ok } };
}

const asEntry = (entry: BundleEntry): BundleEntry => entry;
