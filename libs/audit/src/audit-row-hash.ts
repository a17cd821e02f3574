import {
  type AuditChainEntry,
  type AuditDetailValue,
  canonicalDetails,
  COMMIT_KEY_PATTERN,
  COMMITMENT_FORMAT,
  detailField,
  ENTRY_FORMAT,
  ENTRY_FORMAT_V2,
  entryHash,
  SALT_FORMAT,
  sha256Hex,
} from './audit-chain';

/**
 * Hashing rows as the database reader renders them (audit-store.ts, ROW_COLUMNS). This module
 * imports nothing but the chain's pure functions, so a worker thread (audit-hash.worker.ts) loads
 * it cheaply.
 */

/** One row as read: see ROW_COLUMNS. */
export interface StoredRow {
  id: string;
  seq: string | number;
  prev_hash: string;
  hash: string;
  format: number;
  commit_key: string | null;
  at_ms: number | null;
  details: string | null;
  /** The canonical content from `[` + seq to the time, without the closing `]`. */
  lead: string;
  /** The private actor user id, request id and source address, each as JSON. */
  uid: string;
  rid: string;
  ip: string;
  /** The canonical content between the actor user id and the request id. */
  mid: string;
}

/** What hashing a row needs of it (what a worker thread is sent). */
export type HashedRow = Pick<
  StoredRow,
  'format' | 'commit_key' | 'details' | 'lead' | 'uid' | 'mid' | 'rid' | 'ip' | 'hash'
>;

/** The row's content (see ROW_COLUMNS) as one JSON array in canonical order, between the stream and the details. */
export const rowContent = (row: HashedRow): string => `${row.lead},${row.uid},${row.mid},${row.rid},${row.ip}]`;

/** The canonical fields between the stream and the details, as `content` holds them. */
type ContentFields = [
  number,
  string,
  string,
  number,
  string | null,
  string | null,
  string[],
  string,
  string,
  string | null,
  string | null,
  number | null,
  string,
  string | null,
  string[],
  string[],
  string | null,
  string | null,
];

export function entryFromRow(stream: string, row: HashedRow): AuditChainEntry {
  const c = JSON.parse(rowContent(row)) as ContentFields;
  if (!Array.isArray(c) || c.length !== 18) throw new Error('unexpected audit row content');
  return {
    stream,
    seq: c[0],
    prevHash: c[1],
    id: c[2],
    occurredAtMs: c[3],
    actorUserId: c[4],
    actorOrgId: c[5],
    actorRoles: c[6],
    action: c[7],
    subjectType: c[8],
    subjectId: c[9],
    agreementId: c[10],
    agreementVersion: c[11],
    outcome: c[12],
    reason: c[13],
    fieldsReleased: c[14],
    fieldsWithheld: c[15],
    requestId: c[16],
    sourceIp: c[17],
    details: row.details === null ? null : (JSON.parse(row.details) as AuditChainEntry['details']),
    hash: row.hash,
    ...(row.format === 2 ? { format: 2 as const, commitKey: row.commit_key } : {}),
  };
}

/**
 * For a diagnosis, even a row no longer parseable as an entry (a stored time of 'infinity', say)
 * becomes one: its link columns as read, the rest empty. It is already known to be invalid.
 */
export function anyEntryFromRow(stream: string, row: StoredRow): AuditChainEntry {
  try {
    return entryFromRow(stream, row);
  } catch {
    return {
      stream,
      seq: Number(row.seq),
      prevHash: row.prev_hash,
      id: row.id,
      hash: row.hash,
      occurredAtMs: NaN,
      actorUserId: null,
      actorOrgId: null,
      actorRoles: [],
      action: '',
      subjectType: '',
      subjectId: null,
      agreementId: null,
      agreementVersion: null,
      outcome: '',
      reason: null,
      fieldsReleased: [],
      fieldsWithheld: [],
      requestId: null,
      sourceIp: null,
      details: null,
      ...(row.format === 2 ? { format: 2 as const, commitKey: row.commit_key } : {}),
    };
  }
}

const V1_PREFIX = `["${ENTRY_FORMAT}",`;
const V2_PREFIX = `["${ENTRY_FORMAT_V2}",`;

/** The commitment (hex) of a value given as its JSON (see audit-chain.ts). */
function commitmentOf(commitKey: string, field: string, json: string): string {
  const salt = sha256Hex(`${SALT_FORMAT}:${commitKey}:${field}`);
  return sha256Hex(`${COMMITMENT_FORMAT}:${salt}:${json}`);
}

/** A private top-level field as the format-2 text holds it: its commitment, or null when it is null. */
const committedField = (commitKey: string, field: string, json: string): string =>
  json === 'null' ? 'null' : `"${commitmentOf(commitKey, field, json)}"`;

/**
 * The format-2 canonical text straight from the rendered columns: commitments in place of the
 * private values, details as their sorted [key, commitment] pairs — as canonicalEntry builds it,
 * without parsing the content or building an entry.
 */
function formatTwoText(stream: string, row: HashedRow, commitKey: string): string {
  let details = 'null';
  if (row.details !== null) {
    const values = JSON.parse(row.details) as Record<string, AuditDetailValue>;
    const pairs = Object.keys(values)
      .sort()
      .map((key) => [key, commitmentOf(commitKey, detailField(key), JSON.stringify(values[key]))]);
    details = JSON.stringify(pairs);
  }
  const userId = committedField(commitKey, 'actorUserId', row.uid);
  const requestId = committedField(commitKey, 'requestId', row.rid);
  const sourceIp = committedField(commitKey, 'sourceIp', row.ip);
  return (
    `${V2_PREFIX}${JSON.stringify(stream)},${row.lead.slice(1)},${userId},${row.mid},${requestId},${sourceIp},` +
    `${details}]`
  );
}

/**
 * Whether the row's content hashes to its stored hash, for this stream. The text built from the
 * database's rendering is a shortcut (see ROW_COLUMNS): when it misses, the row is parsed and
 * hashed exactly as canonicalEntry does, and that decides.
 */
export function rowHashMatches(stream: string, row: HashedRow): boolean {
  try {
    let text: string;
    if (row.format === 2) {
      const key = row.commit_key;
      if (typeof key !== 'string' || !COMMIT_KEY_PATTERN.test(key)) return false; // canonicalEntry refuses it too
      text = formatTwoText(stream, row, key);
    } else {
      const details =
        row.details === null
          ? 'null'
          : JSON.stringify(canonicalDetails(JSON.parse(row.details) as AuditChainEntry['details']));
      text = `${V1_PREFIX}${JSON.stringify(stream)},${rowContent(row).slice(1, -1)},${details}]`;
    }
    if (sha256Hex(text) === row.hash) return true;
    return entryHash(entryFromRow(stream, row)) === row.hash;
  } catch {
    return false; // unparseable content cannot be the hashed content: invalid
  }
}

/** rowHashMatches for each row: 1 where the hash matches. */
export function rowsHashMatch(stream: string, rows: readonly HashedRow[]): Uint8Array {
  const valid = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) valid[i] = rowHashMatches(stream, rows[i]!) ? 1 : 0;
  return valid;
}
