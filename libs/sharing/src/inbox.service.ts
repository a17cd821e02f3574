import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { agreementStream, type AuditEntryInput, AuditService, auditCallerOf } from '@accord/audit';
import { inTransaction } from '@accord/database';
import { notFound } from '@accord/http';
import { Clock } from '@accord/identity';
import { accessibleBy, Action, type AuthContext } from '@accord/policy';
import { acknowledge } from './acknowledgement';
import { AssignmentsService } from './assignments.service';
import { Disclosure } from './disclosure.entity';
import { visibleAtSql } from './disclosure-visibility';
import { DisclosureResponse } from './disclosure-response.entity';
import { InboxAssignment } from './inbox-assignment.entity';
import { InboxEntry } from './inbox-entry.entity';
import type { InboxQueryDto, RecordResponseDto } from './sharing.dto';

export interface InboxItem {
  disclosureId: string;
  category: string;
  agreementId: string;
  agreementVersion: number;
  senderOrgId: string;
  /** 1 for an alert as first sent; a correction arrives as the next revision, naming the one it updates. */
  revision: number;
  revisionOf: string | null;
  receivedAt: Date;
  readAt: Date | null;
  /**
   * For a referral assigned to the caller, the assignment's acknowledgement and deadline; otherwise the organization's.
   */
  acknowledgedAt: Date | null;
  ackDueAt: Date | null;
  /**
   * Category `referral` only: read it with `GET /api/v1/referrals/:referralId` (its payload is sealed and not returned
   * here).
   */
  referralId?: string;
}

type EntryExtra = {
  outcome?: 'allowed' | 'denied' | 'success';
  reason?: string;
  fieldsReleased?: string[];
  fieldsWithheld?: string[];
  details?: Record<string, string | number | boolean | null>;
};

export interface DisclosureView extends InboxItem {
  payload: Record<string, unknown> | null;
  fieldsReleased: string[];
  fieldsWithheld: string[];
  response: Omit<
    DisclosureResponse,
    'id' | 'disclosure' | 'org' | 'recorder' | 'recordedBy' | 'orgId' | 'disclosureId'
  > | null;
}

/** An open assignment of the row's copy to the caller (see AssignmentsService). */
const ASSIGNED_TO_CALLER =
  'EXISTS (SELECT 1 FROM inbox_assignments ia WHERE ia.disclosure_id = d.id AND ia.user_id = :caller AND ' +
  'ia.ended_at IS NULL)';

