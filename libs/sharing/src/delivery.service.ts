import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgreementsService, AgreementVersion } from '@accord/agreements';
import { agreementStream, AuditService } from '@accord/audit';
import { inTransaction } from '@accord/database';
import { Clock, User, UserStatus } from '@accord/identity';
import { JobHandler, JobName, MAX_JOB_DELAY_MS, OutboxService } from '@accord/jobs';
import { Disclosure, DisclosureStatus } from './disclosure.entity';

/**
 * Delivers a disclosure to its audience: one inbox entry per user of the recipient organization
 * who holds a role in the flow's audience. Idempotent — the disclosure row is locked and its
 * status checked first, and inbox entries are unique per (disclosure, user) — so a redelivered job
 * changes nothing. If the agreement stopped before delivery, the disclosure is withheld instead.
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
  ) {}

  @JobHandler(JobName.DeliverDisclosure)
  async deliver(payload: { disclosureId: string }): Promise<void> {
    const outcome = await inTransaction(this.dataSource, async (tx) => {
      // The agreement's share lock first, then the disclosure's row lock: the order of every write
      // path (a transition locks the agreement before the disclosures it changes). The agreement
      // and version of a disclosure never change, so they can be read before the lock.
      const probe = await tx.findOne(Disclosure, { where: { id: payload.disclosureId }, select: { id: true, agreementId: true, agreementVersion: true, status: true } });
      if (!probe || probe.status !== DisclosureStatus.Pending) return 'skipped';
      const inForce = await this.agreements.isVersionInForce(tx, probe.agreementId, probe.agreementVersion);
      const disclosure = await tx.createQueryBuilder(Disclosure, 'd').setLock('pessimistic_write').where('d.id = :id', { id: payload.disclosureId }).getOne();
      if (!disclosure || disclosure.status !== DisclosureStatus.Pending) return 'skipped';
      const entry = {
        stream: agreementStream(disclosure.agreementId),
        actor: { userId: null, orgId: null, roles: [] as string[] },
        subjectType: 'Disclosure',
        subjectId: disclosure.id,
        agreementId: disclosure.agreementId,
        agreementVersion: disclosure.agreementVersion,
      };
      if (!inForce) {
        disclosure.status = DisclosureStatus.Withheld;
        await tx.save(disclosure);
        await this.audit.record(tx, { ...entry, action: 'disclosure.withhold', outcome: 'denied', reason: 'AGREEMENT_NOT_IN_FORCE' });
        return 'withheld';
      }
      const version = await tx.findOneByOrFail(AgreementVersion, { agreementId: disclosure.agreementId, version: disclosure.agreementVersion });
      const flow = version.sharingParameters.flows.find((f) => f.id === disclosure.flowId);
      const audience = flow?.audience ?? [];
      const users = await tx
        .createQueryBuilder(User, 'u')
        .select('u.id')
        .where('u.org_id = :org AND u.status = :active AND u.roles && :roles', { org: disclosure.recipientOrgId, active: UserStatus.Active, roles: audience })
        .getMany();
      if (users.length > 0) {
        await tx.query(
          `INSERT INTO inbox_entries (disclosure_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT (disclosure_id, user_id) DO NOTHING`,
          [disclosure.id, users.map((u) => u.id)],
        );
      }
      disclosure.status = DisclosureStatus.Delivered;
      disclosure.deliveredAt = this.clock.now();
      await tx.save(disclosure);
      // Published only once this commits (the outbox), so a stream never announces an entry it cannot read yet.
      await this.outbox.enqueue(tx, JobName.InboxEvent, { disclosureId: disclosure.id }, { jobId: disclosure.id });
      // Channels run as their own jobs so a dead SMTP server or webhook retries alone, never the delivery.
      await this.outbox.enqueue(tx, JobName.DeliverEmail, { disclosureId: disclosure.id }, { jobId: disclosure.id });
      await this.outbox.enqueue(tx, JobName.DeliverWebhook, { disclosureId: disclosure.id }, { jobId: disclosure.id });
      // The deadline job; acknowledging before it fires is what cancels it (the handler checks first).
      if (disclosure.ackDueAt) {
        const delayMs = Math.min(MAX_JOB_DELAY_MS, Math.max(0, disclosure.ackDueAt.getTime() - this.clock.now().getTime()));
        await this.outbox.enqueue(tx, JobName.EscalateUnacknowledged, { disclosureId: disclosure.id }, { jobId: disclosure.id, delayMs });
      }
      // Last: the audit entry takes the agreement stream's lock until commit.
      await this.audit.record(tx, { ...entry, action: 'disclosure.deliver', outcome: 'success', details: { recipients: users.length } });
      return 'delivered';
    });
    this.logger.log({ event: `disclosure.${outcome}`, disclosureId: payload.disclosureId });
  }
}
