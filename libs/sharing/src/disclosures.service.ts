import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { LegalHoldsService } from '@accord/agreements';
import { agreementStream, type AuditEntryInput, auditCallerOf, recordedNow } from '@accord/audit';
import { Clock } from '@accord/identity';
import { JobName, OutboxService } from '@accord/jobs';
import { accessibleBy, Action, type AuthContext, type Flow, type FlowCategory } from '@accord/policy';
import { Disclosure, DisclosureStatus } from './disclosure.entity';
import { disclosureTerms } from './disclosure-terms';
import { isVisibleAt, isWithinRetention, visibleAtSql } from './disclosure-visibility';

/** One disclosure to make: what, to whom, under which agreement version and flow. */
export interface DiscloseInput {
  /** Chosen by the caller when another row must name the disclosure before it exists (a referral names its copy). */
  id?: string;
  agreementId: string;
  agreementVersion: number;
  flow: Flow;
  senderOrgId: string;
  recipientOrgId: string;
  sourceType: 'incident' | 'referral' | 'concern';
  sourceId: string;
  payload: Record<string, unknown>;
  fieldsReleased: string[];
  fieldsWithheld: string[];
  /** False when it asks no one to act on it (a referral's status back): no deadline, nothing escalates. */
  asksAcknowledgement?: boolean;
  /**
   * The disclosure this one corrects (a correction of the source): the new one is its next revision
   * and expires no later than it, so a correction never lengthens what the recipient keeps.
   */
  revisionOf?: Pick<DisclosureRecord, 'id' | 'revision' | 'expiresAt'>;
  /** The audit entry's details; the category is always named. */
  details?: Record<string, string | number | boolean | null>;
  /** What the entry records when the disclosure is part of a larger step (a referral's copy: `referral.create`). */
  audit?: Pick<AuditEntryInput, 'action' | 'subjectType' | 'subjectId'>;
  /**
   * The caller delivers it in this same transaction (`DeliveryService.deliverDisclosed`: an incident's
   * alert, docs/sharing.md "Delivery"), so it is written delivered and no delivery job is asked for;
   * otherwise it is written pending and the outbox's job delivers it.
   */
  deliveredByCaller?: boolean;
}

/** A disclosure as other libs may see it: plain values, no entity. */
export interface DisclosureRecord {
  id: string;
  agreementId: string;
  agreementVersion: number;
  flowId: string;
  category: FlowCategory;
  senderOrgId: string;
  recipientOrgId: string;
  sourceId: string;
  revision: number;
  revisionOf: string | null;
  payload: Record<string, unknown> | null;
  fieldsReleased: string[];
  fieldsWithheld: string[];
  status: DisclosureStatus;
  createdAt: Date;
  expiresAt: Date;
  deliveredAt: Date | null;
  ackDueAt: Date | null;
  acknowledgedAt: Date | null;
  slaMet: boolean | null;
  escalatedAt: Date | null;
}

/** A delivered disclosure and the people whose inbox holds it: what the notification channels need. */
export interface DeliveredAudience {
  disclosure: DisclosureRecord & { deliveredAt: Date };
  /**
   * Inbox owners, by id order; with `excludeAssignees`, not those holding it by an assignment (they hear of it from the
   * assignment).
   */
  userIds: string[];
}

/** A copy to purge and why (the reason goes on the record). */
export interface PurgeRequest {
  disclosureId: string;
  reason: string;
  details?: Record<string, string | number | boolean | null>;
}

export function recordOf(d: Disclosure): DisclosureRecord {
  return {
    id: d.id,
    agreementId: d.agreementId,
    agreementVersion: d.agreementVersion,
    flowId: d.flowId,
    category: d.category,
    senderOrgId: d.senderOrgId,
    recipientOrgId: d.recipientOrgId,
    sourceId: d.sourceId,
    revision: d.revision,
    revisionOf: d.revisionOf,
    payload: d.payload,
    fieldsReleased: d.fieldsReleased,
    fieldsWithheld: d.fieldsWithheld,
    status: d.status,
    createdAt: d.createdAt,
    expiresAt: d.expiresAt,
    deliveredAt: d.deliveredAt,
    ackDueAt: d.ackDueAt,
    acknowledgedAt: d.acknowledgedAt,
    slaMet: d.slaMet,
    escalatedAt: d.escalatedAt,
  };
}

const SYSTEM_ACTOR = { userId: null, orgId: null, roles: [] as string[] };

