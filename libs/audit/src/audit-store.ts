import { canonicalDetails, ENTRY_FORMAT, entryHash, sha256Hex, type AuditChainEntry } from './audit-chain';
import { type AuditCheckpoint, type AuditPublicKeys, spanDigestOf } from './audit-signing-key';
import { ChainVerifier, type ChainReport } from './audit-verifier';

/**
 * Reading the audit tables for verification, checkpoints and bundles. Everything goes through a
 * plain `query` function so the same code serves Nest (a TypeORM DataSource, as the application
 * role) and the verify command (a pg Pool, as the owner).
 */
export type AuditQuery = (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>;

export const DEFAULT_BATCH_SIZE = 10_000;

/**
 * What is read per entry: its link (id, seq, prev hash, stored hash) as plain columns, and its
 * content as compact JSON in the hash's canonical field order — `to_json` escapes strings exactly
 * as JSON.stringify does, and uuids, integers and the time need no escaping — so the verifier
 * hashes `["accord-audit/v1",<stream>,` + that text (+ details in canonical form) without parsing
 * it or building an entry object. (Concatenation costs the database about a third less than
 * array_to_json or json_build_array.) No Date is ever
 * built: the time arrives as epoch milliseconds (a fraction means someone wrote sub-millisecond
 * time, and the hash then fails, as it should).
 *
 * The database's rendering is only a shortcut: when its text does not hash to the stored hash
 * (a number PostgreSQL formats differently, say), the row is parsed and hashed exactly as
 * canonicalEntry does, and that decides. A match on the shortcut is sound: equal hashes mean
 * the text is the original canonical text, and the text is a faithful JSON rendering of the
 * stored values, so they are the original values. Format-2 rows hash commitments, not the values
 * the text holds: they are always parsed, their commitments computed from their commit key.
 */
const ROW_COLUMNS = `id, seq, prev_hash, hash, format, commit_key,
  (extract(epoch FROM occurred_at) * 1000)::float8 AS at_ms,
  details::text AS details, '[' || coalesce(seq::text, 'null') || ','
  || coalesce(to_json(prev_hash)::text, 'null') || ',' || coalesce('"' || id || '"', 'null') || ','
  || coalesce(trim_scale(extract(epoch FROM occurred_at) * 1000)::text, 'null') || ','
  || coalesce('"' || actor_user_id || '"', 'null') || ',' || coalesce('"' || actor_org_id || '"', 'null') || ','
  || coalesce(array_to_json(actor_roles)::text, 'null') || ',' || coalesce(to_json(action)::text, 'null') || ','
  || coalesce(to_json(subject_type)::text, 'null') || ',' || coalesce(to_json(subject_id)::text, 'null') || ','
  || coalesce('"' || agreement_id || '"', 'null') || ',' || coalesce(agreement_version::text, 'null') || ','
  || coalesce(to_json(outcome)::text, 'null') || ',' || coalesce(to_json(reason)::text, 'null') || ','
  || coalesce(array_to_json(fields_released)::text, 'null') || ','
  || coalesce(array_to_json(fields_withheld)::text, 'null') || ','
  || coalesce(to_json(request_id)::text, 'null') || ','
  || coalesce(to_json(source_ip)::text, 'null') || ']' AS content`;

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
  content: string;
}

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

