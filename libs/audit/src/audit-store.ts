import type { AuditChainEntry } from './audit-chain';
import type { AuditCheckpoint, AuditPublicKeys } from './audit-signing-key';
import { ChainVerifier, type ChainReport } from './audit-verifier';

/**
 * Reading the audit tables for verification, checkpoints and bundles. Everything goes through a
 * plain `query` function so the same code serves Nest (a TypeORM DataSource, as the application
 * role) and the verify command (a pg Pool, as the owner).
 */
export type AuditQuery = (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>;

export const DEFAULT_BATCH_SIZE = 10_000;

/**
 * One JSON text per row, fields in a fixed order: the driver then parses one string instead of
 * twenty typed columns, and no Date is ever built — the time arrives as epoch milliseconds
 * (a fraction would mean someone wrote sub-millisecond time: the hash then fails, as it should).
 */
const ENTRY_JSON = `json_build_array(id, seq, prev_hash, hash, extract(epoch FROM occurred_at) * 1000, actor_user_id, actor_org_id,
  actor_roles, action, subject_type, subject_id, agreement_id, agreement_version, outcome, reason, fields_released,
  fields_withheld, request_id, source_ip, details)::text AS j`;

type EntryRow = [
  string, number, string, string, number, string | null, string | null, string[], string, string, string | null,
  string | null, number | null, string, string | null, string[], string[], string | null, string | null, AuditChainEntry['details'],
];

function entryFromRow(stream: string, json: string): AuditChainEntry {
  const r = JSON.parse(json) as EntryRow;
  return {
    id: r[0],
    stream,
    seq: r[1],
    prevHash: r[2],
    hash: r[3],
    occurredAtMs: r[4],
    actorUserId: r[5],
    actorOrgId: r[6],
    actorRoles: r[7],
    action: r[8],
    subjectType: r[9],
    subjectId: r[10],
    agreementId: r[11],
    agreementVersion: r[12],
    outcome: r[13],
    reason: r[14],
    fieldsReleased: r[15],
    fieldsWithheld: r[16],
    requestId: r[17],
    sourceIp: r[18],
    details: r[19],
  };
}

/**
 * Entries with seq in (after, after + size], in stored order (rows sharing a seq — only a
 * tampered table has them — ordered by id). A bounded range rather than ORDER BY … LIMIT: any plan
 * then touches one batch of rows, even before the planner has statistics, and a seq is never
 * split across two batches.
 */
async function fetchRange(query: AuditQuery, stream: string, after: number, size: number): Promise<AuditChainEntry[]> {
  const rows = await query(`SELECT ${ENTRY_JSON} FROM audit_entries WHERE stream = $1 AND seq > $2 AND seq <= $3 ORDER BY seq, id`, [stream, after, after + size]);
  return rows.map((row) => entryFromRow(stream, row.j as string));
}

/** The first seq after `after`, to jump over a gap (deleted or forged-far-ahead entries). */
async function nextSeqAfter(query: AuditQuery, stream: string, after: number): Promise<number | null> {
  const rows = await query(`SELECT seq FROM audit_entries WHERE stream = $1 AND seq > $2 ORDER BY seq LIMIT 1`, [stream, after]);
  return rows.length === 0 ? null : Number(rows[0]!.seq);
}

/**
 * A stream's entries in stored (seq) order, in batches of consecutive seq ranges; the next
 * range is already being fetched while the caller works on the current one.
 */
export async function* readEntryBatches(query: AuditQuery, stream: string, options: { afterSeq?: number; batchSize?: number } = {}): AsyncGenerator<AuditChainEntry[]> {
  const size = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  let after = options.afterSeq ?? 0;
  let next = fetchRange(query, stream, after, size);
  for (;;) {
    const batch = await next;
    if (batch.length === 0) {
      // An empty range: the end of the stream, or a gap to jump over.
      const resume = await nextSeqAfter(query, stream, after);
      if (resume === null) return;
      after = resume - 1;
      next = fetchRange(query, stream, after, size);
      continue;
    }
    after += size;
    next = fetchRange(query, stream, after, size);
    yield batch;
  }
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
  const [entries, checkpoints] = await Promise.all([query(distinct('audit_entries'), []), query(distinct('audit_checkpoints'), [])]);
  return [...new Set([...entries, ...checkpoints].map((row) => row.stream as string))].sort();
}

export async function streamHeadSeq(query: AuditQuery, stream: string): Promise<number> {
  const rows = await query(`SELECT seq FROM audit_entries WHERE stream = $1 ORDER BY seq DESC LIMIT 1`, [stream]);
  return rows.length === 0 ? 0 : Number(rows[0]!.seq);
}

const CHECKPOINT_COLUMNS = `stream, seq, hash, (extract(epoch FROM signed_at) * 1000)::float8 AS signed_at_ms, key_id, signature`;

function checkpointFromRow(row: Record<string, unknown>): AuditCheckpoint {
  return {
    stream: row.stream as string,
    seq: Number(row.seq),
    hash: row.hash as string,
    signedAtMs: row.signed_at_ms as number,
    keyId: row.key_id as string,
    signature: row.signature as string,
  };
}

export async function loadCheckpoints(query: AuditQuery, stream: string): Promise<AuditCheckpoint[]> {
  const rows = await query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints WHERE stream = $1 ORDER BY seq`, [stream]);
  return rows.map(checkpointFromRow);
}

export async function latestCheckpoint(query: AuditQuery, stream: string): Promise<AuditCheckpoint | null> {
  const rows = await query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints WHERE stream = $1 ORDER BY seq DESC LIMIT 1`, [stream]);
  return rows.length === 0 ? null : checkpointFromRow(rows[0]!);
}

export async function insertCheckpoint(query: AuditQuery, checkpoint: AuditCheckpoint): Promise<boolean> {
  const rows = await query(
    `INSERT INTO audit_checkpoints (stream, seq, hash, signed_at, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (stream, seq) DO NOTHING RETURNING id`,
    [checkpoint.stream, checkpoint.seq, checkpoint.hash, new Date(checkpoint.signedAtMs).toISOString(), checkpoint.keyId, checkpoint.signature],
  );
  return rows.length === 1;
}

export interface StoredStreamOptions {
  publicKeys: AuditPublicKeys;
  batchSize?: number;
  onProgress?: (entriesRead: number) => void;
}

/** Verifies one stream as stored: all its entries against all its checkpoints. */
export async function verifyStoredStream(query: AuditQuery, stream: string, options: StoredStreamOptions): Promise<ChainReport> {
  const checkpoints = await loadCheckpoints(query, stream);
  const verifier = new ChainVerifier({ stream, checkpoints, publicKeys: options.publicKeys, onProgress: options.onProgress });
  for await (const batch of readEntryBatches(query, stream, { batchSize: options.batchSize })) verifier.pushBatch(batch);
  return verifier.finish();
}
