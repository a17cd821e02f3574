import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { agreementStream, AuditService } from '@accord/audit';
import { inTransaction } from '@accord/database';
import { AppConfig } from '@accord/config';
import { Clock } from '@accord/identity';
import { JobHandler, JobName, OutboxService } from '@accord/jobs';
import type { OrgKind } from '@accord/policy';
import {
  type AcknowledgementState,
  AssignmentsService,
  delayUntilDue,
  DisclosuresService,
  DisclosureStatus,
  escalationCheck,
} from '@accord/sharing';
import { assignmentEscalationEmail, concernEscalationEmail, escalationEmail } from './email.content';
import { escalationAudienceOf } from './escalation-audience';
import { EmailService } from './email.service';
import { NotificationChannel } from './notification-send.entity';

export type EscalationOutcome =
  'escalated' | 'already-escalated' | 'acknowledged' | 'not-due' | 'not-delivered' | 'no-deadline' | 'assignment-ended';

/**
 * The acknowledgement deadline — of a disclosure (its organization's acknowledgement), or of a
 * referral assignment (its worker's) when the payload names one. The job is enqueued at delivery
 * or assignment, delayed until the deadline; it checks the state before acting (the rules of
 * `acknowledgement.ts`), so an acknowledgement in the meantime is the cancellation (the job then
 * does nothing). Escalating means: each active member of the recipient organization's escalation
 * role (`escalation-audience.ts`, by the organization's kind: a partner's program managers, a police
 * department's org admins) gets an e-mail and, where that role reads shared content and for an
 * alert, an inbox entry (if not already in the audience); `escalated_at` and an audit entry are
 * written in one transaction, and the e-mails go out after it commits, once each.
 */
@Injectable()
export class EscalationService {
  private readonly logger = new Logger('Escalation');

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly email: EmailService,
    private readonly assignments: AssignmentsService,
    private readonly disclosures: DisclosuresService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @JobHandler(JobName.EscalateUnacknowledged)
  async escalate(payload: { disclosureId: string; assignmentId?: string }): Promise<EscalationOutcome> {
    const outcome = await inTransaction(this.dataSource, async (tx): Promise<EscalationOutcome> => {
      const disclosure = await this.disclosures.lock(tx, payload.disclosureId);
      if (disclosure?.status !== DisclosureStatus.Delivered) return 'not-delivered';
      // The copy's lock first, then its assignment's: the order of every path that changes them.
      const assignment = payload.assignmentId ? await this.assignments.lockAssignment(tx, payload.assignmentId) : null;
      if (payload.assignmentId && (assignment?.disclosureId !== disclosure.id || assignment.endedAt))
        return 'assignment-ended';
      const target: AcknowledgementState = assignment ?? disclosure;
      const now = this.clock.now();
      const check = escalationCheck(target, now);
      if (check === 'not-due') {
        // Fired early (clock skew between Redis and us): ask again for the remaining time, under an id
        // naming that deadline so repeats of this run do not pile up.
        const scope = assignment ? `.assignment-${assignment.id}` : '';
        const jobId = `${disclosure.id}${scope}.due-${target.ackDueAt!.getTime()}`;
        await this.outbox.enqueue(tx, JobName.EscalateUnacknowledged, payload, {
          jobId,
          delayMs: delayUntilDue(target.ackDueAt!, now),
        });
        return 'not-due';
      }
      if (check !== 'due') return check;
      const { role, addToInbox, userIds } = await this.audienceOf(disclosure.recipientOrgId, tx);
      // An alert goes into the inbox of managers outside its audience. An assignment's copy is
      // already with the managers, who triaged it: they are told by e-mail. A role that may not read
      // shared content (a police org admin) is told by e-mail alone.
      const added = assignment || !addToInbox ? 0 : await this.disclosures.addToInbox(tx, disclosure.id, userIds);
      // Managers new to this alert also get the live stream event.
      if (added > 0)
        await this.outbox.enqueue(
          tx,
          JobName.InboxEvent,
          { disclosureId: disclosure.id },
          { jobId: `${disclosure.id}.escalation` },
        );
      if (assignment) {
        await this.assignments.markEscalated(tx, assignment.id, now);
      } else {
        await this.disclosures.markEscalated(tx, disclosure.id, now);
      }
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
        details: {
          escalationRole: role,
          notified: userIds.length,
          addedToInbox: added,
          minutesOverdue: Math.floor((now.getTime() - target.ackDueAt!.getTime()) / 60_000),
          ...(assignment ? { assignment: true } : {}),
        },
      });
      return 'escalated';
    });
    // E-mails after the commit (never inside a transaction). A run that died between the two comes
    // back as 'already-escalated' and sends what is still owed; the ledger prevents repeats.
    if (outcome === 'escalated' || outcome === 'already-escalated')
      await this.emailAudience(payload.disclosureId, payload.assignmentId);
    this.logger.log({
      event: `escalation.${outcome}`,
      disclosureId: payload.disclosureId,
      ...(payload.assignmentId ? { assignmentId: payload.assignmentId } : {}),
    });
    return outcome;
  }

  private async emailAudience(disclosureId: string, assignmentId: string | undefined): Promise<void> {
    if (!this.email.isOn()) return;
    const disclosure = await this.disclosures.get(this.dataSource.manager, disclosureId);
    if (!disclosure) return;
    const { userIds } = await this.audienceOf(disclosure.recipientOrgId);
    // One e-mail per person and deadline: an assignment's escalation is its own occasion in the ledger.
    const base = this.config.publicBaseUrl;
    const content = assignmentId
      ? assignmentEscalationEmail(base)
      : disclosure.category === 'community_concern'
        ? concernEscalationEmail(base)
        : escalationEmail(base);
    await this.email.sendTo(disclosureId, NotificationChannel.EscalationEmail, userIds, content, assignmentId ?? '');
  }

  /** The active members of the recipient organization's escalation role (none for a kind that never receives). */
  private async audienceOf(
    orgId: string,
    db: Pick<EntityManager, 'query'> = this.dataSource,
  ): Promise<{ role: string | null; addToInbox: boolean; userIds: string[] }> {
    const [org]: { kind: OrgKind }[] = await db.query(`SELECT kind FROM organizations WHERE id = $1`, [orgId]);
    const audience = org ? escalationAudienceOf(org.kind) : null;
    if (!audience) return { role: null, addToInbox: false, userIds: [] };
    const rows: { id: string }[] = await db.query(
      `SELECT id FROM users WHERE org_id = $1 AND status = 'active' AND $2 = ANY(roles) ORDER BY id`,
      [orgId, audience.role],
    );
    return { role: audience.role, addToInbox: audience.addToInbox, userIds: rows.map((r) => r.id) };
  }
}
