import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { AgreementsService } from '@accord/agreements';
import { agreementStream, type AuditEntryInput, auditCallerOf } from '@accord/audit';
import { DomainException, ErrorCode } from '@accord/http';
import { Clock } from '@accord/identity';
import { JobName, OutboxService } from '@accord/jobs';
import type { AuthContext } from '@accord/policy';
import { acknowledge, type AcknowledgementState, acknowledgementDueAt, delayUntilDue } from './acknowledgement';
import { DeliveryService } from './delivery.service';
import { Disclosure, DisclosureStatus } from './disclosure.entity';
import { DisclosuresService } from './disclosures.service';
import { InboxAssignment } from './inbox-assignment.entity';

/** What the notification jobs of an assignment need: whom to tell about which copy. */
export interface OpenAssignment {
  id: string;
  disclosureId: string;
  userId: string;
  category: string;
}

/** An assignment as other libs see it: plain values, no entity (AcknowledgementState's fields included). */
export interface AssignmentRecord extends AcknowledgementState {
  id: string;
  disclosureId: string;
  userId: string;
  assignedAt: Date;
  endedAt: Date | null;
}

/**
 * Referral copies assigned to one outreach worker (docs/notifications.md "Assignments"). The
 * assignment puts the copy in the worker's inbox and, after commit, on their live stream and in
 * a content-free e-mail; it carries its own acknowledgement deadline, acknowledged by the worker
 * through the inbox's acknowledge endpoint and escalated to the program managers like an alert
 * (EscalationService). The deadline, SLA and escalation rules are those of `acknowledgement.ts`.
 *
 * Every method runs in the caller's transaction and locks the copy before its assignments (the
 * order of every write path); none records audit entries — callers record theirs last.
 */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly delivery: DeliveryService,
    private readonly agreements: AgreementsService,
    private readonly disclosures: DisclosuresService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /**
   * Assigns the copy to `userId` (ending an open assignment to someone else). A copy not yet
   * delivered is delivered first, in this transaction: the worker must not wait for the job.
   * Returns the audit entries to record (the delivery's, when it happened here).
   */
  async assign(
    tx: EntityManager,
    input: { disclosureId: string; userId: string; assignedBy: string },
  ): Promise<AuditEntryInput[]> {
    const entries: AuditEntryInput[] = [];
    const delivered = await this.delivery.deliverIn(tx, input.disclosureId);
    if (delivered.entry) entries.push(delivered.entry);
    const copy = await this.lockCopy(tx, input.disclosureId);
    if (copy?.status !== DisclosureStatus.Delivered || !copy.payload)
      throw new DomainException(ErrorCode.Conflict, 'This referral is no longer shared with your organization');
    const open = await tx.findOneBy(InboxAssignment, { disclosureId: copy.id, endedAt: IsNull() });
    if (open?.userId === input.userId) return entries;
    const now = this.clock.now();
    if (open) await tx.update(InboxAssignment, { id: open.id }, { endedAt: now });
    const flow = await this.agreements.flowOfVersion(tx, copy.agreementId, copy.agreementVersion, copy.flowId);
    const assignment = await tx.save(
      tx.create(InboxAssignment, {
        disclosureId: copy.id,
        userId: input.userId,
        assignedBy: input.assignedBy,
        assignedAt: now,
        ackDueAt: acknowledgementDueAt(flow ?? undefined, now),
        acknowledgedAt: null,
        slaMet: null,
        escalatedAt: null,
        endedAt: null,
      }),
    );
    // The inbox entry is the worker's place in the inbox (read state, paging); the assignment says why it is there.
    await this.disclosures.addToInbox(tx, copy.id, [input.userId]);
    // After commit, to the worker only: the live event and the e-mail (ids only in the payloads), and the deadline.
    const jobId = `${copy.id}.assignment-${assignment.id}`;
    const payload = { disclosureId: copy.id, assignmentId: assignment.id };
    await this.outbox.enqueue(tx, JobName.InboxEvent, payload, { jobId });
    await this.outbox.enqueue(tx, JobName.DeliverEmail, payload, { jobId });
    if (assignment.ackDueAt)
      await this.outbox.enqueue(tx, JobName.EscalateUnacknowledged, payload, {
        jobId,
        delayMs: delayUntilDue(assignment.ackDueAt, now),
      });
    return entries;
  }

  /** The copy left the worker's hands (consent withdrawn): its open assignment ends, and with it the deadline. */
  async end(tx: EntityManager, disclosureId: string): Promise<void> {
    await this.lockCopy(tx, disclosureId);
    await tx.update(InboxAssignment, { disclosureId, endedAt: IsNull() }, { endedAt: this.clock.now() });
  }

  /**
   * The assigned worker acknowledges (through the inbox, or by recording the first step of the
   * referral). Returns the assignment as it now is and the audit entry to record — none when
   * there was nothing to acknowledge (not theirs, not open, already acknowledged).
   */
  async acknowledge(
    tx: EntityManager,
    auth: AuthContext,
    disclosureId: string,
  ): Promise<{ assignment: InboxAssignment | null; entry: AuditEntryInput | null }> {
    const copy = await this.lockCopy(tx, disclosureId);
    const assignment = copy
      ? await tx.findOneBy(InboxAssignment, { disclosureId, userId: auth.userId, endedAt: IsNull() })
      : null;
    if (!copy || !assignment) return { assignment: null, entry: null };
    const now = this.clock.now();
    if (!acknowledge(assignment, now)) return { assignment, entry: null };
    await tx.update(
      InboxAssignment,
      { id: assignment.id },
      { acknowledgedAt: assignment.acknowledgedAt, slaMet: assignment.slaMet },
    );
    const entry: AuditEntryInput = {
      stream: agreementStream(copy.agreementId),
      ...auditCallerOf(auth),
      action: 'disclosure.acknowledge',
      subjectType: 'Disclosure',
      subjectId: copy.id,
      agreementId: copy.agreementId,
      agreementVersion: copy.agreementVersion,
      outcome: 'success',
      details: {
        assignment: true,
        slaMet: assignment.slaMet,
        secondsToAcknowledge: Math.round((now.getTime() - assignment.assignedAt.getTime()) / 1000),
      },
    };
    return { assignment, entry };
  }

  /** The caller's open assignment of a copy, if any (read inside the caller's transaction, after the copy's lock). */
  openAssignmentOf(tx: EntityManager, disclosureId: string, userId: string): Promise<InboxAssignment | null> {
    return tx.findOneBy(InboxAssignment, { disclosureId, userId, endedAt: IsNull() });
  }

  /** For escalation: the assignment, locked, with its copy already locked by the caller (a plain record). */
  async lockAssignment(tx: EntityManager, assignmentId: string): Promise<AssignmentRecord | null> {
    const found = await tx
      .createQueryBuilder(InboxAssignment, 'a')
      .setLock('pessimistic_write')
      .where('a.id = :assignmentId', { assignmentId })
      .getOne();
    return found
      ? {
          id: found.id,
          disclosureId: found.disclosureId,
          userId: found.userId,
          assignedAt: found.assignedAt,
          ackDueAt: found.ackDueAt,
          acknowledgedAt: found.acknowledgedAt,
          slaMet: found.slaMet,
          escalatedAt: found.escalatedAt,
          endedAt: found.endedAt,
        }
      : null;
  }

  /** The assignment's deadline passed unacknowledged and was escalated at `at` (locked by the caller). */
  async markEscalated(tx: EntityManager, assignmentId: string, at: Date): Promise<void> {
    await tx.update(InboxAssignment, { id: assignmentId }, { escalatedAt: at });
  }

  /**
   * For the notification jobs: an assignment still open on a delivered copy within retention
   * (disclosure-visibility.ts), or null (ended, withheld, expired, purged: nothing to tell).
   */
  async openAssignment(assignmentId: string): Promise<OpenAssignment | null> {
    const rows: { id: string; disclosure_id: string; user_id: string; category: string }[] =
      await this.dataSource.query(
        `SELECT a.id, a.disclosure_id, a.user_id, d.category FROM inbox_assignments a JOIN disclosures d
          ON d.id = a.disclosure_id
        WHERE a.id = $1 AND a.ended_at IS NULL AND d.status = $2 AND d.payload IS NOT NULL AND d.expires_at > $3`,
        [assignmentId, DisclosureStatus.Delivered, this.clock.now()],
      );
    const row = rows[0];
    return row ? { id: row.id, disclosureId: row.disclosure_id, userId: row.user_id, category: row.category } : null;
  }

  private lockCopy(tx: EntityManager, disclosureId: string): Promise<Disclosure | null> {
    return tx
      .createQueryBuilder(Disclosure, 'd')
      .setLock('pessimistic_write')
      .where('d.id = :disclosureId', { disclosureId })
      .getOne();
  }
}
