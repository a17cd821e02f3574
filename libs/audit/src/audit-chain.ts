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
 *
 * FORMAT 2 (`accord-audit/v2`, every entry appended since issue 13) hashes the same array with the
 * same tag position, but the PRIVATE fields — actorUserId, requestId, sourceIp and each value of
 * `details` — enter it as commitments, not values:
 *   commitment(name, value) = hex SHA-256 of 'accord-audit-commit/v2:' + salt(name) + ':' + JSON.stringify(value)
 *   salt(name)              = hex SHA-256 of 'accord-audit-salt/v2:' + commitKey + ':' + name
 * where `name` is 'actorUserId', 'requestId', 'sourceIp' or 'details.<key>', and `commitKey` is 32
 * random bytes per entry kept server-side (the `commit_key` column, never in a bundle). A null
 * top-level field stays null; `details` becomes its [key, commitment] pairs sorted by key. So a
 * bundle can carry, field by field, either the value with its salt (the verifier recomputes the
 * commitment) or only the commitment — and verifies offline either way, while a salt revealed for
 * one field says nothing about another (each is derived from the secret key). The 256-bit key
 * makes a commitment to a guessable value (a user id the other party knows, an IPv4 address)
 * impossible to test by brute force. Format-1 entries keep verifying as they are.
 */
export const ENTRY_FORMAT = 'accord-audit/v1';
export const ENTRY_FORMAT_V2 = 'accord-audit/v2';
export const GENESIS_FORMAT = 'accord-audit-genesis/v1';
export const COMMITMENT_FORMAT = 'accord-audit-commit/v2';
export const SALT_FORMAT = 'accord-audit-salt/v2';

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
  /** 2 for entries whose private fields are committed (see above); absent or 1 for format 1. */
  format?: 1 | 2;
  /** Format 2: the per-entry secret the field salts derive from. Server-side only. */
  commitKey?: string | null;
}

/** Everything of an entry except its place in the chain. */
export type AuditEntryContent = Omit<AuditChainEntry, 'stream' | 'seq' | 'prevHash' | 'hash'>;

/** The top-level fields that are committed in format 2 (besides each value of `details`). */
export const PRIVATE_FIELDS = ['actorUserId', 'requestId', 'sourceIp'] as const;
export type PrivateField = (typeof PRIVATE_FIELDS)[number];

/** The commitment name of a field: a private top-level field's own name, `details.<key>` for a detail. */
export const detailField = (key: string): string => `details.${key}`;

export const COMMIT_KEY_PATTERN = /^[0-9a-f]{64}$/;

// `crypto.hash` (Node ≥ 20.12) skips the Hash object: noticeably cheaper for short inputs.
export const sha256Hex: (data: string) => string =
  typeof crypto.hash === 'function'
    ? (data) => crypto.hash('sha256', data, 'hex')
    : (data) => crypto.createHash('sha256').update(data, 'utf8').digest('hex');

export function genesisHash(stream: string): string {
  return sha256Hex(JSON.stringify([GENESIS_FORMAT, stream]));
}

/** `details` as it is hashed: its [key, value] pairs sorted by key (`null` stays `null`). */
export function canonicalDetails(
  details: Record<string, AuditDetailValue> | null,
): Array<[string, AuditDetailValue]> | null {
  if (details === null) return null;
  const keys = Object.keys(details).sort();
  return keys.map((key) => [key, details[key]!]);
}

/**
 * The salt of one field of a format-2 entry: revealing it reveals nothing of the other fields. The
 * key is always 64 hex characters, so the concatenation is unambiguous (and cheaper than JSON: a
 * verifier computes two of these hashes per private field).
 */
export function fieldSalt(commitKey: string, field: string): string {
  return sha256Hex(`${SALT_FORMAT}:${commitKey}:${field}`);
}

/** The salt (64 hex characters) is bound to its field, so the value alone follows it. */
export function commitment(salt: string, value: AuditDetailValue): string {
  return sha256Hex(`${COMMITMENT_FORMAT}:${salt}:${JSON.stringify(value)}`);
}

/** What the format-2 hash covers of the private fields: a commitment per non-null field, per detail value. */
export interface Commitments {
  actorUserId: string | null;
  requestId: string | null;
  sourceIp: string | null;
  details: Array<[string, string]> | null;
}

/** The commitments of a stored format-2 entry (from its values and its commit key). */
export function commitmentsOf(entry: Pick<AuditChainEntry, PrivateField | 'details'>, commitKey: string): Commitments {
  const commit = (field: string, value: AuditDetailValue) => commitment(fieldSalt(commitKey, field), value);
  const top = (field: PrivateField) => (entry[field] === null ? null : commit(field, entry[field]));
  return {
    actorUserId: top('actorUserId'),
    requestId: top('requestId'),
    sourceIp: top('sourceIp'),
    details:
      entry.details === null
        ? null
        : canonicalDetails(entry.details)!.map(([key, value]): [string, string] => [
            key,
            commit(detailField(key), value),
          ]),
  };
}

/**
 * The fields after prevHash, in canonical order, with the private ones as given: values (format 1) or commitments
 * (format 2).
 */
function orderedFields(
  entry: Omit<AuditEntryContent, PrivateField | 'details' | 'commitKey'>,
  p: Record<PrivateField | 'details', unknown>,
): unknown[] {
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

function contentFields(entry: AuditEntryContent): unknown[] {
  return orderedFields(entry, {
    actorUserId: entry.actorUserId,
    requestId: entry.requestId,
    sourceIp: entry.sourceIp,
    details: canonicalDetails(entry.details),
  });
}

/** Format 2: the private fields as their commitments. */
export function committedContentFields(
  entry: Omit<AuditEntryContent, PrivateField | 'details' | 'commitKey'>,
  c: Commitments,
): unknown[] {
  return orderedFields(entry, { ...c });
}

function formatTwoFields(entry: AuditEntryContent): unknown[] {
  if (typeof entry.commitKey !== 'string' || !COMMIT_KEY_PATTERN.test(entry.commitKey))
    throw new Error('a format-2 entry needs its commit key');
  return committedContentFields(entry, commitmentsOf(entry, entry.commitKey));
}

export function canonicalEntry(entry: Omit<AuditChainEntry, 'hash'>): string {
  if (entry.format === 2)
    return JSON.stringify([ENTRY_FORMAT_V2, entry.stream, entry.seq, entry.prevHash, ...formatTwoFields(entry)]);
  return JSON.stringify([ENTRY_FORMAT, entry.stream, entry.seq, entry.prevHash, ...contentFields(entry)]);
}

export function entryHash(entry: Omit<AuditChainEntry, 'hash'>): string {
  return sha256Hex(canonicalEntry(entry));
}

/**
 * The canonical text after `prevHash`, starting with its separating comma. The database
 * completes an append in one statement (`audit_append`): under the stream's lock it reads the
 * head and hashes `["accord-audit/v2",<stream>,<seq>,<prev hash>` + this tail. Stream (CHECK
 * constrained), seq (an integer) and the hex prev hash need no JSON escaping, so the text is
 * byte-identical to `canonicalEntry` (a unit test and every chain verification prove it).
 */
export function canonicalTail(entry: AuditEntryContent): string {
  const fields = entry.format === 2 ? formatTwoFields(entry) : contentFields(entry);
  return `,${JSON.stringify(fields).slice(1)}`;
}

/** Entries are always the hex SHA-256 from above; anything else is tampering. */
export const HASH_PATTERN = /^[0-9a-f]{64}$/;
