import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AgreementsService } from '@accord/agreements';
import { agreementStream, type AuditEntryInput, AuditService } from '@accord/audit';
import { inTransaction } from '@accord/database';
import { activeUserIds, Clock } from '@accord/identity';
import { JobHandler, JobName, OutboxService } from '@accord/jobs';
import { type Flow, Role } from '@accord/policy';
import { delayUntilDue } from './acknowledgement';
import { type Delivered, DeliveryAnnouncements } from './delivery-announcements';
import { type DeliveredInTransaction, DeliveryFollowUps } from './delivery-follow-ups';
import { Disclosure, DisclosureStatus } from './disclosure.entity';
import { DisclosuresService } from './disclosures.service';

/**
 * How long the live event's outbox job waits when the delivery announces the event itself right
 * after committing (DeliveryAnnouncements): long enough for that announcement to have run, short
 * enough that an event lost with a crashed worker is still worth having.
 */
export const INBOX_EVENT_FALLBACK_MS = 3_000;

/** What every entry of a delivery says: the system's act on the disclosure (it names no user). */
function deliveryEntry(disclosure: Disclosure) {
  return {
    stream: agreementStream(disclosure.agreementId),
    actor: { userId: null, orgId: null, roles: [] as string[] },
    subjectType: 'Disclosure',
    subjectId: disclosure.id,
    agreementId: disclosure.agreementId,
    agreementVersion: disclosure.agreementVersion,
  };
}

