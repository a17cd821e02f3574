import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Disclosure } from '@accord/entities/sharing';

export enum NotificationChannel {
  Email = 'email',
  Webhook = 'webhook',
  EscalationEmail = 'escalation_email',
}

export enum NotificationSendStatus {
  /** A previous attempt failed cleanly (nothing was sent); the next run may claim it. */
  Pending = 'pending',
  /** Claimed by a run until `claimed_until`; past that, the run is presumed dead. */
  Sending = 'sending',
  Sent = 'sent',
}

/**
 * The ledger that makes channel effects happen once: one row per (disclosure, channel, recipient,
 * occasion) — recipient is a user id for e-mails, a webhook id for webhooks; the occasion is empty
 * for the disclosure's delivery and names the assignment for an assignment's e-mails. Its id is the stable delivery id
 * that receivers see (webhook `X-Accord-Delivery`, e-mail `Message-ID`). See docs/notifications.md.
 */
@Entity({ name: 'notification_sends' })
@Unique('notification_sends_disclosure_channel_recipient_occasion_key', [
  'disclosureId',
  'channel',
  'recipientId',
  'occasion',
])
// A webhook's last deliveries, newest first (GET /webhooks; migration AccountAndWebhookHistories).
@Index('notification_sends_channel_recipient_id_created_at_idx', ['channel', 'recipientId', 'createdAt'])
@Check('notification_sends_channel_check', `channel IN ('email', 'webhook', 'escalation_email')`)
@Check('notification_sends_status_check', `status IN ('pending', 'sending', 'sent')`)
export class NotificationSend {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'notification_sends_pkey' })
  id!: string;

  @Column({ name: 'disclosure_id', type: 'uuid' })
  disclosureId!: string;

  @ManyToOne(() => Disclosure, { nullable: false })
  @JoinColumn({ name: 'disclosure_id', foreignKeyConstraintName: 'notification_sends_disclosure_id_fkey' })
  disclosure?: Disclosure;

  @Column({ name: 'channel', type: 'text' })
  channel!: NotificationChannel;

  @Column({ name: 'recipient_id', type: 'uuid' })
  recipientId!: string;

  /** '' for the delivery of the disclosure; an assignment's id for the e-mails of that assignment. */
  @Column({ name: 'occasion', type: 'text', default: '' })
  occasion!: string;

  @Column({ name: 'status', type: 'text' })
  status!: NotificationSendStatus;

  @Column({ name: 'attempts', type: 'integer', default: 1 })
  attempts!: number;

  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true })
  claimedUntil!: Date | null;

  /** A code (e.g. `SMTP_REJECTED`, `HTTP_503`), never a message that could echo data. */
  @Column({ name: 'last_error_code', type: 'text', nullable: true })
  lastErrorCode!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
