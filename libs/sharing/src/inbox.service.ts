import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { agreementStream, type AuditEntryInput, AuditService, auditCallerOf } from '@accord/audit';
import { inTransaction } from '@accord/database';
import { notFound } from '@accord/http';
import { Clock } from '@accord/identity';
import { accessibleBy, Action, type AuthContext } from '@accord/policy';
import { Disclosure } from './disclosure.entity';
import { DisclosureResponse } from './disclosure-response.entity';
import { InboxEntry } from './inbox-entry.entity';
import type { InboxQueryDto, RecordResponseDto } from './sharing.dto';

export interface InboxItem {
  disclosureId: string;
  category: string;
  agreementId: string;
  agreementVersion: number;
  senderOrgId: string;
  receivedAt: Date;
  readAt: Date | null;
  acknowledgedAt: Date | null;
  ackDueAt: Date | null;
}

type EntryExtra = { outcome?: 'allowed' | 'denied' | 'success'; reason?: string; fieldsReleased?: string[]; fieldsWithheld?: string[]; details?: Record<string, string | number | boolean | null> };

export interface DisclosureView extends InboxItem {
  payload: Record<string, unknown> | null;
  fieldsReleased: string[];
  fieldsWithheld: string[];
  response: Omit<DisclosureResponse, 'id' | 'disclosure' | 'org' | 'recorder' | 'recordedBy' | 'orgId' | 'disclosureId'> | null;
}

/**
 * The recipient side: an outreach worker's or program manager's inbox. Everything loads through
 * the caller's rules in SQL (`accessibleBy`) and their own inbox entries; anything else is 404.
 * Reading a disclosure is audited; acknowledging it records when (and, privately, who).
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(auth: AuthContext, query: InboxQueryDto): Promise<{ items: InboxItem[]; nextCursor: string | null }> {
    const limit = query.limit ?? 25;
    const qb = this.dataSource.manager.createQueryBuilder(Disclosure, 'd');
    qb.innerJoin(InboxEntry, 'e', 'e.disclosure_id = d.id AND e.user_id = :userId', { userId: auth.userId })
      .where(accessibleBy(auth.ability, Action.List, 'Disclosure', qb))
      .andWhere('d.payload IS NOT NULL');
    if (query.filter === 'unacknowledged') qb.andWhere('d.acknowledged_at IS NULL');
    if (query.cursor) {
      // Keyset paging on (received, id): stable while new items arrive.
      qb.andWhere('(e.created_at, e.id) < (SELECT c.created_at, c.id FROM inbox_entries c WHERE c.id = :cursor AND c.user_id = :userId)', { cursor: query.cursor });
    }
    const rows = await qb
      .select(['d.id AS disclosure_id', 'd.category AS category', 'd.agreement_id AS agreement_id', 'd.agreement_version AS agreement_version', 'd.sender_org_id AS sender_org_id'])
      .addSelect(['e.id AS entry_id', 'e.created_at AS received_at', 'e.read_at AS read_at', 'd.acknowledged_at AS acknowledged_at', 'd.ack_due_at AS ack_due_at'])
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
        receivedAt: r.received_at as Date,
        readAt: (r.read_at as Date | null) ?? null,
        acknowledgedAt: (r.acknowledged_at as Date | null) ?? null,
        ackDueAt: (r.ack_due_at as Date | null) ?? null,
      })),
      nextCursor: rows.length > limit ? (page[page.length - 1]!.entry_id as string) : null,
    };
  }

  async read(auth: AuthContext, disclosureId: string): Promise<DisclosureView> {
    return inTransaction(this.dataSource, async (tx) => {
      const { disclosure, entry } = await this.load(tx, auth, disclosureId, Action.Read);
      if (!entry.readAt) {
        entry.readAt = this.clock.now();
        await tx.save(entry);
      }
      const response = await tx.findOneBy(DisclosureResponse, { disclosureId });
      await this.record(tx, auth, disclosure, 'disclosure.read', { fieldsReleased: disclosure.fieldsReleased, fieldsWithheld: disclosure.fieldsWithheld });
      return this.view(disclosure, entry, response);
    });
  }

  /** The organization's acknowledgement: the first one counts; police see when, never who. */
  async acknowledge(auth: AuthContext, disclosureId: string): Promise<DisclosureView> {
    return inTransaction(this.dataSource, async (tx) => {
      const { disclosure, entry } = await this.load(tx, auth, disclosureId, Action.Update, true);
      const response = await tx.findOneBy(DisclosureResponse, { disclosureId });
      if (!disclosure.acknowledgedAt) {
        const now = this.clock.now();
        disclosure.acknowledgedAt = now;
        disclosure.acknowledgedBy = auth.userId;
        disclosure.slaMet = disclosure.ackDueAt ? now.getTime() <= disclosure.ackDueAt.getTime() : null;
        await tx.save(disclosure);
        await this.record(tx, auth, disclosure, 'disclosure.acknowledge', { details: { slaMet: disclosure.slaMet, secondsToAcknowledge: Math.round((now.getTime() - disclosure.createdAt.getTime()) / 1000) } });
      }
      return this.view(disclosure, entry, response);
    });
  }

  /** The partner's private record of its response; it never flows back to the police. */
  async recordResponse(auth: AuthContext, disclosureId: string, dto: RecordResponseDto): Promise<DisclosureView> {
    return inTransaction(this.dataSource, async (tx) => {
      const { disclosure, entry } = await this.load(tx, auth, disclosureId, Action.Update, true);
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
      await this.record(tx, auth, disclosure, 'disclosure.response.record', { details: { responded: dto.responded, responseTypes: (dto.responseTypes ?? []).length, services: (dto.services ?? []).length } });
      return this.view(disclosure, entry, response);
    });
  }

  private async load(tx: EntityManager, auth: AuthContext, disclosureId: string, action: Action, lock = false): Promise<{ disclosure: Disclosure; entry: InboxEntry }> {
    const qb = tx.createQueryBuilder(Disclosure, 'd');
    qb.where('d.id = :disclosureId', { disclosureId }).andWhere(accessibleBy(auth.ability, action, 'Disclosure', qb)).andWhere('d.payload IS NOT NULL');
    if (lock) qb.setLock('pessimistic_write');
    const disclosure = await qb.getOne();
    const entry = disclosure ? await tx.findOneBy(InboxEntry, { disclosureId, userId: auth.userId }) : null;
    if (!disclosure || !entry) {
      // A denied read of shared data is audited too, but only for disclosures that exist, under their
      // agreement — kept on the record once the request's transaction has rolled back.
      const exists = await tx.findOneBy(Disclosure, { id: disclosureId });
      if (exists) throw this.audit.refusal(this.entry(auth, exists, `disclosure.${action}`, { outcome: 'denied', reason: 'NOT_IN_CALLER_SCOPE' }), notFound('Disclosure'));
      throw notFound('Disclosure');
    }
    return { disclosure, entry };
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

  private view(disclosure: Disclosure, entry: InboxEntry, response: DisclosureResponse | null): DisclosureView {
    return {
      disclosureId: disclosure.id,
      category: disclosure.category,
      agreementId: disclosure.agreementId,
      agreementVersion: disclosure.agreementVersion,
      senderOrgId: disclosure.senderOrgId,
      receivedAt: entry.createdAt,
      readAt: entry.readAt,
      acknowledgedAt: disclosure.acknowledgedAt,
      ackDueAt: disclosure.ackDueAt,
      payload: disclosure.payload,
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
