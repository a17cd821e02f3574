import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { agreementStream, AuditService } from '@accord/audit';
import { inTransaction } from '@accord/database';
import { AppConfig } from '@accord/config';
import { Clock } from '@accord/identity';
import { JobHandler, JobName, OutboxService } from '@accord/jobs';
import { Role } from '@accord/policy';
import { Disclosure, DisclosureStatus } from '@accord/sharing';
import { escalationEmail } from './email.content';
import { EmailService } from './email.service';
import { NotificationChannel } from './notification-send.entity';

export type EscalationOutcome = 'escalated' | 'already-escalated' | 'acknowledged' | 'not-due' | 'not-delivered' | 'no-deadline';

/**
 * The acknowledgement deadline. The job is enqueued at delivery, delayed until `ack_due_at`; it
 * checks the state before acting, so an acknowledgement in the meantime is the cancellation (the
 * job then does nothing). Escalating means: each active program manager of the recipient gets an
 * inbox entry (if not already in the audience) and an e-mail; `escalated_at` and an audit entry
 * are written in one transaction, and the e-mails go out after it commits, once each.
 */
@Injectable()
export class EscalationService {
  private readonly logger = new Logger('Escalation');

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly email: EmailService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @JobHandler(JobName.EscalateUnacknowledged)
  async escalate(payload: { disclosureId: string }): Promise<EscalationOutcome> {
    const outcome = await inTransaction(this.dataSource, async (tx): Promise<EscalationOutcome> => {
      const disclosure = await tx.createQueryBuilder(Disclosure, 'd').setLock('pessimistic_write').where('d.id = :id', { id: payload.disclosureId }).getOne();
      if (disclosure?.status !== DisclosureStatus.Delivered) return 'not-delivered';
      if (disclosure.acknowledgedAt) return 'acknowledged';
      if (disclosure.escalatedAt) return 'already-escalated';
      if (!disclosure.ackDueAt) return 'no-deadline';
      const now = this.clock.now();
      if (now.getTime() < disclosure.ackDueAt.getTime()) {
        // Fired early (clock skew between Redis and us): ask again for the remaining time, under an id
        // naming that deadline so repeats of this run do not pile up.
        await this.outbox.enqueue(tx, JobName.EscalateUnacknowledged, { disclosureId: disclosure.id }, { jobId: `${disclosure.id}.due-${disclosure.ackDueAt.getTime()}`, delayMs: disclosure.ackDueAt.getTime() - now.getTime() });
        return 'not-due';
      }
      const managers = await this.managersOf(disclosure.recipientOrgId, tx);
      const added: unknown[] = managers.length
        ? await tx.query(`INSERT INTO inbox_entries (disclosure_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT (disclosure_id, user_id) DO NOTHING RETURNING id`, [disclosure.id, managers])
        : [];
      // Managers new to this alert also get the live stream event.
      if (added.length > 0) await this.outbox.enqueue(tx, JobName.InboxEvent, { disclosureId: disclosure.id }, { jobId: `${disclosure.id}.escalation` });
      disclosure.escalatedAt = now;
      await tx.save(disclosure);
      await this.audit.record(tx, {
        stream: agreementStream(disclosure.agreementId),
        actor: { userId: null, orgId: null, roles: [] },
        action: 'disclosure.escalate',
        subjectType: 'Disclosure',
        subjectId: disclosure.id,
        agreementId: disclosure.agreementId,
        agreementVersion: disclosure.agreementVersion,
        outcome: 'success',
        reason: 'ACKNOWLEDGEMENT_OVERDUE',
        details: { programManagers: managers.length, addedToInbox: added.length, minutesOverdue: Math.floor((now.getTime() - disclosure.ackDueAt.getTime()) / 60_000) },
      });
      return 'escalated';
    });
    // E-mails after the commit (never inside a transaction). A run that died between the two comes
    // back as 'already-escalated' and sends what is still owed; the ledger prevents repeats.
    if (outcome === 'escalated' || outcome === 'already-escalated') await this.emailManagers(payload.disclosureId);
    this.logger.log({ event: `escalation.${outcome}`, disclosureId: payload.disclosureId });
    return outcome;
  }

  private async emailManagers(disclosureId: string): Promise<void> {
    if (!this.email.isOn()) return;
    const disclosure = await this.dataSource.manager.findOneBy(Disclosure, { id: disclosureId });
    if (!disclosure) return;
    const managers = await this.managersOf(disclosure.recipientOrgId);
    await this.email.sendTo(disclosureId, NotificationChannel.EscalationEmail, managers, escalationEmail(this.config.publicBaseUrl));
  }

  private async managersOf(orgId: string, db: Pick<EntityManager, 'query'> = this.dataSource): Promise<string[]> {
    const rows: { id: string }[] = await db.query(`SELECT id FROM users WHERE org_id = $1 AND status = 'active' AND $2 = ANY(roles) ORDER BY id`, [orgId, Role.ProgramManager]);
    return rows.map((r) => r.id);
  }
}