/**
 * The recipient side: an outreach worker's or program manager's inbox. Everything loads through
 * the caller's rules in SQL (`accessibleBy`) and their own inbox entries; anything else is 404.
 * A referral copy is there only for the worker it is assigned to, through the Referral rules
 * (the Disclosure rules never cover referral copies). Reading is audited; acknowledging records
 * when (and, privately, who), by the rules of `acknowledgement.ts`.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly assignments: AssignmentsService,
    private readonly clock: Clock,
  ) {}

  async list(auth: AuthContext, query: InboxQueryDto): Promise<{ items: InboxItem[]; nextCursor: string | null }> {
    const limit = query.limit ?? 25;
    const qb = this.dataSource.manager.createQueryBuilder(Disclosure, 'd');
    qb.innerJoin(InboxEntry, 'e', 'e.disclosure_id = d.id AND e.user_id = :userId', { userId: auth.userId })
      .leftJoin(InboxAssignment, 'a', 'a.disclosure_id = d.id AND a.user_id = :userId AND a.ended_at IS NULL')
      .where(this.reachable(qb, auth, Action.List))
      .andWhere(visibleAtSql('d'), { visibleAt: this.clock.now() });
    // An assigned referral counts the assignment's acknowledgement; anything else the organization's.
    const acknowledgedAt = 'CASE WHEN a.id IS NULL THEN d.acknowledged_at ELSE a.acknowledged_at END';
    if (query.filter === 'unacknowledged') qb.andWhere(`${acknowledgedAt} IS NULL`);
    // A corrected alert is listed once, as its latest revision the caller has received.
    qb.andWhere(
      `NOT EXISTS (SELECT 1 FROM disclosures nr JOIN inbox_entries ne ON ne.disclosure_id = nr.id
        AND ne.user_id = :userId WHERE nr.revision_of = d.id)`,
    );
    if (query.cursor) {
      // Keyset paging on (received, id): stable while new items arrive.
      qb.andWhere(
        '(e.created_at, e.id) < (SELECT c.created_at, c.id FROM inbox_entries c WHERE c.id = :cursor AND ' +
          'c.user_id = :userId)',
        { cursor: query.cursor },
      );
    }
    const rows = await qb
      .select([
        'd.id AS disclosure_id',
        'd.category AS category',
        'd.agreement_id AS agreement_id',
        'd.agreement_version AS agreement_version',
        'd.sender_org_id AS sender_org_id',
        'd.revision AS revision',
        'd.revision_of AS revision_of',
      ])
      .addSelect(['e.id AS entry_id', 'e.read_at AS read_at'])
      .addSelect('COALESCE(a.assigned_at, e.created_at)', 'received_at')
      .addSelect(acknowledgedAt, 'acknowledged_at')
      .addSelect('CASE WHEN a.id IS NULL THEN d.ack_due_at ELSE a.ack_due_at END', 'ack_due_at')
      .addSelect(`CASE WHEN d.category = 'referral' THEN d.source_id END`, 'referral_id')
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(limit + 1)
      .getRawMany<Record<string, unknown>>();
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({
        disclosureId: r.disclosure_id as string,
        category: r.category as string,
        agreementId: r.agreement_id as string,
        agreementVersion: r.agreement_version as number,
        senderOrgId: r.sender_org_id as string,
        revision: r.revision as number,
        revisionOf: (r.revision_of as string | null) ?? null,
        receivedAt: r.received_at as Date,
        readAt: (r.read_at as Date | null) ?? null,
        acknowledgedAt: (r.acknowledged_at as Date | null) ?? null,
        ackDueAt: (r.ack_due_at as Date | null) ?? null,
        ...(r.referral_id ? { referralId: r.referral_id as string } : {}),
      })),
      nextCursor: rows.length > limit ? (page[page.length - 1]!.entry_id as string) : null,
    };
  }

  async read(auth: AuthContext, disclosureId: string): Promise<DisclosureView> {
    return inTransaction(this.dataSource, async (tx) => {
      const { disclosure, entry, assignment } = await this.load(tx, auth, disclosureId, Action.Read, {
        assigned: true,
      });
      if (!entry.readAt) {
        entry.readAt = this.clock.now();
        await tx.save(entry);
      }
      const response = await tx.findOneBy(DisclosureResponse, { disclosureId });
      const view = this.view(disclosure, entry, response, assignment);
      // A referral's fields are read (and that read audited) through the referrals API, not here.
      await this.record(
        tx,
        auth,
        disclosure,
        'disclosure.read',
        view.payload ? { fieldsReleased: disclosure.fieldsReleased, fieldsWithheld: disclosure.fieldsWithheld } : {},
      );
      return view;
    });
  }

  /**
   * The organization's acknowledgement (the first one counts; police see when, never who) — or,
   * for a referral assigned to the caller, the caller's acknowledgement of the assignment.
   */
  async acknowledge(auth: AuthContext, disclosureId: string): Promise<DisclosureView> {
    return inTransaction(this.dataSource, async (tx) => {
      const { disclosure, entry, assignment } = await this.load(tx, auth, disclosureId, Action.Update, {
        lock: true,
        assigned: true,
      });
      const response = await tx.findOneBy(DisclosureResponse, { disclosureId });
      if (assignment) {
        const acknowledged = await this.assignments.acknowledge(tx, auth, disclosure.id);
        const view = this.view(disclosure, entry, response, acknowledged.assignment ?? assignment);
        if (acknowledged.entry) await this.audit.record(tx, acknowledged.entry);
        return view;
      }
      const now = this.clock.now();
      const acknowledged = this.acknowledgeDisclosure(disclosure, auth.userId, now);
      if (acknowledged) await tx.save(disclosure);
      // A correction is the same alert: acknowledging it acknowledges the revisions it updates (each
      // against its own deadline), so a superseded revision, no longer listed, does not escalate.
      let earlier = 0;
      for (let previous = disclosure.revisionOf; acknowledged && previous; earlier++) {
        await this.acknowledgeForOrganization(tx, previous, auth.userId);
        previous = (await tx.findOne(Disclosure, { where: { id: previous }, select: { id: true, revisionOf: true } }))!
          .revisionOf;
      }
      const view = this.view(disclosure, entry, response, null);
      if (acknowledged)
        await this.record(tx, auth, disclosure, 'disclosure.acknowledge', {
          details: {
            ...(earlier > 0 ? { earlierRevisions: earlier } : {}),
            slaMet: disclosure.slaMet,
            secondsToAcknowledge: Math.round((now.getTime() - disclosure.createdAt.getTime()) / 1000),
          },
        });
      return view;
    });
  }

  /**
   * The organization's acknowledgement given by another step, in the caller's transaction:
   * accepting or declining a referral acknowledges its copy (and stops its escalation). The
   * caller's own audit entry records the step.
   */
  async acknowledgeForOrganization(tx: EntityManager, disclosureId: string, userId: string): Promise<void> {
    const disclosure = await tx
      .createQueryBuilder(Disclosure, 'd')
      .setLock('pessimistic_write')
      .where('d.id = :disclosureId', { disclosureId })
      .getOne();
    if (disclosure && this.acknowledgeDisclosure(disclosure, userId, this.clock.now())) {
      await tx.update(
        Disclosure,
        { id: disclosure.id },
        {
          acknowledgedAt: disclosure.acknowledgedAt,
          acknowledgedBy: disclosure.acknowledgedBy,
          slaMet: disclosure.slaMet,
        },
      );
    }
  }

  /** The partner's private record of its response to an alert; it never flows back to the police. */
  async recordResponse(auth: AuthContext, disclosureId: string, dto: RecordResponseDto): Promise<DisclosureView> {
    return inTransaction(this.dataSource, async (tx) => {
      const { disclosure, entry } = await this.load(tx, auth, disclosureId, Action.Update, { lock: true });
      const existing = await tx.findOneBy(DisclosureResponse, { disclosureId });
      const response = existing ?? tx.create(DisclosureResponse, { disclosureId, orgId: auth.orgId });
      Object.assign(response, {
        responded: dto.responded,
        responseTypes: dto.responseTypes ?? [],
        startedAt: dto.startedAt ? new Date(dto.startedAt) : null,
        endedAt: dto.endedAt ? new Date(dto.endedAt) : null,
        services: dto.services ?? [],
        followUpDueAt: dto.followUpDueAt ? new Date(dto.followUpDueAt) : null,
        followUpDoneAt: dto.followUpDoneAt ? new Date(dto.followUpDoneAt) : null,
        recordedBy: auth.userId,
        updatedAt: this.clock.now(),
      });
      await tx.save(response);
      await this.record(tx, auth, disclosure, 'disclosure.response.record', {
        details: {
          responded: dto.responded,
          responseTypes: (dto.responseTypes ?? []).length,
          services: (dto.services ?? []).length,
        },
      });
      return this.view(disclosure, entry, response, null);
    });
  }

  /**
   * The organization's acknowledgement of a disclosure at `now` (`acknowledge` decides; it also records who,
   * privately).
   */
  private acknowledgeDisclosure(disclosure: Disclosure, userId: string, now: Date): boolean {
    if (!acknowledge(disclosure, now)) return false;
    disclosure.acknowledgedBy = userId;
    return true;
  }

  /**
   * What the caller may reach in their inbox: shared data under their Disclosure rules, or — with
   * `assigned` — a referral copy assigned to them that their Referral rules still cover (the same
   * rules GET /referrals/:id applies: a suspended agreement hides it from the inbox too).
   */
  private reachable(qb: SelectQueryBuilder<Disclosure>, auth: AuthContext, action: Action, assigned = true): Brackets {
    const byRules = accessibleBy(auth.ability, action, 'Disclosure', qb);
    if (!assigned) return byRules;
    const byAssignment = accessibleBy(auth.ability, action, 'Referral', qb);
    return new Brackets((where) =>
      where
        .where(byRules)
        .orWhere(
          new Brackets((mine) => mine.where(ASSIGNED_TO_CALLER, { caller: auth.userId }).andWhere(byAssignment)),
        ),
    );
  }

  private async load(
    tx: EntityManager,
    auth: AuthContext,
    disclosureId: string,
    action: Action,
    options: { lock?: boolean; assigned?: boolean } = {},
  ): Promise<{ disclosure: Disclosure; entry: InboxEntry; assignment: InboxAssignment | null }> {
    const qb = tx.createQueryBuilder(Disclosure, 'd');
    qb.where('d.id = :disclosureId', { disclosureId })
      .andWhere(this.reachable(qb, auth, action, options.assigned ?? false))
      .andWhere(visibleAtSql('d'), { visibleAt: this.clock.now() });
    if (options.lock) qb.setLock('pessimistic_write');
    const disclosure = await qb.getOne();
    const entry = disclosure ? await tx.findOneBy(InboxEntry, { disclosureId, userId: auth.userId }) : null;
    if (!disclosure || !entry) {
      // A denied read of shared data is audited too, but only for disclosures that exist, under their
      // agreement — kept on the record once the request's transaction has rolled back.
      const exists = await tx.findOneBy(Disclosure, { id: disclosureId });
      if (exists)
        throw this.audit.refusal(
          this.entry(auth, exists, `disclosure.${action}`, { outcome: 'denied', reason: 'NOT_IN_CALLER_SCOPE' }),
          notFound('Disclosure'),
        );
      throw notFound('Disclosure');
    }
    const assignment =
      disclosure.category === 'referral'
        ? await this.assignments.openAssignmentOf(tx, disclosure.id, auth.userId)
        : null;
    return { disclosure, entry, assignment };
  }

  private record(tx: EntityManager, auth: AuthContext, disclosure: Disclosure, action: string, extra: EntryExtra = {}) {
    return this.audit.record(tx, this.entry(auth, disclosure, action, extra));
  }

  private entry(auth: AuthContext, disclosure: Disclosure, action: string, extra: EntryExtra = {}): AuditEntryInput {
    return {
      stream: agreementStream(disclosure.agreementId),
      ...auditCallerOf(auth),
      action,
      subjectType: 'Disclosure',
      subjectId: disclosure.id,
      agreementId: disclosure.agreementId,
      agreementVersion: disclosure.agreementVersion,
      outcome: extra.outcome ?? 'allowed',
      reason: extra.reason ?? null,
      ...(extra.fieldsReleased ? { fieldsReleased: extra.fieldsReleased } : {}),
      ...(extra.fieldsWithheld ? { fieldsWithheld: extra.fieldsWithheld } : {}),
      ...(extra.details ? { details: extra.details } : {}),
    };
  }

  private view(
    disclosure: Disclosure,
    entry: InboxEntry,
    response: DisclosureResponse | null,
    assignment: InboxAssignment | null,
  ): DisclosureView {
    const referral = disclosure.category === 'referral';
    return {
      disclosureId: disclosure.id,
      category: disclosure.category,
      agreementId: disclosure.agreementId,
      agreementVersion: disclosure.agreementVersion,
      senderOrgId: disclosure.senderOrgId,
      revision: disclosure.revision,
      revisionOf: disclosure.revisionOf,
      receivedAt: assignment?.assignedAt ?? entry.createdAt,
      readAt: entry.readAt,
      acknowledgedAt: assignment ? assignment.acknowledgedAt : disclosure.acknowledgedAt,
      ackDueAt: assignment ? assignment.ackDueAt : disclosure.ackDueAt,
      ...(referral ? { referralId: disclosure.sourceId } : {}),
      // A referral copy's payload is sealed: it is opened (and the read audited) by the referrals API only.
      payload: referral ? null : disclosure.payload,
      fieldsReleased: disclosure.fieldsReleased,
      fieldsWithheld: disclosure.fieldsWithheld,
      response: response
        ? {
            responded: response.responded,
            responseTypes: response.responseTypes,
            startedAt: response.startedAt,
            endedAt: response.endedAt,
            services: response.services,
            followUpDueAt: response.followUpDueAt,
            followUpDoneAt: response.followUpDoneAt,
            updatedAt: response.updatedAt,
          }
        : null,
    };
  }
}
