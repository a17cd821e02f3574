import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '@accord/config';
import { JobHandler, JobName, OutboxService } from '@accord/jobs';
import {
  AssignmentsService,
  type DeliveredInTransaction,
  DeliveryFollowUps,
  DisclosuresService,
} from '@accord/sharing';
import {
  contentRoleSelfGrantEmail,
  type EmailContent,
  messageIdFor,
  newAlertEmail,
  newAssignmentEmail,
} from './email.content';
import { EMAIL_TRANSPORT, EmailTransport } from './email.transport';
import { NotificationChannel } from './notification-send.entity';
import { NotificationSends, sendToEach } from './notification-sends';

/**
 * Content-free alert e-mails. One e-mail per (disclosure, recipient user, channel), whatever the
 * number of runs — see `NotificationSends`. Without SMTP_URL e-mail is off: said once in the log,
 * then every e-mail job completes without sending.
 */
@Injectable()
export class EmailService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Email');
  private readonly sends: NotificationSends;
  private disabledLogged = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly assignments: AssignmentsService,
    private readonly disclosures: DisclosuresService,
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly followUps: DeliveryFollowUps,
    @Optional() @Inject(EMAIL_TRANSPORT) private readonly transport: EmailTransport | null,
  ) {
    this.sends = new NotificationSends(dataSource);
  }

  onModuleInit(): void {
    // Without a transport the job could only complete unsent: a delivery does not ask for it (issue 17: CPU per share).
    if (this.isOn()) this.followUps.register((tx, delivered) => this.afterDelivery(tx, delivered));
  }

  get enabled(): boolean {
    return this.transport !== null && this.transport !== undefined;
  }

  @JobHandler(JobName.DeliverEmail)
  async deliverEmail(payload: { disclosureId: string; assignmentId?: string }): Promise<void> {
    if (!this.isOn()) return;
    if (payload.assignmentId) return this.assignmentEmail(payload.assignmentId);
    // Withheld or purged since: the alert is gone, so is the reason to write. A worker holding the
    // copy by assignment hears of it from the assignment's own e-mail.
    const audience = await this.disclosures.deliveredAudience(payload.disclosureId, { excludeAssignees: true });
    if (!audience) return;
    const { disclosure } = audience;
    const users: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM users WHERE id = ANY($1::uuid[]) AND status = 'active' AND email <> '' ORDER BY id`,
      [audience.userIds],
    );
    const results = await this.sendTo(
      disclosure.id,
      NotificationChannel.Email,
      users.map((u) => u.id),
      newAlertEmail(this.config.publicBaseUrl),
    );
    this.logger.log({ event: 'email.alert', disclosureId: disclosure.id, ...results });
  }

  /** In the delivery's transaction: the alert e-mail's job, when someone received the disclosure. */
  private async afterDelivery(tx: EntityManager, delivered: DeliveredInTransaction): Promise<void> {
    if (delivered.userIds.length === 0) return;
    const { disclosureId } = delivered;
    await this.outbox.enqueue(tx, JobName.DeliverEmail, { disclosureId }, { jobId: disclosureId });
  }

  /**
   * Issue 12: an admin of `orgId` (a one-admin organization) gave themselves a content role. Each
   * enabled admin of every organization with an agreement in force with `orgId` is told, without
   * content. One Message-ID per (change, recipient), so a repeat after a crash can be dropped by
   * the receiving system.
   */
  @JobHandler(JobName.AnnounceContentRoleSelfGrant)
  async announceContentRoleSelfGrant(payload: { orgId: string; userId: string; at: number }): Promise<void> {
    const transport = this.transport;
    if (!this.isOn() || !transport) return;
    const admins: { id: string; email: string }[] = await this.dataSource.query(
      `SELECT DISTINCT u.id, u.email FROM agreements a JOIN users u ON u.org_id = ANY(a.party_org_ids)
       WHERE $1 = ANY(a.party_org_ids) AND a.terminated_at IS NULL AND u.org_id <> $1
         AND u.status = 'active' AND u.email <> '' AND 'org_admin' = ANY(u.roles)
       ORDER BY u.id`,
      [payload.orgId],
    );
    const content = contentRoleSelfGrantEmail(this.config.publicBaseUrl);
    const change = `${payload.userId}.${payload.at}`;
    for (const admin of admins) {
      const messageKey = createHash('sha256').update(`${change}.${admin.id}`).digest('hex').slice(0, 32);
      // The address never leaves this loop (not logged, not in errors).
      await transport.send({
        to: admin.email,
        subject: content.subject,
        text: content.text,
        messageId: `<self-grant.${messageKey}@notifications.accord>`,
      });
    }
    this.logger.log({ event: 'email.content-role-self-grant', orgId: payload.orgId, told: admins.length });
  }

  /**
   * Sends `content` once to each user (by id) for the occasion (see NotificationSends); used by escalation with its own
   * channel.
   */
  async sendTo(
    disclosureId: string,
    channel: NotificationChannel,
    userIds: readonly string[],
    content: EmailContent,
    occasion = '',
  ) {
    const transport = this.transport;
    if (!transport) return { sent: 0, 'already-sent': 0, busy: 0, failed: 0 };
    return sendToEach(
      this.sends,
      disclosureId,
      channel,
      userIds,
      async (userId, sendId) => {
        // The address is read at the last moment and never leaves this function (not logged, not in errors).
        const [user]: { email: string }[] = await this.dataSource.query(`SELECT email FROM users WHERE id = $1`, [
          userId,
        ]);
        if (!user) return;
        await transport.send({
          to: user.email,
          subject: content.subject,
          text: content.text,
          messageId: messageIdFor(sendId),
        });
      },
      (sendId) =>
        this.logger.warn({
          event: 'email.resend-after-crash',
          disclosureId,
          sendId,
          note: 'a run died after claiming; the repeat carries the same Message-ID',
        }),
      occasion,
    );
  }

  /**
   * The assigned worker's e-mail, once per assignment; none once it ended (re-assigned, consent withdrawn) or the copy
   * is gone.
   */
  private async assignmentEmail(assignmentId: string): Promise<void> {
    const assignment = await this.assignments.openAssignment(assignmentId);
    if (!assignment) return;
    const active: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM users WHERE id = $1 AND status = 'active' AND email <> ''`,
      [assignment.userId],
    );
    const results = await this.sendTo(
      assignment.disclosureId,
      NotificationChannel.Email,
      active.length > 0 ? [assignment.userId] : [],
      newAssignmentEmail(this.config.publicBaseUrl),
      assignment.id,
    );
    this.logger.log({ event: 'email.assignment', disclosureId: assignment.disclosureId, assignmentId, ...results });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  isOn(): boolean {
    if (this.enabled) return true;
    if (!this.disabledLogged) {
      this.disabledLogged = true;
      this.logger.log({ event: 'email.disabled', reason: 'SMTP_URL is not set; alert e-mails are not sent' });
    }
    return false;
  }
}