/**
 * Delivers a disclosure to its audience: one inbox entry per user of the recipient organization
 * who holds a role in the flow's audience — for a referral copy, the roles that triage it:
 * outreach workers receive a referral only when it is assigned to them (AssignmentsService).
 * Idempotent — the disclosure row is locked and its status checked first, and inbox entries are
 * unique per (disclosure, user) — so a redelivered job changes nothing. If the agreement stopped
 * before delivery, the disclosure is withheld instead.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger('Delivery');

  constructor(
    private readonly dataSource: DataSource,
    private readonly agreements: AgreementsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly disclosures: DisclosuresService,
    private readonly announcements: DeliveryAnnouncements,
    private readonly followUps: DeliveryFollowUps,
  ) {}

  @JobHandler(JobName.DeliverDisclosure)
  async deliver(payload: { disclosureId: string }): Promise<void> {
    const { outcome, delivered } = await inTransaction(this.dataSource, async (tx) => {
      const result = await this.deliverIn(tx, payload.disclosureId, { announcedAfterCommit: true });
      if (result.entry) await this.audit.record(tx, result.entry);
      return result;
    });
    // Committed: the inbox entries are readable, so the streams may be told now (the users are the ones just added).
    if (delivered) await this.announcements.delivered(delivered);
    this.logger.log({ event: `disclosure.${outcome}`, disclosureId: payload.disclosureId });
  }

  /**
   * The delivery, inside the caller's transaction (the job's, or an assignment's that must not
   * wait for the job). Returns its audit entry for the caller to record last; none when there was
   * nothing to do. `announcedAfterCommit`: the caller runs DeliveryAnnouncements once this commits,
   * so the live event's job is only the delayed fallback; otherwise the job announces it.
   */
  async deliverIn(
    tx: EntityManager,
    disclosureId: string,
    options: { announcedAfterCommit?: boolean } = {},
  ): Promise<{ outcome: 'skipped' | 'withheld' | 'delivered'; entry: AuditEntryInput | null; delivered?: Delivered }> {
    // The agreement's share lock first, then the disclosure's row lock: the order of every write
    // path (a transition locks the agreement before the disclosures it changes). The agreement
    // and version of a disclosure never change, so they can be read before the lock.
    const probe = await tx.findOne(Disclosure, {
      where: { id: disclosureId },
      select: { id: true, agreementId: true, agreementVersion: true, flowId: true, status: true },
    });
    if (!probe || probe.status !== DisclosureStatus.Pending) return { outcome: 'skipped', entry: null };
    const terms = await this.agreements.flowForDelivery(tx, probe.agreementId, probe.agreementVersion, probe.flowId);
    const disclosure = await tx
      .createQueryBuilder(Disclosure, 'd')
      .setLock('pessimistic_write')
      .where('d.id = :id', { id: disclosureId })
      .getOne();
    if (!disclosure || disclosure.status !== DisclosureStatus.Pending) return { outcome: 'skipped', entry: null };
    if (!terms.inForce) {
      disclosure.status = DisclosureStatus.Withheld;
      await tx.save(disclosure);
      return {
        outcome: 'withheld',
        entry: {
          ...deliveryEntry(disclosure),
          action: 'disclosure.withhold',
          outcome: 'denied',
          reason: 'AGREEMENT_NOT_IN_FORCE',
        },
      };
    }
    return this.deliverTo(tx, disclosure, terms.flow, options);
  }

  /**
   * The delivery of a disclosure this transaction has just written (`disclose` with `deliveredByCaller`) under the
   * agreement version it read with the agreement's share lock — an incident's alert (docs/sharing.md "Delivery"): there
   * is nothing to re-check, so none of `deliverIn`'s reads. The caller records the entry last and, once committed,
   * runs DeliveryAnnouncements with `delivered`.
   */
  async deliverDisclosed(
    tx: EntityManager,
    disclosure: Disclosure,
    flow: Flow,
  ): Promise<{ entry: AuditEntryInput; delivered: Delivered }> {
    return this.deliverTo(tx, disclosure, flow, { announcedAfterCommit: true });
  }

  /**
   * The delivery proper: the disclosure pending and locked (a job, an assignment) or just written delivered by this
   * transaction (a share), its agreement in force.
   */
  private async deliverTo(
    tx: EntityManager,
    disclosure: Disclosure,
    flow: Flow | null,
    options: { announcedAfterCommit?: boolean },
  ): Promise<{ outcome: 'delivered'; entry: AuditEntryInput; delivered: Delivered }> {
    const audience = (flow?.audience ?? []).filter(
      (role) => disclosure.category !== 'referral' || role !== Role.OutreachWorker,
    );
    const users = await activeUserIds(tx, disclosure.recipientOrgId, audience);
    await this.disclosures.addToInbox(tx, disclosure.id, users);
    let now: Date;
    if (disclosure.status === DisclosureStatus.Delivered && disclosure.deliveredAt) {
      // Written delivered by this transaction (`disclose` with `deliveredByCaller`): nothing to update.
      now = disclosure.deliveredAt;
    } else {
      now = this.clock.now();
      // One UPDATE: the row is locked, so there is nothing to load first.
      await tx.update(Disclosure, { id: disclosure.id }, { status: DisclosureStatus.Delivered, deliveredAt: now });
      disclosure.status = DisclosureStatus.Delivered;
      disclosure.deliveredAt = now;
    }
    // The live event, published only once this commits so a stream never announces an entry it cannot read yet; and
    // the deadline, which acknowledging before it fires cancels (the handler checks first). One statement for both.
    const fallback = options.announcedAfterCommit === true;
    await this.outbox.enqueueAll(tx, [
      {
        name: JobName.InboxEvent,
        payload: fallback ? { disclosureId: disclosure.id, fallback: true } : { disclosureId: disclosure.id },
        options: { jobId: disclosure.id, delayMs: fallback ? INBOX_EVENT_FALLBACK_MS : 0 },
      },
      ...(disclosure.ackDueAt
        ? [
            {
              name: JobName.EscalateUnacknowledged,
              payload: { disclosureId: disclosure.id },
              options: { jobId: disclosure.id, delayMs: delayUntilDue(disclosure.ackDueAt, now) },
            } as const,
          ]
        : []),
    ]);
    const delivered: DeliveredInTransaction = {
      disclosureId: disclosure.id,
      recipientOrgId: disclosure.recipientOrgId,
      category: disclosure.category,
      userIds: users,
    };
    // The channels' jobs (e-mail, webhooks), each asked for only when its channel has work; a job of its own so a
    // dead SMTP server or webhook retries alone, never the delivery.
    await this.followUps.run(tx, delivered);
    return {
      outcome: 'delivered',
      entry: {
        ...deliveryEntry(disclosure),
        action: 'disclosure.deliver',
        outcome: 'success',
        details: { recipients: users.length },
      },
      delivered,
    };
  }
}
