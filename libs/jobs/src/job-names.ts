/**
 * Every queue and job Accord knows. Payloads carry ids and counters only — never personal data,
 * never disclosed content — because they sit in Redis and in the outbox table.
 */
export enum QueueName {
  Delivery = 'delivery',
  Escalation = 'escalation',
  Retention = 'retention',
  Audit = 'audit',
  Accounts = 'accounts',
}

export enum JobName {
  /** Sign the head of every audit stream that moved since its last checkpoint. */
  AuditCheckpoint = 'audit.checkpoint',
  /** Verify every audit stream against its entries and latest checkpoint (nightly). */
  AuditVerify = 'audit.verify',
  /** Put a new disclosure in its audience's inboxes (and tell them), unless its agreement stopped. */
  DeliverDisclosure = 'delivery.disclosure',
  /** Push a server-sent event to each open inbox stream of a delivered disclosure's audience. */
  InboxEvent = 'delivery.inbox-event',
  /** Tell each audience user of a delivered disclosure, by e-mail and without content, that something waits. */
  DeliverEmail = 'delivery.email',
  /** POST the ids of a delivered disclosure, HMAC-signed, to each enabled webhook of the recipient organization. */
  DeliverWebhook = 'delivery.webhook',
  /**
   * POST a newly signed audit checkpoint of an agreement's stream (hashes only), HMAC-signed, to each enabled webhook
   * of both parties.
   */
  WitnessCheckpoint = 'delivery.checkpoint',
  /**
   * At a disclosure's (or a referral assignment's) acknowledgement deadline: notify the recipient's program managers
   * unless acknowledged.
   */
  EscalateUnacknowledged = 'escalation.unacknowledged',
  /** End agreement versions past their agreed end date. */
  AgreementExpiry = 'agreements.expiry',
  /** Remove the payload of disclosures past their retention (tombstone and audit kept), except under legal hold. */
  RetentionPurge = 'retention.purge',
  /** Disable accounts unused for 90 days (CJIS AC-2(3)). */
  DisableInactiveAccounts = 'accounts.disable-inactive',
  /** Remove the partner's copy of a referral whose consent was withdrawn or which was retracted (audited). */
  PurgeReferralCopy = 'retention.referral-copy',
  /**
   * Purge the partner's copies of referrals that may no longer be shared (consent withdrawn, retracted, agreement
   * terminated).
   */
  ReferralCopySweep = 'retention.referral-copies',
  /** After a key rotation: reseal every referral, copy and case note with the current key. */
  ReencryptPersonalData = 'retention.reencrypt',
  /**
   * An org admin of a one-admin organization gave themselves a content role: tell the partner organizations' admins
   * (content-free e-mail).
   */
  AnnounceContentRoleSelfGrant = 'delivery.content-role-self-grant',
}

/** The payload type of each job. Keep every field an id, an enum or a number. */
export interface JobPayloads {
  [JobName.AuditCheckpoint]: Record<string, never>;
  [JobName.AuditVerify]: Record<string, never>;
  [JobName.DeliverDisclosure]: { disclosureId: string };
  /**
   * With `assignmentId`: the assignee of that referral assignment only (see docs/notifications.md). With `fallback`:
   * the delivery announced the event itself as it committed; this job runs only if that announcement did not.
   */
  [JobName.InboxEvent]: { disclosureId: string; assignmentId?: string; fallback?: boolean };
  [JobName.DeliverEmail]: { disclosureId: string; assignmentId?: string };
  [JobName.DeliverWebhook]: { disclosureId: string };
  [JobName.WitnessCheckpoint]: { checkpointId: string };
  [JobName.EscalateUnacknowledged]: { disclosureId: string; assignmentId?: string };
  [JobName.AgreementExpiry]: Record<string, never>;
  [JobName.RetentionPurge]: Record<string, never>;
  [JobName.DisableInactiveAccounts]: Record<string, never>;
  [JobName.PurgeReferralCopy]: { referralId: string };
  [JobName.ReferralCopySweep]: Record<string, never>;
  [JobName.ReencryptPersonalData]: Record<string, never>;
  /**
   * `userId` gave themselves a content role at `at` (epoch ms); `orgId` is their organization, whose partners are told.
   */
  [JobName.AnnounceContentRoleSelfGrant]: { orgId: string; userId: string; at: number };
}

export interface JobDefinition {
  queue: QueueName;
  /** Attempts before the job is given up (and kept as failed for operators). */
  attempts: number;
  /** First retry delay; doubles each attempt. */
  backoffMs: number;
}

export const RETRY_DEFAULT: Pick<JobDefinition, 'attempts' | 'backoffMs'> = { attempts: 8, backoffMs: 2_000 };
/** A live notification is worthless late: a few quick retries, then the inbox list is the record. */
export const RETRY_INBOX_EVENT: Pick<JobDefinition, 'attempts' | 'backoffMs'> = { attempts: 3, backoffMs: 500 };
export const RETRY_MAINTENANCE: Pick<JobDefinition, 'attempts' | 'backoffMs'> = { attempts: 3, backoffMs: 10_000 };

export const JOB_DEFINITIONS: Record<JobName, JobDefinition> = {
  [JobName.AuditCheckpoint]: { queue: QueueName.Audit, ...RETRY_MAINTENANCE },
  [JobName.AuditVerify]: { queue: QueueName.Audit, ...RETRY_MAINTENANCE },
  [JobName.DeliverDisclosure]: { queue: QueueName.Delivery, ...RETRY_DEFAULT },
  [JobName.InboxEvent]: { queue: QueueName.Delivery, ...RETRY_INBOX_EVENT },
  [JobName.DeliverEmail]: { queue: QueueName.Delivery, ...RETRY_DEFAULT },
  [JobName.DeliverWebhook]: { queue: QueueName.Delivery, ...RETRY_DEFAULT },
  [JobName.WitnessCheckpoint]: { queue: QueueName.Delivery, ...RETRY_DEFAULT },
  [JobName.EscalateUnacknowledged]: { queue: QueueName.Escalation, ...RETRY_DEFAULT },
  [JobName.AgreementExpiry]: { queue: QueueName.Retention, ...RETRY_MAINTENANCE },
  [JobName.RetentionPurge]: { queue: QueueName.Retention, ...RETRY_MAINTENANCE },
  [JobName.DisableInactiveAccounts]: { queue: QueueName.Accounts, ...RETRY_MAINTENANCE },
  [JobName.PurgeReferralCopy]: { queue: QueueName.Retention, ...RETRY_DEFAULT },
  [JobName.ReferralCopySweep]: { queue: QueueName.Retention, ...RETRY_MAINTENANCE },
  [JobName.ReencryptPersonalData]: { queue: QueueName.Retention, ...RETRY_MAINTENANCE },
  [JobName.AnnounceContentRoleSelfGrant]: { queue: QueueName.Delivery, ...RETRY_DEFAULT },
};
