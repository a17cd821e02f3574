import { Inject, Injectable, Logger, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@accord/config';
import { JobHandler, JobName } from '@accord/jobs';
import { Disclosure, DisclosureStatus } from '@accord/sharing';
import { type EmailContent, messageIdFor, newAlertEmail } from './email.content';
import { EMAIL_TRANSPORT, EmailTransport } from './email.transport';
import { NotificationChannel } from './notification-send.entity';
import { NotificationSends, sendToEach } from './notification-sends';

/**
 * Content-free alert e-mails. One e-mail per (disclosure, recipient user, channel), whatever the
 * number of runs — see `NotificationSends`. Without SMTP_URL e-mail is off: said once in the log,
 * then every e-mail job completes without sending.
 */
@Injectable()
export class EmailService implements OnApplicationShutdown {
  private readonly logger = new Logger('Email');
  private readonly sends: NotificationSends;
  private disabledLogged = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @Optional() @Inject(EMAIL_TRANSPORT) private readonly transport: EmailTransport | null,
  ) {
    this.sends = new NotificationSends(dataSource);
  }

  get enabled(): boolean {
    return this.transport !== null && this.transport !== undefined;
  }

  @JobHandler(JobName.DeliverEmail)
  async deliverEmail(payload: { disclosureId: string }): Promise<void> {
    if (!this.isOn()) return;
    const disclosure = await this.dataSource.manager.findOneBy(Disclosure, { id: payload.disclosureId });
    // Withheld or purged since: the alert is gone, so is the reason to write.
    if (disclosure?.status !== DisclosureStatus.Delivered) return;
    const users: { id: string }[] = await this.dataSource.query(
      `SELECT u.id FROM inbox_entries e JOIN users u ON u.id = e.user_id
       WHERE e.disclosure_id = $1 AND u.status = 'active' AND u.email <> '' ORDER BY u.id`,
      [disclosure.id],
    );
    const results = await this.sendTo(disclosure.id, NotificationChannel.Email, users.map((u) => u.id), newAlertEmail(this.config.publicBaseUrl));
    this.logger.log({ event: 'email.alert', disclosureId: disclosure.id, ...results });
  }

  /** Sends `content` once to each user (by id); used by escalation with its own channel. */
  async sendTo(disclosureId: string, channel: NotificationChannel, userIds: readonly string[], content: EmailContent) {
    const transport = this.transport;
    if (!transport) return { sent: 0, 'already-sent': 0, busy: 0, failed: 0 };
    return sendToEach(
      this.sends,
      disclosureId,
      channel,
      userIds,
      async (userId, sendId) => {
        // The address is read at the last moment and never leaves this function (not logged, not in errors).
        const [user]: { email: string }[] = await this.dataSource.query(`SELECT email FROM users WHERE id = $1`, [userId]);
        if (!user) return;
        await transport.send({ to: user.email, subject: content.subject, text: content.text, messageId: messageIdFor(sendId) });
      },
      (sendId) => this.logger.warn({ event: 'email.resend-after-crash', disclosureId, sendId, note: 'a run died after claiming; the repeat carries the same Message-ID' }),
    );
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