/**
 * The one purge statement: the payload goes, the tombstone stays. `$1` is now, `$2` the agreements
 * under a legal hold (skipped); `due` narrows the rows further. SKIP LOCKED: a disclosure some
 * request or job holds right now is left for the next run rather than waited for (a purge locking
 * many rows in scan order could otherwise meet a transition locking two of them the other way round).
 * `select` reads the CTE `purged` (the updated rows).
 */
function purgeWhere<T>(tx: EntityManager, due: string, select: string, params: unknown[]): Promise<T[]> {
  return tx.query<T[]>(
    `WITH due AS (
       SELECT id FROM disclosures
       WHERE ${due} AND purged_at IS NULL AND NOT (agreement_id = ANY($2::uuid[]))
       FOR UPDATE SKIP LOCKED),
     purged AS (
       UPDATE disclosures SET payload = NULL, status = '${DisclosureStatus.Purged}', purged_at = $1
       FROM due WHERE disclosures.id = due.id
       RETURNING disclosures.id, disclosures.agreement_id, disclosures.agreement_version)
     ${select}`,
    params,
  );
}

/**
 * The one writer of `disclosures` (docs/sharing.md): every category — incident notifications,
 * referral copies, referral status back, community concerns — is disclosed here, with its expiry
 * and deadline from `disclosureTerms`, its delivery in the same transaction (the outbox's job, or
 * the caller's own delivery), and its audit entry. The entry is returned, not appended: the audit
 * append is the transaction's last statement and the caller may still write (a referral row names
 * its copy), so the caller appends it last. Purging a copy before its retention ends is also
 * here; other libs ask, with ids.
 */
