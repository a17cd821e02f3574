import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@accord/config';
import { AuditSigningKey, verifyCheckpointSignature } from './audit-signing-key';
import { insertCheckpoint, pushStoredRows, readRowBatches, type AuditQuery } from './audit-store';
import { ChainVerifier, type ChainProblem } from './audit-verifier';

export interface CheckpointRun {
  /** Streams whose new head was signed. */
  signed: number;
  /** Streams whose new entries did not verify: nothing was signed for them. */
  refused: Array<{ stream: string; problem: ChainProblem }>;
}

export interface CheckpointStatus {
  /** Age of the newest checkpoint of any stream, null when none was ever made. */
  lastCheckpointAgeSeconds: number | null;
  /** Age of the oldest entry that no checkpoint covers yet, null when every head is signed. */
  oldestUnsignedEntryAgeSeconds: number | null;
}

/** Every stream whose head moved since its latest checkpoint, with that checkpoint (if any). */
const MOVED_HEADS_SQL = `
  WITH RECURSIVE s(stream) AS (
    SELECT min(stream) FROM audit_entries
    UNION ALL
    SELECT (SELECT min(e.stream) FROM audit_entries e WHERE e.stream > s.stream) FROM s WHERE s.stream IS NOT NULL
  )
  SELECT s.stream, h.seq AS head_seq, c.seq AS cp_seq, c.hash AS cp_hash,
         (extract(epoch FROM c.signed_at) * 1000)::float8 AS cp_signed_at_ms, c.key_id AS cp_key_id, c.signature AS cp_signature
  FROM s
  CROSS JOIN LATERAL (SELECT e.seq FROM audit_entries e WHERE e.stream = s.stream ORDER BY e.seq DESC LIMIT 1) h
  LEFT JOIN LATERAL (SELECT * FROM audit_checkpoints c WHERE c.stream = s.stream ORDER BY c.seq DESC LIMIT 1) c ON true
  WHERE s.stream IS NOT NULL AND (c.seq IS NULL OR h.seq > c.seq)`;

/**
 * Signs the head of every stream that moved since its last checkpoint (DESIGN.md §5: at least
 * every minute while there is activity; the scheduler calls this every
 * AUDIT_CHECKPOINT_INTERVAL_SECONDS).
 *
 * A head is signed only after the entries since the previous checkpoint verify, starting from
 * that checkpoint (its signature checked first): a checkpoint never blesses entries someone
 * changed before it was made. The cost is proportional to the new entries only.
 */
@Injectable()
export class AuditCheckpointService {
  private readonly logger = new Logger('AuditCheckpoints');
  private readonly query: AuditQuery;

  constructor(
    dataSource: DataSource,
    private readonly key: AuditSigningKey,
    private readonly config: AppConfig,
  ) {
    this.query = (sql, params) => dataSource.query(sql, params);
  }

  async checkpointActiveStreams(): Promise<CheckpointRun> {
    const moved = await this.query(MOVED_HEADS_SQL, []);
    const run: CheckpointRun = { signed: 0, refused: [] };
    for (const row of moved) {
      const stream = row.stream as string;
      const problem = await this.checkpointStream(stream, row);
      if (problem === null) run.signed++;
      else {
        run.refused.push({ stream, problem });
        // Stream names carry ids only; the problem names a seq and a kind, never content.
        this.logger.error(`audit stream ${stream} not checkpointed: ${problem.kind} at seq ${problem.seq}`);
      }
    }
    return run;
  }

  private async checkpointStream(stream: string, row: Record<string, unknown>): Promise<ChainProblem | null> {
    let anchor: { seq: number; hash: string } | undefined;
    if (row.cp_seq !== null) {
      const previous = {
        stream,
        seq: Number(row.cp_seq),
        hash: row.cp_hash as string,
        signedAtMs: row.cp_signed_at_ms as number,
        keyId: row.cp_key_id as string,
        signature: row.cp_signature as string,
      };
      if (verifyCheckpointSignature(previous, this.key.publicKeys())) anchor = { seq: previous.seq, hash: previous.hash };
      // Signed by an earlier key, or forged: verify this stream from its genesis instead.
      else this.logger.warn(`audit stream ${stream}: latest checkpoint not verifiable with key ${this.key.keyId}; verifying from the start`);
    }
    const verifier = new ChainVerifier({ stream, anchor });
    for await (const rows of readRowBatches(this.query, stream, { afterSeq: anchor?.seq ?? 0 })) pushStoredRows(verifier, stream, rows);
    const report = verifier.finish();
    if (!report.ok) return report.problem;
    if (report.headSeq <= (anchor?.seq ?? 0)) return null;
    await insertCheckpoint(this.query, this.key.sign({ stream, seq: report.headSeq, hash: report.headHash }, Date.now()));
    return null;
  }

  async status(now = Date.now()): Promise<CheckpointStatus> {
    const [latest, unsigned] = await Promise.all([
      this.query(`SELECT (extract(epoch FROM max(signed_at)) * 1000)::float8 AS ms FROM audit_checkpoints`, []),
      // Per moved stream, the first entry after its latest checkpoint (one index probe each).
      this.query(
        `SELECT (extract(epoch FROM min(f.occurred_at)) * 1000)::float8 AS ms FROM (${MOVED_HEADS_SQL}) moved
         CROSS JOIN LATERAL (SELECT e.occurred_at FROM audit_entries e WHERE e.stream = moved.stream AND e.seq > coalesce(moved.cp_seq, 0) ORDER BY e.seq LIMIT 1) f`,
        [],
      ),
    ]);
    const age = (ms: unknown) => (typeof ms === 'number' ? Math.max(0, Math.round((now - ms) / 1000)) : null);
    return { lastCheckpointAgeSeconds: age(latest[0]?.ms), oldestUnsignedEntryAgeSeconds: age(unsigned[0]?.ms) };
  }

  /** Stale: an entry has waited more than two checkpoint intervals for its signature. */
  isStale(status: CheckpointStatus): boolean {
    return status.oldestUnsignedEntryAgeSeconds !== null && status.oldestUnsignedEntryAgeSeconds > 2 * this.config.auditCheckpointIntervalSeconds;
  }
}