function entryFromRow(stream: string, row: StoredRow): AuditChainEntry {
  const c = JSON.parse(row.content) as ContentFields;
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
function anyEntryFromRow(stream: string, row: StoredRow): AuditChainEntry {
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

/** Verifies rows as read (see ROW_COLUMNS): one hash per row, no parsing unless the shortcut misses. */
export function pushStoredRows(verifier: ChainVerifier, stream: string, rows: readonly StoredRow[]): void {
  const prefix = `["${ENTRY_FORMAT}",${JSON.stringify(stream)},`;
  const rebuild = (row: StoredRow) => anyEntryFromRow(stream, row);
  for (const row of rows) {
    let computed = '';
    try {
      if (row.format === 2) computed = entryHash(entryFromRow(stream, row));
      else {
        const details =
          row.details === null
            ? 'null'
            : JSON.stringify(canonicalDetails(JSON.parse(row.details) as AuditChainEntry['details']));
        computed = sha256Hex(`${prefix}${row.content.slice(1, -1)},${details}]`);
        if (computed !== row.hash) computed = entryHash(entryFromRow(stream, row));
      }
    } catch {
      computed = ''; // unparseable content cannot be the hashed content: invalid
    }
    verifier.pushHashed(row.id, Number(row.seq), row.prev_hash, row.hash, computed, row.at_ms ?? NaN, row, rebuild);
  }
  verifier.reportProgress();
}

/**
 * Rows with seq in (after, after + size], in stored order (rows sharing a seq — only a tampered
 * table has them — ordered by id). A bounded range rather than ORDER BY … LIMIT: any plan then
 * touches one batch of rows, even before the planner has statistics, and a seq is never split
 * across two batches.
 */
async function fetchRows(query: AuditQuery, stream: string, after: number, size: number): Promise<StoredRow[]> {
  const rows = await query(
    `SELECT ${ROW_COLUMNS} FROM audit_entries WHERE stream = $1 AND seq > $2 AND seq <= $3 ORDER BY seq, id`,
    [stream, after, after + size],
  );
  return rows as unknown as StoredRow[];
}

/** The first seq after `after`, to jump over a gap (deleted or forged-far-ahead entries). */
async function nextSeqAfter(query: AuditQuery, stream: string, after: number): Promise<number | null> {
  const rows = await query(`SELECT seq FROM audit_entries WHERE stream = $1 AND seq > $2 ORDER BY seq LIMIT 1`, [
    stream,
    after,
  ]);
  return rows.length === 0 ? null : Number(rows[0]!.seq);
}

export interface ReadOptions {
  afterSeq?: number;
  batchSize?: number;
  /**
   * Ranges fetched ahead, each on its own connection when the pool has them (rendering rows is the database's share of
   * the work).
   */
  depth?: number;
}

/** A stream's rows (see ROW_COLUMNS) in stored order, batch by batch, `depth` ranges in flight. */
export async function* readRowBatches(
  query: AuditQuery,
  stream: string,
  options: ReadOptions = {},
): AsyncGenerator<StoredRow[]> {
  const size = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const depth = Math.max(1, options.depth ?? 2);
  let nextFrom = options.afterSeq ?? 0;
  const inFlight: Array<{ from: number; rows: Promise<StoredRow[]> }> = [];
  const fill = () => {
    while (inFlight.length < depth) {
      const rows = fetchRows(query, stream, nextFrom, size);
      rows.catch(() => undefined); // awaited below; this only keeps an abandoned prefetch from going unhandled
      inFlight.push({ from: nextFrom, rows });
      nextFrom += size;
    }
  };
  fill();
  for (;;) {
    const { from, rows } = inFlight.shift()!;
    const batch = await rows;
    if (batch.length === 0) {
      // The end of the stream, or a gap of a whole range: drop what is in flight and jump.
      await Promise.allSettled(inFlight.map((f) => f.rows));
      inFlight.length = 0;
      const resume = await nextSeqAfter(query, stream, from);
      if (resume === null) return;
      nextFrom = resume - 1;
      fill();
      continue;
    }
    fill();
    yield batch;
  }
}

/** A stream's entries in stored order (for bundles and other readers that want whole entries). */
export async function* readEntryBatches(
  query: AuditQuery,
  stream: string,
  options: ReadOptions = {},
): AsyncGenerator<AuditChainEntry[]> {
  for await (const rows of readRowBatches(query, stream, options))
    yield rows.map((row) => anyEntryFromRow(stream, row));
}

/** Every stream that has entries or checkpoints (a loose index scan: one probe per stream). */
export async function listStreams(query: AuditQuery): Promise<string[]> {
  const distinct = (table: string) => `
    WITH RECURSIVE s(stream) AS (
      SELECT min(stream) FROM ${table}
      UNION ALL
      SELECT (SELECT min(t.stream) FROM ${table} t WHERE t.stream > s.stream) FROM s WHERE s.stream IS NOT NULL
    )
    SELECT stream FROM s WHERE stream IS NOT NULL`;
  const [entries, checkpoints] = await Promise.all([
    query(distinct('audit_entries'), []),
    query(distinct('audit_checkpoints'), []),
  ]);
  return [...new Set([...entries, ...checkpoints].map((row) => row.stream as string))].sort();
}

export async function streamHeadSeq(query: AuditQuery, stream: string): Promise<number> {
  const rows = await query(`SELECT seq FROM audit_entries WHERE stream = $1 ORDER BY seq DESC LIMIT 1`, [stream]);
  return rows.length === 0 ? 0 : Number(rows[0]!.seq);
}

const CHECKPOINT_COLUMNS = `id, stream, seq, hash, (extract(epoch FROM signed_at) * 1000)::float8 AS signed_at_ms,
  key_id, signature, format, from_seq, span_hashes`;

function checkpointFromRow(row: Record<string, unknown>): AuditCheckpoint {
  const checkpoint: AuditCheckpoint = {
    stream: row.stream as string,
    seq: Number(row.seq),
    hash: row.hash as string,
    signedAtMs: row.signed_at_ms as number,
    keyId: row.key_id as string,
    signature: row.signature as string,
  };
  if (row.format === 2) {
    const spanHashes = (row.span_hashes as string[] | null) ?? [];
    Object.assign(checkpoint, {
      format: 2,
      fromSeq: Number(row.from_seq),
      spanDigest: spanDigestOf(spanHashes),
      spanHashes,
    });
  }
  return checkpoint;
}

export async function loadCheckpoints(query: AuditQuery, stream: string): Promise<AuditCheckpoint[]> {
  const rows = await query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints WHERE stream = $1 ORDER BY seq`, [
    stream,
  ]);
  return rows.map(checkpointFromRow);
}

export async function latestCheckpoint(query: AuditQuery, stream: string): Promise<AuditCheckpoint | null> {
  const rows = await query(
    `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints WHERE stream = $1 ORDER BY seq DESC LIMIT 1`,
    [stream],
  );
  return rows.length === 0 ? null : checkpointFromRow(rows[0]!);
}

/** One checkpoint by its row id (what a witness job carries). */
export async function checkpointById(query: AuditQuery, id: string): Promise<AuditCheckpoint | null> {
  const rows = await query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints WHERE id = $1`, [id]);
  return rows.length === 0 ? null : checkpointFromRow(rows[0]!);
}

/**
 * Stores a format-2 checkpoint through `audit_checkpoint_append` (the application role cannot
 * insert rows itself); the function refuses one whose head or span the table does not hold.
 * Returns the new row's id, or null when that head was already signed.
 */
export async function insertCheckpoint(query: AuditQuery, checkpoint: AuditCheckpoint): Promise<string | null> {
  if (checkpoint.format !== 2 || checkpoint.spanHashes === undefined)
    throw new Error('only format-2 checkpoints (with their span) are stored');
  const rows = await query(`SELECT audit_checkpoint_append($1, $2, $3, $4, $5, $6, $7, $8) AS id`, [
    checkpoint.stream,
    checkpoint.seq,
    checkpoint.hash,
    new Date(checkpoint.signedAtMs).toISOString(),
    checkpoint.keyId,
    checkpoint.signature,
    checkpoint.fromSeq,
    checkpoint.spanHashes,
  ]);
  return (rows[0]?.id as string | null | undefined) ?? null;
}

export interface StoredStreamOptions {
  publicKeys: AuditPublicKeys;
  batchSize?: number;
  onProgress?: (entriesRead: number) => void;
  /** Checkpoints kept outside the database (webhook copies, a bundle): the chain must still reach them. */
  witnessed?: readonly AuditCheckpoint[];
  /** Fail when an entry has waited longer than this for a signature (two checkpoint intervals), counted to `nowMs`. */
  freshness?: { nowMs: number; maxUnsignedMs: number };
}

/** Verifies one stream as stored: all its entries against all its checkpoints (and any kept elsewhere). */
export async function verifyStoredStream(
  query: AuditQuery,
  stream: string,
  options: StoredStreamOptions,
): Promise<ChainReport> {
  const checkpoints = [
    ...(await loadCheckpoints(query, stream)),
    ...(options.witnessed ?? []).filter((c) => c.stream === stream),
  ];
  const verifier = new ChainVerifier({
    stream,
    checkpoints,
    publicKeys: options.publicKeys,
    onProgress: options.onProgress,
    freshness: options.freshness,
  });
  for await (const rows of readRowBatches(query, stream, { batchSize: options.batchSize }))
    pushStoredRows(verifier, stream, rows);
  return verifier.finish();
}
