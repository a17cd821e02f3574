import type { KeyObject } from 'node:crypto';
import type { AuditChainEntry } from './audit-chain';
import { keyIdOf, parseVerificationKey, publicKeySet, type AuditCheckpoint, type AuditPublicKeys } from './audit-signing-key';
import { loadCheckpoints, readEntryBatches, type AuditQuery } from './audit-store';
import { verifyChain, type ChainReport } from './audit-verifier';

/**
 * A self-contained export of one stream — its entries, its signed checkpoints and the public
 * key(s) — that a partnership board verifies offline: `npm run audit:verify -- --bundle FILE`.
 *
 * The key inside the bundle is a convenience, not a trust anchor: whoever could rewrite the
 * entries could also re-sign them with a key of their own. A board compares the key id with the
 * one its partnership published, or passes that key with `--public-key`.
 */
export const BUNDLE_FORMAT = 'accord-audit-bundle/v1';

export interface AuditBundle {
  format: typeof BUNDLE_FORMAT;
  stream: string;
  exportedAt: string;
  publicKeys: Array<{ keyId: string; pem: string }>;
  checkpoints: AuditCheckpoint[];
  entries: AuditChainEntry[];
}

export class AuditBundleError extends Error {
  constructor(message: string) {
    super(`Not a valid audit bundle: ${message}`);
    this.name = 'AuditBundleError';
  }
}

/** Builds the bundle of one stream (later served to its board). */
export async function buildAuditBundle(query: AuditQuery, stream: string, publicKeys: KeyObject[], now = new Date()): Promise<AuditBundle> {
  const entries: AuditChainEntry[] = [];
  for await (const batch of readEntryBatches(query, stream)) entries.push(...batch);
  return {
    format: BUNDLE_FORMAT,
    stream,
    exportedAt: now.toISOString(),
    publicKeys: publicKeys.map((key) => ({ keyId: keyIdOf(key), pem: key.export({ format: 'pem', type: 'spki' }).toString() })),
    checkpoints: await loadCheckpoints(query, stream),
    entries,
  };
}

const NULLABLE_STRING = ['actorUserId', 'actorOrgId', 'subjectId', 'agreementId', 'reason', 'requestId', 'sourceIp'] as const;
const STRING = ['id', 'stream', 'prevHash', 'hash', 'action', 'subjectType', 'outcome'] as const;
const STRING_LIST = ['actorRoles', 'fieldsReleased', 'fieldsWithheld'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Checks the shape (types only: whether the content is genuine is the verifier's job). */
function checkEntry(value: unknown, index: number): AuditChainEntry {
  const where = `entries[${index}]`;
  if (!isObject(value)) throw new AuditBundleError(`${where} is not an object`);
  for (const field of STRING) if (typeof value[field] !== 'string') throw new AuditBundleError(`${where}.${field} must be a string`);
  for (const field of NULLABLE_STRING) if (value[field] !== null && typeof value[field] !== 'string') throw new AuditBundleError(`${where}.${field} must be a string or null`);
  for (const field of STRING_LIST) {
    const list = value[field];
    if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) throw new AuditBundleError(`${where}.${field} must be a list of strings`);
  }
  if (typeof value.seq !== 'number' || typeof value.occurredAtMs !== 'number') throw new AuditBundleError(`${where}.seq and .occurredAtMs must be numbers`);
  if (value.agreementVersion !== null && typeof value.agreementVersion !== 'number') throw new AuditBundleError(`${where}.agreementVersion must be a number or null`);
  const details = value.details;
  if (details !== null && !(isObject(details) && Object.values(details).every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v)))) {
    throw new AuditBundleError(`${where}.details must be null or a flat object`);
  }
  return value as unknown as AuditChainEntry;
}

function checkCheckpoint(value: unknown, index: number): AuditCheckpoint {
  const where = `checkpoints[${index}]`;
  if (!isObject(value)) throw new AuditBundleError(`${where} is not an object`);
  for (const field of ['stream', 'hash', 'keyId', 'signature'] as const) if (typeof value[field] !== 'string') throw new AuditBundleError(`${where}.${field} must be a string`);
  for (const field of ['seq', 'signedAtMs'] as const) if (typeof value[field] !== 'number') throw new AuditBundleError(`${where}.${field} must be a number`);
  return value as unknown as AuditCheckpoint;
}

export function parseAuditBundle(text: string): AuditBundle {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AuditBundleError('the file is not JSON');
  }
  if (!isObject(value) || value.format !== BUNDLE_FORMAT) throw new AuditBundleError(`format must be "${BUNDLE_FORMAT}"`);
  if (typeof value.stream !== 'string') throw new AuditBundleError('stream must be a string');
  if (!Array.isArray(value.entries) || !Array.isArray(value.checkpoints) || !Array.isArray(value.publicKeys)) {
    throw new AuditBundleError('entries, checkpoints and publicKeys must be lists');
  }
  const publicKeys = value.publicKeys.map((key: unknown, index: number) => {
    if (!isObject(key) || typeof key.pem !== 'string' || typeof key.keyId !== 'string') throw new AuditBundleError(`publicKeys[${index}] needs keyId and pem`);
    return { keyId: key.keyId, pem: key.pem };
  });
  return {
    format: BUNDLE_FORMAT,
    stream: value.stream,
    exportedAt: typeof value.exportedAt === 'string' ? value.exportedAt : '',
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
}

/** Verifies a bundle with no database: against `trustedKeys` when given, else the bundle's keys. */
export async function verifyAuditBundle(bundle: AuditBundle, trustedKeys?: AuditPublicKeys): Promise<BundleVerification> {
  const keys = trustedKeys ?? publicKeySet(bundle.publicKeys.map((key) => parseVerificationKey(key.pem)));
  const report = await verifyChain(bundle.entries, { stream: bundle.stream, checkpoints: bundle.checkpoints, publicKeys: keys });
  return { report, keyIds: [...keys.keys()], keysFromBundle: trustedKeys === undefined };
}
