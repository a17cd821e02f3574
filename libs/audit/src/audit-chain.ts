import * as crypto from 'node:crypto';

/**
 * The hash chain of the audit trail, as pure functions. The format is versioned by the tags
 * below; changing the serialization means a new tag, never a silent change.
 *
 * Entry hash = SHA-256 (hex) of the UTF-8 bytes of
 *   JSON.stringify(['accord-audit/v1', stream, seq, prevHash, id, occurredAtMs, actorUserId,
 *                   actorOrgId, actorRoles, action, subjectType, subjectId, agreementId,
 *                   agreementVersion, outcome, reason, fieldsReleased, fieldsWithheld,
 *                   requestId, sourceIp, details])
 * where absent values are `null`, timestamps are integer epoch milliseconds and `details` is the
 * array of its `[key, value]` pairs sorted by key (`null` stays `null`, `{}` is `[]`). A JSON array of fields in fixed
 * order is unambiguous: no field can borrow characters from its neighbour.
 *
 * Stream, seq and prev hash are inside the hash, so an entry cannot be moved to another stream or
 * position, nor re-linked, without its hash changing. The first entry of a stream links to the
 * stream's genesis hash, so a chain cannot be passed off as another stream's.
 */
export const ENTRY_FORMAT = 'accord-audit/v1';
export const GENESIS_FORMAT = 'accord-audit-genesis/v1';

export type AuditDetailValue = string | number | boolean | null;

/** One stored audit entry, as the chain sees it (bundles carry exactly this shape). */
export interface AuditChainEntry {
  id: string;
  stream: string;
  seq: number;
  prevHash: string;
  hash: string;
  occurredAtMs: number;
  actorUserId: string | null;
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
  requestId: string | null;
  sourceIp: string | null;
  details: Record<string, AuditDetailValue> | null;
}

/** Everything of an entry except its place in the chain. */
export type AuditEntryContent = Omit<AuditChainEntry, 'stream' | 'seq' | 'prevHash' | 'hash'>;

// `crypto.hash` (Node ≥ 20.12) skips the Hash object: noticeably cheaper for short inputs.
export const sha256Hex: (data: string) => string =
  typeof crypto.hash === 'function' ? (data) => crypto.hash('sha256', data, 'hex') : (data) => crypto.createHash('sha256').update(data, 'utf8').digest('hex');

export function genesisHash(stream: string): string {
  return sha256Hex(JSON.stringify([GENESIS_FORMAT, stream]));
}

/** `details` as it is hashed: its [key, value] pairs sorted by key (`null` stays `null`). */
export function canonicalDetails(details: Record<string, AuditDetailValue> | null): Array<[string, AuditDetailValue]> | null {
  if (details === null) return null;
  const keys = Object.keys(details).sort();
  return keys.map((key) => [key, details[key]!]);
}

/** The fields after prevHash, in canonical order. */
function contentFields(entry: AuditEntryContent): unknown[] {
  return [
    entry.id,
    entry.occurredAtMs,
    entry.actorUserId,
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
    entry.requestId,
    entry.sourceIp,
    canonicalDetails(entry.details),
  ];
}

export function canonicalEntry(entry: Omit<AuditChainEntry, 'hash'>): string {
  return JSON.stringify([ENTRY_FORMAT, entry.stream, entry.seq, entry.prevHash, ...contentFields(entry)]);
}

export function entryHash(entry: Omit<AuditChainEntry, 'hash'>): string {
  return sha256Hex(canonicalEntry(entry));
}

/**
 * The canonical text after `prevHash`, starting with its separating comma. The database
 * completes an append in one statement (`audit_append`): under the stream's lock it reads the
 * head and hashes `["accord-audit/v1",<stream>,<seq>,<prev hash>` + this tail. Stream (CHECK
 * constrained), seq (an integer) and the hex prev hash need no JSON escaping, so the text is
 * byte-identical to `canonicalEntry` (a unit test and every chain verification prove it).
 */
export function canonicalTail(entry: AuditEntryContent): string {
  return `,${JSON.stringify(contentFields(entry)).slice(1)}`;
}

/** Entries are always the hex SHA-256 from above; anything else is tampering. */
export const HASH_PATTERN = /^[0-9a-f]{64}$/;
