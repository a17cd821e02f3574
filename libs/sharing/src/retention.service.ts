import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { agreementStream, AuditService } from '@accord/audit';
import { inTransaction } from '@accord/database';
import { JobHandler, JobName } from '@accord/jobs';
import { DisclosuresService } from './disclosures.service';

/**
 * Retention (docs/sharing.md): past its agreed retention a disclosure's payload is removed — the
 * tombstone (who, when, under which version, which fields) and the audit trail stay. Agreements
 * under a legal hold are skipped until the hold is lifted. Each run writes one entry per
 * agreement with the count, which the board's report adds up.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly dataSource: DataSource,
    private readonly disclosures: DisclosuresService,
    private readonly audit: AuditService,
  ) {}

  @JobHandler(JobName.RetentionPurge)
  async run(): Promise<void> {
    const purged = await this.purgeExpired();
    if (purged > 0) this.logger.log({ event: 'retention.purged', count: purged });
  }

  async purgeExpired(): Promise<number> {
    return inTransaction(this.dataSource, async (tx) => {
      const rows = await this.disclosures.purgeExpired(tx);
      await this.audit.recordAll(
        tx,
        rows.map((row) => ({
          stream: agreementStream(row.agreementId),
          actor: { userId: null, orgId: null, roles: [] },
          action: 'retention.purge',
          subjectType: 'Disclosure',
          agreementId: row.agreementId,
          outcome: 'success' as const,
          details: { purged: row.purged },
        })),
      );
      return rows.reduce((sum, r) => sum + r.purged, 0);
    });
  }
}
