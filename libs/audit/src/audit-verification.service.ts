import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@accord/config';
import { AuditSigningKey } from './audit-signing-key';
import { listStreams, verifyStoredStream, type AuditQuery } from './audit-store';
import type { ChainReport } from './audit-verifier';

export interface VerificationRun {
  streams: number;
  entries: number;
  intact: boolean;
  failures: ChainReport[];
}

/**
 * Full verification of every stream against its entries and every checkpoint (the nightly job;
 * `npm run audit:verify` does the same from the command line). Runs as the application role:
 * reading is all it needs. An entry that has waited more than two checkpoint intervals for its
 * signature fails its stream (checkpoints deleted, or checkpointing stopped).
 */
@Injectable()
export class AuditVerificationService {
  private readonly logger = new Logger('AuditVerification');
  private readonly query: AuditQuery;

  constructor(
    dataSource: DataSource,
    private readonly key: AuditSigningKey,
    private readonly config: AppConfig,
  ) {
    this.query = (sql, params) => dataSource.query(sql, params);
  }

  async verifyStream(stream: string): Promise<ChainReport> {
    const freshness = { nowMs: Date.now(), maxUnsignedMs: 2 * this.config.auditCheckpointIntervalSeconds * 1000 };
    return verifyStoredStream(this.query, stream, { publicKeys: this.key.publicKeys(), freshness });
  }

  async verifyAll(): Promise<VerificationRun> {
    const run: VerificationRun = { streams: 0, entries: 0, intact: true, failures: [] };
    for (const stream of await listStreams(this.query)) {
      const report = await this.verifyStream(stream);
      run.streams++;
      run.entries += report.entries;
      if (!report.ok) {
        run.intact = false;
        run.failures.push(report);
        // Kind, seq and position only: an entry's content never reaches the logs.
        this.logger.error(
          `audit stream ${stream} FAILED verification: ${report.problem!.kind} at seq ${report.problem!.seq} ` +
            `(position ${report.problem!.position ?? '-'})`,
        );
      }
    }
    if (run.intact) this.logger.log(`audit trail intact: ${run.streams} streams, ${run.entries} entries verified`);
    else this.logger.error(`audit trail verification failed on ${run.failures.length} of ${run.streams} streams`);
    return run;
  }
}
