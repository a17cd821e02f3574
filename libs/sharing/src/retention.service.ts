import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LegalHoldsService } from '@accord/agreements';
import { agreementStream, AuditService } from '@accord/audit';
import { inTransaction } from '@accord/database';
import { Clock } from '@accord/identity';
import { JobHandler, JobName } from '@accord/jobs';

/**
 * Retention (DESIGN.md §3): past its agreed retention a disclosure's payload is removed — the
 * tombstone (who, when, under which version, which fields) and the audit trail stay. Agreements
 * under a legal hold are skipped until the hold is lifted. Each run writes one entry per
 * agreement with the count, which the board's report adds up.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly dataSource: DataSource,
    private readonly holds: LegalHoldsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @JobHandler(JobName.RetentionPurge)
  async run(): Promise<void> {
    const purged = await this.purgeExpired();
    if (purged > 0) this.logger.log({ event: 'retention.purged', count: purged });
  }

  async purgeExpired(): Promise<number> {
    return inTransaction(this.dataSource, async (tx) => {
      const held = await this.holds.heldAgreementIds(tx);
      // SKIP LOCKED: a disclosure some request or job holds right now is left for the next run
      // rather than waited for (a purge locking many rows in scan order could otherwise meet a
      // transition locking two of them the other way round).
      const rows = await tx.query<{ agreement_id: string; purged: string }[]>(
        `WITH due AS (
           SELECT id FROM disclosures
           WHERE expires_at <= $1 AND purged_at IS NULL AND NOT (agreement_id = ANY($2::uuid[]))
           FOR UPDATE SKIP LOCKED),
         purged AS (
           UPDATE disclosures SET payload = NULL, status = 'purged', purged_at = $1
           FROM due WHERE disclosures.id = due.id
           RETURNING disclosures.agreement_id)
         SELECT agreement_id, count(*) AS purged FROM purged GROUP BY agreement_id ORDER BY agreement_id`,
        [this.clock.now(), held],
      );
      await this.audit.recordAll(
        tx,
        rows.map((row) => ({
          stream: agreementStream(row.agreement_id),
          actor: { userId: null, orgId: null, roles: [] },
          action: 'retention.purge',
          subjectType: 'Disclosure',
          agreementId: row.agreement_id,
          outcome: 'success' as const,
          details: { purged: Number(row.purged) },
        })),
      );
      return rows.reduce((sum, r) => sum + Number(r.purged), 0);
    });
  }
}
