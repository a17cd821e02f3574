import type { KeyObject } from 'node:crypto';
import { HASH_PATTERN, PRIVATE_FIELDS, type AuditChainEntry, type AuditDetailValue } from './audit-chain';
import { type BundleAudience, type BundleEntry, revealRuleFor, type Sealed, sealEntry } from './audit-sealing';
import {
  keyIdOf,
  parseVerificationKey,
  publicKeySet,
  type AuditCheckpoint,
  type AuditPublicKeys,
} from './audit-signing-key';
import { loadCheckpoints, readEntryBatches, type AuditQuery } from './audit-store';
import { verifyChain, type ChainReport } from './audit-verifier';

/**
 * A self-contained export of one stream — its entries, its signed checkpoints and the public
 * key(s) — that a partnership board verifies offline: `npm run audit:verify -- --bundle FILE`.
 *
 * Format 2 (issue 13) is made for ONE party (`audience`): its own organization's entries whole,
 * everything of the other party that the agreement does not release sealed — present only as
 * commitments the hash covers (see audit-sealing.ts) — so it verifies offline while carrying no
 * user id, request id or address of the other side, nor details the agreement keeps from it. Its
 * last entry is covered by a checkpoint the server signs at export time, so a shortened copy no
 * longer verifies. Format-1 bundles (before issue 13) still parse and verify.
 *
 * The key inside the bundle is a convenience, not a trust anchor: whoever could rewrite the
 * entries could also re-sign them with a key of their own. A board compares the key id with the
 * one its partnership published (GET /agreements/:id/audit/public-key), or passes that key with
 * `--public-key`.
 */
export const BUNDLE_FORMAT = 'accord-audit-bundle/v2';
export const BUNDLE_FORMAT_V1 = 'accord-audit-bundle/v1';

export interface AuditBundle {
  format: typeof BUNDLE_FORMAT | typeof BUNDLE_FORMAT_V1;
  stream: string;
  exportedAt: string;
  /** The organization it was made for (format 2); null when every private field is sealed. */
  audience: { orgId: string } | null;
  publicKeys: Array<{ keyId: string; pem: string }>;
  checkpoints: AuditCheckpoint[];
  entries: BundleEntry[];
}

export class AuditBundleError extends Error {
  constructor(message: string) {
    super(`Not a valid audit bundle: ${message}`);
    this.name = 'AuditBundleError';
  }
}

export interface BuildBundleOptions {
  /** Whom it is for; without one, every private field of every entry is sealed. */
  audience?: BundleAudience;
  /** The head to stop at (the checkpoint signed for the export): later entries and checkpoints are left out. */
  untilSeq?: number;
  now?: Date;
}

const NOBODY: RevealRuleSource = { reveal: () => () => false };
interface RevealRuleSource {
  reveal(entry: AuditChainEntry): (field: string) => boolean;
}

/** Builds the bundle of one stream for one party (served to its board). */
export async function buildAuditBundle(
  query: AuditQuery,
  stream: string,
  publicKeys: KeyObject[],
  options: BuildBundleOptions = {},
): Promise<AuditBundle> {
  const until = options.untilSeq ?? Infinity;
  const audience = options.audience;
  const rules: RevealRuleSource =
    audience === undefined ? NOBODY : { reveal: (entry) => revealRuleFor(audience, entry) };
  const entries: BundleEntry[] = [];
  for await (const batch of readEntryBatches(query, stream)) {
    for (const entry of batch) if (entry.seq <= until) entries.push(sealEntry(entry, rules.reveal(entry)));
    if (batch.length > 0 && batch[batch.length - 1]!.seq > until) break;
  }
  return {
    format: BUNDLE_FORMAT,
    stream,
    exportedAt: (options.now ?? new Date()).toISOString(),
    audience: audience === undefined ? null : { orgId: audience.orgId },
    publicKeys: publicKeys.map((key) => ({
      keyId: keyIdOf(key),
      pem: key.export({ format: 'pem', type: 'spki' }).toString(),
    })),
    checkpoints: (await loadCheckpoints(query, stream)).filter((c) => c.seq <= until),
    entries,
  };
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

/**
 * Checks the shape (types only: whether the content is genuine is the verifier's job) and copies
 * only the known fields, so nothing a file adds can change how an entry is read.
 */
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
  const common = {
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
    const plainDetails =
      details === null
        ? null
        : ({ ...(details as Record<string, AuditDetailValue>) } as Record<string, AuditDetailValue>);
    return {
      ...common,
      actorUserId: value.actorUserId as string | null,
      requestId: value.requestId as string | null,
      sourceIp: value.sourceIp as string | null,
      details: plainDetails,
    };
  }
  const top = (field: (typeof PRIVATE_FIELDS)[number]): Sealed<string> | null => {
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

export interface BundleVerification {
  report: ChainReport;
  /** Key ids the checkpoints were checked against. */
  keyIds: string[];
  /** True when no trusted key was given and the bundle's own key was used. */
  keysFromBundle: boolean;
  /** With a previous bundle: its own verification, and whether this one extends it. */
  previous?: { report: ChainReport; extended: boolean };
}

/**
 * Verifies a bundle with no database: against `trustedKeys` when given, else the bundle's keys.
 * With `previous` (a bundle the board kept from before), the previous one is verified on its own
 * first, then this one must extend it: every entry and checkpoint of the previous bundle must still
 * be in this chain, unchanged (`modified` at the first entry that changed, `truncated` if it ends
 * before the previous head) — the chain is append-only between the two exports.
 */
export async function verifyAuditBundle(
  bundle: AuditBundle,
  trustedKeys?: AuditPublicKeys,
  options: { previous?: AuditBundle; witnessed?: readonly AuditCheckpoint[] } = {},
): Promise<BundleVerification> {
  const keys = trustedKeys ?? publicKeySet(bundle.publicKeys.map((key) => parseVerificationKey(key.pem)));
  const result = { keyIds: [...keys.keys()], keysFromBundle: trustedKeys === undefined };
  const previous = options.previous;
  const witnessed = (options.witnessed ?? []).filter((c) => c.stream === bundle.stream);
  const alone = (b: AuditBundle, extra: readonly AuditCheckpoint[] = []) =>
    verifyChain(b.entries, {
      stream: b.stream,
      checkpoints: [...b.checkpoints, ...extra],
      publicKeys: keys,
      signedHeadRequired: b.format === BUNDLE_FORMAT,
    });
  if (previous === undefined) return { ...result, report: await alone(bundle, witnessed) };
  if (previous.stream !== bundle.stream)
    throw new AuditBundleError(`the previous bundle is of stream ${previous.stream}, this one of ${bundle.stream}`);
  const previousReport = await alone(previous);
  const report = await verifyChain(bundle.entries, {
    stream: bundle.stream,
    checkpoints: [...bundle.checkpoints, ...previous.checkpoints, ...witnessed],
    publicKeys: keys,
    pinned: previousReport.ok ? previous.entries.map((e) => ({ seq: e.seq, hash: e.hash })) : [],
    signedHeadRequired: bundle.format === BUNDLE_FORMAT,
  });
  return { ...result, report, previous: { report: previousReport, extended: previousReport.ok && report.ok } };
}