@Injectable()
export class DisclosuresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly holds: LegalHoldsService,
    private readonly clock: Clock,
  ) {}

  async disclose(
    tx: EntityManager,
    auth: AuthContext,
    input: DiscloseInput,
  ): Promise<{ disclosureId: string; disclosure: Disclosure; entry: AuditEntryInput }> {
    const now = this.clock.now();
    const previous = input.revisionOf;
    const disclosure = await tx.save(
      tx.create(Disclosure, {
        ...(input.id ? { id: input.id } : {}),
        agreementId: input.agreementId,
        agreementVersion: input.agreementVersion,
        flowId: input.flow.id,
        category: input.flow.category,
        senderOrgId: input.senderOrgId,
        recipientOrgId: input.recipientOrgId,
        sourceType: input.sourceType,
        sourceId: input.sourceId,
        payload: input.payload,
        fieldsReleased: input.fieldsReleased,
        fieldsWithheld: input.fieldsWithheld,
        // Delivered by the caller in this transaction: written so at once, saving the delivery an UPDATE.
        status: input.deliveredByCaller ? DisclosureStatus.Delivered : DisclosureStatus.Pending,
        ...(input.deliveredByCaller ? { deliveredAt: now } : {}),
        createdAt: now,
        revision: previous ? previous.revision + 1 : 1,
        revisionOf: previous?.id ?? null,
        ...disclosureTerms(input.flow, now, input.asksAcknowledgement ?? true, previous?.expiresAt),
      }),
    );
    if (!input.deliveredByCaller)
      await this.outbox.enqueue(
        tx,
        JobName.DeliverDisclosure,
        { disclosureId: disclosure.id },
        { jobId: disclosure.id },
      );
    return {
      disclosureId: disclosure.id,
      disclosure,
      entry: {
        stream: agreementStream(input.agreementId),
        ...auditCallerOf(auth),
        action: 'disclosure.create',
        subjectType: 'Disclosure',
        subjectId: disclosure.id,
        agreementId: input.agreementId,
        agreementVersion: input.agreementVersion,
        outcome: 'allowed',
        fieldsReleased: input.fieldsReleased,
        fieldsWithheld: input.fieldsWithheld,
        details: { category: input.flow.category, ...input.details },
        ...input.audit,
      },
    };
  }

  /** The latest revision of a source's disclosure under an agreement's flow, if one was made (`lock`: row-locked). */
  async findBySource(
    tx: EntityManager,
    key: { sourceId: string; agreementId: string; flowId: string },
    options: { lock?: boolean } = {},
  ): Promise<DisclosureRecord | null> {
    const found = await tx.findOne(Disclosure, {
      where: key,
      order: { revision: 'DESC' },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return found ? recordOf(found) : null;
  }

  /**
   * Replaces the payload of a disclosure that is updated in place as its source changes (a
   * referral's status back: one disclosure per referral), under the agreement version in force
   * now (`agreementVersion`, which the entry names). Returns the entry to append last.
   */
  async updatePayload(
    tx: EntityManager,
    auth: AuthContext,
    disclosure: DisclosureRecord,
    agreementVersion: number,
    payload: Record<string, unknown>,
    details: Record<string, string | number | boolean | null>,
  ): Promise<AuditEntryInput> {
    await tx.update(Disclosure, { id: disclosure.id }, { payload: payload as never });
    return {
      stream: agreementStream(disclosure.agreementId),
      ...auditCallerOf(auth),
      action: 'disclosure.update',
      subjectType: 'Disclosure',
      subjectId: disclosure.id,
      agreementId: disclosure.agreementId,
      agreementVersion,
      outcome: 'allowed',
      fieldsReleased: Object.keys(payload),
      details: { category: disclosure.category, ...details },
    };
  }

  /** A disclosure by id, whatever its state (the source's owner decides what to show of it). */
  async get(tx: EntityManager, disclosureId: string): Promise<DisclosureRecord | null> {
    const found = await tx.findOneBy(Disclosure, { id: disclosureId });
    return found ? recordOf(found) : null;
  }

  /**
   * Is the disclosure still to be seen at the injected clock's now (payload kept, within retention;
   * disclosure-visibility.ts)?
   */
  isVisible(disclosure: Pick<DisclosureRecord, 'payload' | 'expiresAt'>): boolean {
    return isVisibleAt(disclosure, this.clock.now());
  }

  /**
   * What its recipient may still be shown: visible (above), neither withheld (the agreement stopped first) nor purged.
   */
  isShown(disclosure: Pick<DisclosureRecord, 'payload' | 'expiresAt' | 'status'>): boolean {
    return (
      this.isVisible(disclosure) &&
      disclosure.status !== DisclosureStatus.Withheld &&
      disclosure.status !== DisclosureStatus.Purged
    );
  }

  /** Past its agreed retention at the injected clock's now, whether or not a legal hold has kept its payload. */
  isPastRetention(disclosure: Pick<DisclosureRecord, 'expiresAt'>): boolean {
    return !isWithinRetention(disclosure, this.clock.now());
  }

  /**
   * The one visible disclosure of `category` about a source that the caller's Disclosure rules
   * let them read (a referral's status back, read by the police through their own rules).
   */
  async visibleFromSource(
    tx: EntityManager,
    auth: AuthContext,
    sourceId: string,
    category: FlowCategory,
  ): Promise<DisclosureRecord | null> {
    const qb = tx.createQueryBuilder(Disclosure, 'd');
    qb.where('d.source_id = :sourceId AND d.category = :category', { sourceId, category })
      .andWhere(visibleAtSql('d'), { visibleAt: this.clock.now() })
      .andWhere(accessibleBy(auth.ability, Action.Read, 'Disclosure', qb));
    const found = await qb.getOne();
    return found ? recordOf(found) : null;
  }

  /**
   * Purges copies before their retention ends (consent withdrawn, retraction, agreement
   * terminated): payload removed, tombstone kept. Skips copies already purged, copies under a legal
   * hold (the next run after the hold is lifted purges them) and copies some transaction holds
   * right now (SKIP LOCKED: left for the next run rather than waited for). Returns one
   * `disclosure.purge` entry per copy purged, for the caller to append last.
   */
  async purgeCopies(tx: EntityManager, requests: PurgeRequest[]): Promise<AuditEntryInput[]> {
    if (requests.length === 0) return [];
    const held = await this.holds.heldAgreementIds(tx);
    const rows = await purgeWhere<{ id: string; agreement_id: string; agreement_version: number }>(
      tx,
      'id = ANY($3::uuid[])',
      'SELECT id, agreement_id, agreement_version FROM purged ORDER BY agreement_id, id',
      [this.clock.now(), held, requests.map((r) => r.disclosureId)],
    );
    const byId = new Map(requests.map((r) => [r.disclosureId, r]));
    return rows.map((row) => ({
      stream: agreementStream(row.agreement_id),
      actor: SYSTEM_ACTOR,
      action: 'disclosure.purge',
      subjectType: 'Disclosure',
      subjectId: row.id,
      agreementId: row.agreement_id,
      agreementVersion: row.agreement_version,
      outcome: 'success' as const,
      reason: byId.get(row.id)!.reason,
      ...(byId.get(row.id)!.details ? { details: byId.get(row.id)!.details } : {}),
    }));
  }

  /**
   * Of these disclosures, those a purge would still take: not purged yet and not under a legal hold. After
   * `purgeCopies`, these are the ones it passed over because a request or job held them at that moment.
   */
  async awaitingPurge(disclosureIds: string[]): Promise<string[]> {
    if (disclosureIds.length === 0) return [];
    const held = await this.holds.heldAgreementIds();
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM disclosures
        WHERE id = ANY($1::uuid[]) AND purged_at IS NULL AND NOT (agreement_id = ANY($2::uuid[]))`,
      [disclosureIds, held],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Retention (docs/sharing.md): every disclosure past its agreed retention loses its payload, except
   * under a legal hold. Returns the count per agreement, in agreement order, for the run's entries.
   */
  async purgeExpired(tx: EntityManager): Promise<{ agreementId: string; purged: number }[]> {
    const held = await this.holds.heldAgreementIds(tx);
    const now = this.clock.now();
    const rows = await purgeWhere<{ agreement_id: string; purged: string }>(
      tx,
      'expires_at <= $1',
      'SELECT agreement_id, count(*) AS purged FROM purged GROUP BY agreement_id ORDER BY agreement_id',
      [now, held],
    );
    return rows.map((r) => ({ agreementId: r.agreement_id, purged: Number(r.purged) }));
  }

  /**
   * Of these disclosures, those past their agreed retention at the injected clock's now (their sources' records go
   * too).
   */
  async pastRetentionAmong(tx: EntityManager, disclosureIds: string[]): Promise<string[]> {
    if (disclosureIds.length === 0) return [];
    const rows = await tx.query<{ id: string }[]>(
      `SELECT id FROM disclosures WHERE id = ANY($1::uuid[]) AND expires_at <= $2`,
      [disclosureIds, this.clock.now()],
    );
    return rows.map((r) => r.id);
  }

  /** Of these disclosures, those not purged yet (what a sweep still has to do). */
  async unpurgedAmong(tx: EntityManager, disclosureIds: string[]): Promise<string[]> {
    if (disclosureIds.length === 0) return [];
    const rows = await tx.query<{ id: string }[]>(
      `SELECT id FROM disclosures WHERE id = ANY($1::uuid[]) AND purged_at IS NULL`,
      [disclosureIds],
    );
    return rows.map((r) => r.id);
  }

  /**
   * For the notification jobs, outside any transaction: the disclosure if it is delivered (not
   * withheld or purged since: then there is nothing to tell), and who has it in their inbox.
   */
  async deliveredAudience(
    disclosureId: string,
    options: { excludeAssignees?: boolean } = {},
  ): Promise<DeliveredAudience | null> {
    const found = await this.dataSource.manager.findOneBy(Disclosure, { id: disclosureId });
    if (found?.status !== DisclosureStatus.Delivered || !found.deliveredAt) return null;
    const rows = await this.dataSource.query<{ user_id: string }[]>(
      `SELECT e.user_id FROM inbox_entries e
       WHERE e.disclosure_id = $1
         AND NOT ($2 AND EXISTS (SELECT 1 FROM inbox_assignments a WHERE a.disclosure_id = e.disclosure_id
         AND a.user_id = e.user_id))
       ORDER BY e.user_id`,
      [disclosureId, options.excludeAssignees ?? false],
    );
    return {
      disclosure: { ...recordOf(found), deliveredAt: found.deliveredAt },
      userIds: rows.map((r) => r.user_id),
    };
  }

  /** The disclosure, row-locked in the caller's transaction (an escalation checks and marks it under this lock). */
  async lock(tx: EntityManager, disclosureId: string): Promise<DisclosureRecord | null> {
    const found = await tx
      .createQueryBuilder(Disclosure, 'd')
      .setLock('pessimistic_write')
      .where('d.id = :disclosureId', { disclosureId })
      .getOne();
    return found ? recordOf(found) : null;
  }

  /**
   * Puts a delivered disclosure in more people's inboxes (an escalation's managers); returns how many were new to it.
   */
  async addToInbox(tx: EntityManager, disclosureId: string, userIds: string[]): Promise<number> {
    if (userIds.length === 0) return 0;
    const added: unknown[] = await tx.query(
      `INSERT INTO inbox_entries (disclosure_id, user_id, created_at) SELECT $1, unnest($2::uuid[]), $3
       ON CONFLICT (disclosure_id, user_id) DO NOTHING RETURNING id`,
      // Received now — the real time, as the database's now() was, or the demo history's (recorded-time.ts).
      [disclosureId, userIds, new Date(recordedNow())],
    );
    return added.length;
  }

  /** The organization's deadline passed unacknowledged and was escalated at `at` (locked by the caller). */
  async markEscalated(tx: EntityManager, disclosureId: string, at: Date): Promise<void> {
    await tx.update(Disclosure, { id: disclosureId }, { escalatedAt: at });
  }
}
