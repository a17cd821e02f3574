import type { AuditChainEntry } from './audit-chain';
import type { AuditHashPool } from './audit-hash-pool';
import { anyEntryFromRow, rowsHashMatch, type StoredRow } from './audit-row-hash';

export type { StoredRow } from './audit-row-hash';
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
 * stored values, so they are the original values. The private fields (actor user id, request id,
 * source address) come as columns of their own: a format-2 row hashes their commitments in their
 * place (computed from the rendered value and the row's commit key, with the same fallback), and
 * `rowContent` puts the pieces back together for format 1 and for parsing.
 */
const ROW_COLUMNS = `id, seq, prev_hash, hash, format, commit_key,
  (extract(epoch FROM occurred_at) * 1000)::float8 AS at_ms,
  details::text AS details, '[' || coalesce(seq::text, 'null') || ','
  || coalesce(to_json(prev_hash)::text, 'null') || ',' || coalesce('"' || id || '"', 'null') || ','
  || coalesce(trim_scale(extract(epoch FROM occurred_at) * 1000)::text, 'null') AS lead,
  coalesce('"' || actor_user_id || '"', 'null') AS uid,
  coalesce('"' || actor_org_id || '"', 'null') || ','
  || coalesce(array_to_json(actor_roles)::text, 'null') || ',' || coalesce(to_json(action)::text, 'null') || ','
  || coalesce(to_json(subject_type)::text, 'null') || ',' || coalesce(to_json(subject_id)::text, 'null') || ','
  || coalesce('"' || agreement_id || '"', 'null') || ',' || coalesce(agreement_version::text, 'null') || ','
  || coalesce(to_json(outcome)::text, 'null') || ',' || coalesce(to_json(reason)::text, 'null') || ','
  || coalesce(array_to_json(fields_released)::text, 'null') || ','
  || coalesce(array_to_json(fields_withheld)::text, 'null') AS mid,
  coalesce(to_json(request_id)::text, 'null') AS rid, coalesce(to_json(source_ip)::text, 'null') AS ip`;

/**
 * Verifies rows as read (see ROW_COLUMNS): one hash per row (eleven for format 2), no parsing of
 * format-1 rows unless the shortcut misses. `valid` gives the verdicts of rowsHashMatch when they
 * were computed elsewhere (worker threads, see AuditHashPool).
 */
export function pushStoredRows(
  verifier: ChainVerifier,
  stream: string,
  rows: readonly StoredRow[],
  valid: Uint8Array = rowsHashMatch(stream, rows),
): void {
  const rebuild = (row: StoredRow) => anyEntryFromRow(stream, row);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    verifier.pushChecked(
      row.id,
      Number(row.seq),
      row.prev_hash,
      row.hash,
      valid[i] === 1,
      row.at_ms ?? NaN,
      row,
      rebuild,
    );
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
  /** Worker threads to hash in (the verify command's, for long streams); without it, rows are hashed here. */
  hashPool?: AuditHashPool;
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
  const pool = options.hashPool;
  if (pool === undefined) {
    for await (const rows of readRowBatches(query, stream, { batchSize: options.batchSize }))
      pushStoredRows(verifier, stream, rows);
    return verifier.finish();
  }
  // Batches are hashed in the pool's threads, up to one per thread ahead, while the next ones are read (two
  // connections); links and seqs are checked here, in stored order.
  const hashing: Array<{ rows: StoredRow[]; valid: Promise<Uint8Array> }> = [];
  const pushNext = async () => {
    const { rows, valid } = hashing.shift()!;
    pushStoredRows(verifier, stream, rows, await valid);
  };
  try {
    for await (const rows of readRowBatches(query, stream, { batchSize: options.batchSize, depth: 2 })) {
      const valid = pool.hash(stream, rows);
      valid.catch(() => undefined); // awaited in order below; this only keeps an abandoned one from going unhandled
      hashing.push({ rows, valid });
      if (hashing.length > pool.size) await pushNext();
    }
    while (hashing.length > 0) await pushNext();
  } finally {
    hashing.length = 0;
  }
  return verifier.finish();
}
