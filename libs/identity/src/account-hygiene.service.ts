import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@accord/audit';
import { inTransaction } from '@accord/database';
import { JobHandler, JobName } from '@accord/jobs';
import { Clock } from './clock';
import { recordIdentityEvent } from './identity-audit';
import { SessionsService } from './sessions.service';

/** CJIS AC-2(3): an account nobody has used for this long is disabled until an org admin enables it. */
export const INACTIVITY_LIMIT_DAYS = 90;

/**
 * Disables active accounts with no session activity (and no new account's grace) in the last 90
 * days, revoking whatever sessions remain, one audit entry each. Runs daily.
 */
@Injectable()
export class AccountHygieneService {
  private readonly logger = new Logger('AccountHygiene');

  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @JobHandler(JobName.DisableInactiveAccounts)
  async run(): Promise<void> {
    const disabled = await this.disableInactive();
    if (disabled > 0) this.logger.log({ event: 'accounts.disabled_inactive', count: disabled });
  }

  async disableInactive(): Promise<number> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - INACTIVITY_LIMIT_DAYS * 86_400_000);
    return inTransaction(this.dataSource, async (tx) => {
      const rows = await tx.query<{ id: string }[]>(
        // A CTE so the driver hands back plain rows (a bare UPDATE … RETURNING comes back as [rows, count]).
        `WITH disabled AS (
           UPDATE users u SET status = 'disabled', updated_at = $2
           WHERE u.status = 'active' AND u.created_at < $1
             AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id AND s.last_seen_at >= $1)
           RETURNING u.id)
         SELECT id FROM disabled`,
        [cutoff, now],
      );
      // Every session first; the audit entries after, as the transaction's last statements.
      const revoked = new Map<string, number>();
      for (const { id } of rows) revoked.set(id, await this.sessions.revokeAllOf(tx, id, 'disabled'));
      for (const { id } of rows) {
        await recordIdentityEvent(
          this.audit,
          tx,
          {},
          {
            actor: {},
            action: 'user.disable',
            subjectType: 'User',
            subjectId: id,
            outcome: 'success',
            reason: `INACTIVE_${INACTIVITY_LIMIT_DAYS}_DAYS`,
            details: { sessionsRevoked: revoked.get(id) ?? 0 },
          },
        );
      }
      return rows.length;
    });
  }
}
