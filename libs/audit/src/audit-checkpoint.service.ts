import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@accord/config';
import { inTransaction } from '@accord/database';
import { JobName, OutboxService } from '@accord/jobs';
import { type AuditCheckpoint, AuditSigningKey, verifyCheckpointSignature } from './audit-signing-key';
import { insertCheckpoint, latestCheckpoint, pushStoredRows, readRowBatches, type AuditQuery } from './audit-store';
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
         (extract(epoch FROM c.signed_at) * 1000)::float8 AS cp_signed_at_ms,
         c.key_id AS cp_key_id, c.signature AS cp_signature
  FROM s
  CROSS JOIN LATERAL (SELECT e.seq FROM audit_entries e WHERE e.stream = s.stream ORDER BY e.seq DESC LIMIT 1) h
  LEFT JOIN LATERAL (SELECT * FROM audit_checkpoints c WHERE c.stream = s.stream ORDER BY c.seq DESC LIMIT 1) c ON true
  WHERE s.stream IS NOT NULL AND (c.seq IS NULL OR h.seq > c.seq)`;

/**
 * Signs the head of every stream that moved since its last checkpoint (docs/audit.md: at least
 * every minute while there is activity; the scheduler calls this every
 * AUDIT_CHECKPOINT_INTERVAL_SECONDS).
 *
 * A head is signed only after the entries since the previous checkpoint verify, starting from
 * that checkpoint (its signature checked first): a checkpoint never blesses entries someone
 * changed before it was made. The cost is proportional to the new entries only. Each checkpoint
 * signs the hashes of those entries (its span, from the seq after the previous checkpoint), and a
 * checkpoint of an agreement's stream is sent, as it is signed, to both parties' webhooks (a job
 * in the same transaction), so that copies exist that the server cannot take back.
 */
@Injectable()
export class AuditCheckpointService {
  private readonly logger = new Logger('AuditCheckpoints');
  private readonly query: AuditQuery;

  constructor(
    dataSource: DataSource,
    private readonly key: AuditSigningKey,
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
  ) {
    this.dataSource = dataSource;
    this.query = (sql, params) => dataSource.query(sql, params);
  }

  private readonly dataSource: DataSource;

  async checkpointActiveStreams(): Promise<CheckpointRun> {
    const moved = await this.query(MOVED_HEADS_SQL, []);
    const run: CheckpointRun = { signed: 0, refused: [] };
    for (const row of moved) {
      const stream = row.stream as string;
      const problem = await this.checkpointStream(stream);
      if (problem === null) run.signed++;
      else {
        run.refused.push({ stream, problem });
        // Stream names carry ids only; the problem names a seq and a kind, never content.
        this.logger.error(`audit stream ${stream} not checkpointed: ${problem.kind} at seq ${problem.seq}`);
      }
    }
    return run;
  }

  private async checkpointStream(stream: string): Promise<ChainProblem | null> {
    const result = await this.signHead(stream);
    return 'problem' in result ? result.problem : null;
  }

  /**
   * Signs the stream's head now, unless it is already signed (an export wants its own head
   * signed, so that the bundle's last entry is covered). Returns the checkpoint covering the head,
   * or the problem that stopped the signature (a broken chain is never signed).
   */
  async signHead(stream: string): Promise<{ checkpoint: AuditCheckpoint } | { problem: ChainProblem }> {
    return this.signAfter(stream, await latestCheckpoint(this.query, stream));
  }

  private async signAfter(
    stream: string,
    previous: AuditCheckpoint | null,
  ): Promise<{ checkpoint: AuditCheckpoint } | { problem: ChainProblem }> {
    let anchor: { seq: number; hash: string } | undefined;
    if (previous !== null) {
      if (verifyCheckpointSignature(previous, this.key.publicKeys()))
        anchor = { seq: previous.seq, hash: previous.hash };
      // Signed by an earlier key, or forged: verify this stream from its genesis instead.
      else
        this.logger.warn(
          `audit stream ${stream} latest checkpoint not verifiable with key ${this.key.keyId}; ` +
            'verifying from the start',
        );
    }
    // The span starts after the latest checkpoint, whoever signed it: the chain of checkpoints stays linked.
    const fromSeq = (previous?.seq ?? 0) + 1;
    const span: string[] = [];
    const verifier = new ChainVerifier({ stream, anchor });
    for await (const rows of readRowBatches(this.query, stream, { afterSeq: anchor?.seq ?? 0 })) {
      pushStoredRows(verifier, stream, rows);
      for (const r of rows) if (Number(r.seq) >= fromSeq) span.push(r.hash);
    }
    const report = await verifier.finish();
    if (!report.ok) return { problem: report.problem! };
    if (previous !== null && report.headSeq <= previous.seq) return { checkpoint: previous };
    const checkpoint = this.key.sign({ stream, seq: report.headSeq, hash: report.headHash }, Date.now(), {
      fromSeq,
      hashes: span,
    });
    await inTransaction(this.dataSource, async (tx) => {
      const id = await insertCheckpoint((sql, params) => tx.query(sql, params), checkpoint);
      // Ids only: the job reads the checkpoint back. The system stream has no parties to send it to.
      if (id !== null && stream !== 'system')
        await this.outbox.enqueue(tx, JobName.WitnessCheckpoint, { checkpointId: id }, { jobId: id });
    });
    return { checkpoint };
  }

  async status(now = Date.now()): Promise<CheckpointStatus> {
    const [latest, unsigned] = await Promise.all([
      this.query(`SELECT (extract(epoch FROM max(signed_at)) * 1000)::float8 AS ms FROM audit_checkpoints`, []),
      // Per moved stream, the first entry after its latest checkpoint (one index probe each).
      this.query(
        `SELECT (extract(epoch FROM min(f.occurred_at)) * 1000)::float8 AS ms FROM (${MOVED_HEADS_SQL}) moved
         CROSS JOIN LATERAL (SELECT e.occurred_at FROM audit_entries e
           WHERE e.stream = moved.stream AND e.seq > coalesce(moved.cp_seq, 0) ORDER BY e.seq LIMIT 1) f`,
        [],
      ),
    ]);
    const age = (ms: unknown) => (typeof ms === 'number' ? Math.max(0, Math.round((now - ms) / 1000)) : null);
    return { lastCheckpointAgeSeconds: age(latest[0]?.ms), oldestUnsignedEntryAgeSeconds: age(unsigned[0]?.ms) };
  }

  /** Stale: an entry has waited more than two checkpoint intervals for its signature. */
  isStale(status: CheckpointStatus): boolean {
    return (
      status.oldestUnsignedEntryAgeSeconds !== null &&
      status.oldestUnsignedEntryAgeSeconds > 2 * this.config.auditCheckpointIntervalSeconds
    );
  }
}
