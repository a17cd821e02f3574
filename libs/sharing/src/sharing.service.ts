import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import { DataSource, type EntityManager } from 'typeorm';
import { AgreementsService } from '@accord/agreements';
import { agreementStream, type AuditEntryInput, AuditService, SYSTEM_STREAM, auditCallerOf } from '@accord/audit';
import { inTransaction, RollbackFollowUp } from '@accord/database';
import { DomainException, ErrorCode, notFound } from '@accord/http';
import { Clock, organizationNames, SecretBox } from '@accord/identity';
import { accessibleBy, Action, type AuthContext, type Flow } from '@accord/policy';
import { isOverdue } from './acknowledgement';
import { type Delivered, DeliveryAnnouncements } from './delivery-announcements';
import { DeliveryService } from './delivery.service';
import { Disclosure, DisclosureStatus } from './disclosure.entity';
import { type DisclosureRecord, DisclosuresService } from './disclosures.service';
import { identifiersFound } from './identifier-screening';
import type { IncidentLocation, IncidentRecord, IncidentType, IncidentVictim } from './incident';
import { Incident } from './incident.entity';
import { ServiceAreasService } from './service-areas.service';
import { type IncidentPersonalData, openIncident, sealIncident } from './incident-sealing';
import {
  incidentMatchesFlow,
  type IncidentProjection,
  projectIncident,
  type TextFindings,
  type WithheldField,
} from './incident-disclosure';
import type { CorrectIncidentDto, CreateIncidentDto, IncidentsQueryDto } from './sharing.dto';

export interface PreviewItem {
  agreementId: string;
  agreementVersion: number;
  flowId: string;
  recipientOrgId: string;
  recipientOrgName: string;
  /** False when free text holds identifiers and the sender has not chosen redaction. */
  ok: boolean;
  payload?: Record<string, unknown>;
  fieldsReleased: string[];
  fieldsWithheld: WithheldField[];
  findings: TextFindings[];
}

export interface ShareResultItem {
  disclosureId: string;
  agreementId: string;
  agreementVersion: number;
  recipientOrgId: string;
  fieldsReleased: string[];
  fieldsWithheld: string[];
  alreadyShared: boolean;
}

/**
 * What the police side sees of its own shares: the organization, the version, the timing — never who on the partner
 * side.
 */
export interface SentDisclosureView {
  disclosureId: string;
  agreementId: string;
  agreementVersion: number;
  recipientOrgId: string;
  recipientOrgName: string;
  /** 1 for the first share; each correction of the incident sends the next revision, naming the one it updates. */
  revision: number;
  revisionOf: string | null;
  status: DisclosureStatus;
  createdAt: Date;
  deliveredAt: Date | null;
  acknowledgedAt: Date | null;
  /** The acknowledgement deadline (null: the flow asks for none). */
  acknowledgementDueAt: Date | null;
  slaMet: boolean | null;
  /** Still unacknowledged past its deadline (and still pending or delivered): `isOverdue`. */
  overdue: boolean;
  /** When the deadline passed unacknowledged and the partner's escalation ran. */
  escalatedAt: Date | null;
}

/** An incident's disclosures in three counts, computed in SQL for a list. */
export interface IncidentDisclosureCounts {
  shared: number;
  acknowledged: number;
  /** Unacknowledged past their deadline, not withheld or purged. */
  overdue: number;
}

/** A correction sent: the revision that updates a recipient's alert. */
export interface CorrectionRevision {
  disclosureId: string;
  revision: number;
  revisionOf: string;
  agreementId: string;
  agreementVersion: number;
  recipientOrgId: string;
  fieldsReleased: string[];
  fieldsWithheld: string[];
}

/** One line of the police's incident list: only columns stored in clear, so a list opens no sealed value. */
export interface IncidentSummary {
  id: string;
  type: IncidentType;
  occurredAt: Date;
  serviceArea: string;
  retaliationRisk: IncidentRecord['retaliationRisk'];
  createdAt: Date;
  disclosures: IncidentDisclosureCounts;
}

export interface IncidentPage {
  items: IncidentSummary[];
  nextCursor: string | null;
}

/** The police's own full record (its personal fields opened, the read audited) and what was shared of it. */
export interface IncidentView {
  id: string;
  type: IncidentType;
  occurredAt: Date;
  location: IncidentLocation;
  victims: IncidentVictim[];
  hospital: string | null;
  retaliationRisk: IncidentRecord['retaliationRisk'];
  narrative: string | null;
  requestedResponse: string | null;
  caseNumber: string | null;
  otherNames: string[];
  createdAt: Date;
  disclosures: SentDisclosureView[];
}

/** A stored incident and its record with the personal fields opened. */
interface OpenedIncident {
  row: Incident;
  record: IncidentRecord;
}

type ProjectedIncident = Extract<IncidentProjection, { ok: true }>;

interface Candidate {
  agreementId: string;
  version: number;
  flow: Flow;
  recipientOrgId: string;
}

/**
 * Incidents and their disclosures (docs/sharing.md). The police organization keeps its full record;
 * sharing writes one disclosure per recipient and flow — only the released fields, at the agreed
 * precision — with its audit entry and its delivery job in the same transaction, under a share
 * lock on each agreement so an amendment racing the share is wholly before or after it.
 */
@Injectable()
export class SharingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly agreements: AgreementsService,
    private readonly disclosures: DisclosuresService,
    private readonly box: SecretBox,
    private readonly clock: Clock,
    private readonly areas: ServiceAreasService,
    private readonly delivery: DeliveryService,
    private readonly announcements: DeliveryAnnouncements,
  ) {}

  /**
   * The caller's organization's incidents, newest occurrence first, in keyset pages on
   * (occurred_at, id) so a page stays stable while incidents are recorded. The caller's rules
   * filter first, in SQL; only clear columns are selected, so nothing sealed is opened and there
   * is no personal data to audit.
   */
  async listIncidents(auth: AuthContext, query: IncidentsQueryDto): Promise<IncidentPage> {
    const limit = query.limit ?? 25;
    const qb = this.dataSource.manager.createQueryBuilder(Incident, 'i');
    qb.where(accessibleBy(auth.ability, Action.List, 'Incident', qb));
    if (query.occurredFrom)
      qb.andWhere('i.occurred_at >= :occurredFrom', { occurredFrom: new Date(query.occurredFrom) });
    if (query.occurredTo) qb.andWhere('i.occurred_at <= :occurredTo', { occurredTo: new Date(query.occurredTo) });
    if (query.serviceArea) qb.andWhere('i.service_area = :serviceArea', { serviceArea: query.serviceArea });
    if (query.type) qb.andWhere('i.type = :type', { type: query.type });
    if (query.cursor) {
      // The cursor is read within the same organization: another's id bounds nothing, the page is empty.
      qb.andWhere(
        `(i.occurred_at, i.id) <
          (SELECT c.occurred_at, c.id FROM incidents c WHERE c.id = :cursor AND c.org_id = i.org_id)`,
        { cursor: query.cursor },
      );
    }
    const rows = await qb
      .select([
        'i.id AS id',
        'i.type AS type',
        'i.occurred_at AS occurred_at',
        'i.service_area AS service_area',
        'i.retaliation_risk AS retaliation_risk',
        'i.created_at AS created_at',
      ])
      .addSelect(
        `(SELECT json_build_object(
            'shared', count(*),
            'acknowledged', count(d.acknowledged_at),
            'overdue', count(*) FILTER (WHERE d.acknowledged_at IS NULL AND d.ack_due_at < :countedAt
              AND d.status IN ('pending', 'delivered')))
          FROM disclosures d
          WHERE d.source_type = 'incident' AND d.source_id = i.id AND d.sender_org_id = i.org_id
            AND NOT EXISTS (SELECT 1 FROM disclosures r WHERE r.revision_of = d.id))`,
        'disclosures',
      )
      .setParameter('countedAt', this.clock.now())
      .orderBy('i.occurred_at', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .limit(limit + 1)
      .getRawMany<Record<string, unknown>>();
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({
        id: r.id as string,
        type: r.type as IncidentType,
        occurredAt: r.occurred_at as Date,
        serviceArea: r.service_area as string,
        retaliationRisk: r.retaliation_risk as IncidentRecord['retaliationRisk'],
        createdAt: r.created_at as Date,
        disclosures: r.disclosures as IncidentDisclosureCounts,
      })),
      nextCursor: rows.length > limit ? (page[page.length - 1]!.id as string) : null,
    };
  }

  /** The caller's own incident as recorded, with its disclosures; it opens personal fields, so the read is audited. */
  async readIncident(auth: AuthContext, incidentId: string): Promise<IncidentView> {
    return inTransaction(this.dataSource, async (tx) => {
      const { row, record } = await this.ownIncident(tx, auth, incidentId);
      const disclosures = await this.sentDisclosureViews(tx, auth, row.id);
      const view: IncidentView = {
        id: row.id,
        type: record.type,
        occurredAt: record.occurredAt,
        location: record.location,
        victims: record.victims,
        hospital: record.hospital ?? null,
        retaliationRisk: record.retaliationRisk,
        narrative: record.narrative ?? null,
        requestedResponse: record.requestedResponse ?? null,
        caseNumber: record.caseNumber ?? null,
        otherNames: record.otherNames ?? [],
        createdAt: row.createdAt,
        disclosures,
      };
      // Last statement: the answer carries decrypted personal data, so no entry, no answer.
      await this.audit.record(tx, {
        stream: SYSTEM_STREAM,
        ...auditCallerOf(auth),
        action: 'incident.read',
        subjectType: 'Incident',
        subjectId: row.id,
        outcome: 'success',
      });
      return view;
    });
  }

  async createIncident(auth: AuthContext, dto: CreateIncidentDto): Promise<{ id: string }> {
    if (!auth.ability.can(Action.Create, subject('Incident', { orgId: auth.orgId }) as never))
      throw new DomainException(ErrorCode.Forbidden, 'Your role does not allow this');
    const id = randomUUID();
    const sealed = sealIncident(this.box, id, {
      houseNumber: dto.location.houseNumber ?? null,
      street: dto.location.street,
      victims: dto.victims.map((v) => ({ age: v.age ?? null, fatal: v.fatal, ...(v.name ? { name: v.name } : {}) })),
      narrative: dto.narrative ?? null,
      caseNumber: dto.caseNumber ?? null,
      otherNames: dto.otherNames ?? [],
    });
    return inTransaction(this.dataSource, async (tx) => {
      const serviceArea = await this.areas.placeIncident(tx, auth.orgId, dto.location);
      const incident = await tx.save(
        tx.create(Incident, {
          id,
          orgId: auth.orgId,
          createdBy: auth.userId,
          type: dto.type,
          occurredAt: new Date(dto.occurredAt),
          latitude: dto.location.latitude,
          longitude: dto.location.longitude,
          serviceArea,
          hospital: dto.hospital ?? null,
          retaliationRisk: dto.retaliationRisk,
          requestedResponse: dto.requestedResponse ?? null,
          ...sealed,
          keyId: this.box.keyId,
        }),
      );
      await this.audit.record(tx, {
        stream: SYSTEM_STREAM,
        ...auditCallerOf(auth),
        action: 'incident.create',
        subjectType: 'Incident',
        subjectId: incident.id,
        outcome: 'success',
      });
      return { id: incident.id };
    });
  }

  /**
   * Per recipient, exactly what it would receive now, which fields are withheld and why, and any
   * identifiers found. It shows the record's free text and the identifiers in it, so it is audited
   * like a read of the record.
   */
  async preview(auth: AuthContext, incidentId: string, redact: boolean): Promise<PreviewItem[]> {
    return inTransaction(this.dataSource, async (tx) => {
      const incident = await this.ownIncident(tx, auth, incidentId);
      const candidates = await this.candidates(tx, auth, incident);
      const names = await organizationNames(
        tx,
        candidates.map((c) => c.recipientOrgId),
      );
      const items = candidates.map((c): PreviewItem => {
        const projection = projectIncident(incident.record, c.flow, { redact });
        return {
          agreementId: c.agreementId,
          agreementVersion: c.version,
          flowId: c.flow.id,
          recipientOrgId: c.recipientOrgId,
          recipientOrgName: names.get(c.recipientOrgId) ?? '',
          ok: projection.ok,
          ...(projection.ok ? { payload: projection.payload as Record<string, unknown> } : {}),
          fieldsReleased: projection.ok ? projection.fieldsReleased : [],
          fieldsWithheld: projection.ok ? projection.fieldsWithheld : [],
          findings: projection.ok ? projection.redactions : projection.findings,
        };
      });
      // Last statement: no entry, no answer.
      await this.audit.record(tx, {
        stream: SYSTEM_STREAM,
        ...auditCallerOf(auth),
        action: 'incident.preview',
        subjectType: 'Incident',
        subjectId: incident.row.id,
        outcome: 'success',
        details: { recipients: items.length, redact },
      });
      return items;
    });
  }

  /**
   * Shares the incident under every active agreement whose flow matches it. All or nothing: if free
   * text holds identifiers and the sender did not choose redaction, nothing is written and the
   * findings are returned. Sharing again is a no-op for disclosures already made.
   */
  async share(auth: AuthContext, incidentId: string, redact: boolean): Promise<ShareResultItem[]> {
    const { results, delivered } = await inTransaction(this.dataSource, async (tx) => {
      const incident = await this.ownIncident(tx, auth, incidentId);
      const candidates = await this.candidates(tx, auth, incident);
      const projections = this.projectAll(auth, incident.row.id, 'incident.share', incident.record, candidates, redact);
      const results: ShareResultItem[] = [];
      const entries: AuditEntryInput[] = [];
      const delivered: Delivered[] = [];
      for (const { candidate, projection } of projections) {
        const existing = await this.disclosures.findBySource(tx, {
          sourceId: incident.row.id,
          agreementId: candidate.agreementId,
          flowId: candidate.flow.id,
        });
        if (existing) {
          results.push({
            disclosureId: existing.id,
            agreementId: existing.agreementId,
            agreementVersion: existing.agreementVersion,
            recipientOrgId: existing.recipientOrgId,
            fieldsReleased: existing.fieldsReleased,
            fieldsWithheld: existing.fieldsWithheld,
            alreadyShared: true,
          });
          continue;
        }
        const made = await this.discloseIncident(tx, auth, incident.row.id, { candidate, projection });
        const { disclosureId, withheld } = made;
        entries.push(...made.entries);
        delivered.push(made.delivered);
        results.push({
          disclosureId,
          agreementId: candidate.agreementId,
          agreementVersion: candidate.version,
          recipientOrgId: candidate.recipientOrgId,
          fieldsReleased: projection.fieldsReleased,
          fieldsWithheld: withheld,
          alreadyShared: false,
        });
      }
      // Last statements before commit, every disclosure written: the entries hold their streams' locks as briefly as
      // possible.
      await this.audit.recordAll(tx, entries);
      return { results, delivered };
    });
    await this.announce(delivered);
    return results;
  }

  /**
   * Corrects the police's record and sends the correction to every recipient whose alert is still
   * live: under the flows in force now (re-screened and re-projected like a share, all or nothing),
   * each as the next revision of the alert it updates, ending no later than it. A disclosure purged,
   * past retention or never shown gets no revision — nothing already gone comes back — and neither
   * does one whose recipient would see nothing new.
   */
  async correctIncident(auth: AuthContext, incidentId: string, dto: CorrectIncidentDto): Promise<CorrectionRevision[]> {
    const { redact, ...changes } = dto;
    // Only the optional texts clear with null; a required field given as null is refused, not ignored.
    const nulled = REQUIRED_ON_RECORD.filter((k) => changes[k] === null);
    if (nulled.length > 0)
      throw new DomainException(ErrorCode.ValidationFailed, `${nulled.join(', ')} cannot be cleared`, {
        fields: nulled,
      });
    const corrected = Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined);
    if (corrected.length === 0) throw new DomainException(ErrorCode.ValidationFailed, 'Nothing to correct');
    const { revisions, delivered } = await inTransaction(this.dataSource, async (tx) => {
      const incident = await this.ownIncident(tx, auth, incidentId, { lock: true });
      const serviceArea = dto.location ? await this.areas.placeIncident(tx, auth.orgId, dto.location) : undefined;
      const record = correctedRecord(incident.record, dto, serviceArea);
      const personal = personalDataOf(record);
      await tx.update(
        Incident,
        { id: incident.row.id },
        {
          type: record.type,
          occurredAt: record.occurredAt,
          latitude: record.location.latitude,
          longitude: record.location.longitude,
          serviceArea: record.location.serviceArea,
          hospital: record.hospital ?? null,
          retaliationRisk: record.retaliationRisk,
          requestedResponse: record.requestedResponse ?? null,
          ...sealIncident(this.box, incident.row.id, personal),
          keyId: this.box.keyId,
        },
      );
      const opened: OpenedIncident = { row: incident.row, record };
      const candidates = await this.candidates(tx, auth, opened);
      const projections = this.projectAll(auth, incident.row.id, 'incident.update', record, candidates, redact);
      const revisions: CorrectionRevision[] = [];
      const entries: AuditEntryInput[] = [];
      const delivered: Delivered[] = [];
      for (const { candidate, projection } of projections) {
        const latest = await this.disclosures.findBySource(
          tx,
          { sourceId: incident.row.id, agreementId: candidate.agreementId, flowId: candidate.flow.id },
          { lock: true },
        );
        if (!latest || latest.status === DisclosureStatus.Withheld || !this.disclosures.isVisible(latest)) continue;
        if (isDeepStrictEqual(latest.payload, projection.payload)) continue;
        const made = await this.discloseIncident(tx, auth, incident.row.id, {
          candidate,
          projection,
          revisionOf: latest,
        });
        const { disclosureId, withheld } = made;
        entries.push(...made.entries);
        delivered.push(made.delivered);
        revisions.push({
          disclosureId,
          revision: latest.revision + 1,
          revisionOf: latest.id,
          agreementId: candidate.agreementId,
          agreementVersion: candidate.version,
          recipientOrgId: candidate.recipientOrgId,
          fieldsReleased: projection.fieldsReleased,
          fieldsWithheld: withheld,
        });
      }
      // Field names only, never values; the revisions' own entries follow. Last statements before commit.
      await this.audit.recordAll(tx, [
        {
          stream: SYSTEM_STREAM,
          ...auditCallerOf(auth),
          action: 'incident.update',
          subjectType: 'Incident',
          subjectId: incident.row.id,
          outcome: 'success',
          details: { fields: corrected.sort().join(','), revisions: revisions.length },
        },
        ...entries,
      ]);
      return { revisions, delivered };
    });
    await this.announce(delivered);
    return revisions;
  }

  /**
   * The police view of an incident's disclosures: which organization, under which version, delivered and acknowledged
   * when.
   */
  async sentDisclosures(auth: AuthContext, incidentId: string): Promise<SentDisclosureView[]> {
    const incident = await this.ownIncident(this.dataSource.manager, auth, incidentId);
    return this.sentDisclosureViews(this.dataSource.manager, auth, incident.row.id);
  }

  /** The one mapping of the police's view of a disclosure: the recipient by name and the timing, never who. */
  private async sentDisclosureViews(
    tx: EntityManager,
    auth: AuthContext,
    incidentId: string,
  ): Promise<SentDisclosureView[]> {
    const rows = await tx.find(Disclosure, {
      where: { sourceId: incidentId, senderOrgId: auth.orgId },
      order: { createdAt: 'ASC' },
    });
    const names = await organizationNames(tx, [...new Set(rows.map((d) => d.recipientOrgId))]);
    const now = this.clock.now();
    const open = new Set<DisclosureStatus>([DisclosureStatus.Pending, DisclosureStatus.Delivered]);
    return rows.map((d) => ({
      disclosureId: d.id,
      agreementId: d.agreementId,
      agreementVersion: d.agreementVersion,
      recipientOrgId: d.recipientOrgId,
      recipientOrgName: names.get(d.recipientOrgId) ?? '',
      revision: d.revision,
      revisionOf: d.revisionOf,
      status: d.status,
      createdAt: d.createdAt,
      deliveredAt: d.deliveredAt,
      acknowledgedAt: d.acknowledgedAt,
      acknowledgementDueAt: d.ackDueAt,
      slaMet: d.slaMet,
      overdue: open.has(d.status) && isOverdue(d, now),
      escalatedAt: d.escalatedAt,
    }));
  }

  /**
   * The caller's own incident, its personal fields opened here (the police's own view and the disclosure engine need
   * them).
   */
  private async ownIncident(
    tx: EntityManager,
    auth: AuthContext,
    incidentId: string,
    options: { lock?: boolean } = {},
  ): Promise<OpenedIncident> {
    // Loaded through the caller's rules in SQL: another organization's incident is simply not found.
    const qb = tx.createQueryBuilder(Incident, 'i');
    qb.where(accessibleBy(auth.ability, Action.Read, 'Incident', qb)).andWhere('i.id = :incidentId', { incidentId });
    if (options.lock) qb.setLock('pessimistic_write');
    const row = await qb.getOne();
    if (!row) throw notFound('Incident');
    return { row, record: row.toRecord(openIncident(this.box, row.id, row)) };
  }

  /**
   * One recipient's disclosure of the incident, or with `revisionOf` its next revision, delivered to its audience in
   * this same transaction: an alert is in the outreach worker's inbox the moment the share commits, with no job between
   * (docs/sharing.md "Delivery"). The entries (disclosure, then delivery) are appended last by the caller; the
   * delivery is announced on the live streams once the caller has committed.
   */
  private async discloseIncident(
    tx: EntityManager,
    auth: AuthContext,
    incidentId: string,
    made: { candidate: Candidate; projection: ProjectedIncident; revisionOf?: DisclosureRecord },
  ): Promise<{ disclosureId: string; entries: AuditEntryInput[]; withheld: string[]; delivered: Delivered }> {
    const { candidate, projection, revisionOf } = made;
    const withheld = projection.fieldsWithheld.map((w) => w.field);
    const { disclosure, entry } = await this.disclosures.disclose(tx, auth, {
      agreementId: candidate.agreementId,
      agreementVersion: candidate.version,
      flow: candidate.flow,
      senderOrgId: auth.orgId,
      recipientOrgId: candidate.recipientOrgId,
      sourceType: 'incident',
      sourceId: incidentId,
      payload: projection.payload as Record<string, unknown>,
      fieldsReleased: projection.fieldsReleased,
      fieldsWithheld: withheld,
      ...(revisionOf ? { revisionOf } : {}),
      details: {
        ...(revisionOf ? { revision: revisionOf.revision + 1, revisionOf: revisionOf.id } : {}),
        redactions: projection.redactions.length,
      },
      deliveredByCaller: true,
    });
    const delivery = await this.delivery.deliverDisclosed(tx, disclosure, candidate.flow);
    return { disclosureId: disclosure.id, entries: [entry, delivery.entry], withheld, delivered: delivery.delivered };
  }

  /** Committed: the new inbox entries are readable, so their owners' streams may be told (the fallback job waits). */
  private async announce(delivered: Delivered[]): Promise<void> {
    await Promise.all(delivered.map((d) => this.announcements.delivered(d)));
  }

  /**
   * Each candidate's projection; all or nothing: identifiers in free text without redaction refuse the lot — and the
   * refusal stays on the record of each agreement it would have gone out under (`IDENTIFIERS_FOUND`, the number of
   * findings, never what they were), appended once the request's writes have rolled back: the board counts them.
   */
  private projectAll(
    auth: AuthContext,
    incidentId: string,
    action: 'incident.share' | 'incident.update',
    record: IncidentRecord,
    candidates: Candidate[],
    redact: boolean,
  ): { candidate: Candidate; projection: ProjectedIncident }[] {
    const projections = candidates.map((candidate) => ({
      candidate,
      projection: projectIncident(record, candidate.flow, { redact }),
    }));
    const refused = projections.find((p) => !p.projection.ok)?.projection;
    if (refused && !refused.ok) {
      const error = identifiersFound(
        'Free text holds identifiers; remove them or share with redaction',
        refused.findings,
      );
      const findings = refused.findings.reduce((n, f) => n + f.findings.length, 0);
      const agreements = [...new Map(candidates.map((c) => [c.agreementId, c])).values()];
      throw new RollbackFollowUp(error, (tx) =>
        this.audit.recordAll(
          tx,
          agreements.map((c) => ({
            stream: agreementStream(c.agreementId),
            ...auditCallerOf(auth),
            action,
            subjectType: 'Incident',
            subjectId: incidentId,
            agreementId: c.agreementId,
            agreementVersion: c.version,
            outcome: 'denied' as const,
            reason: 'IDENTIFIERS_FOUND',
            details: { findings },
          })),
        ),
      );
    }
    return projections as { candidate: Candidate; projection: ProjectedIncident }[];
  }

  /**
   * The (agreement, flow) pairs an incident goes out under: the active version of each agreement
   * the police organization is party to, read under the agreement's share lock, whose
   * incident-notification flows match and which the caller may send under.
   */
  private async candidates(tx: EntityManager, auth: AuthContext, incident: OpenedIncident): Promise<Candidate[]> {
    const resolved = await this.agreements.resolveFlowsForAll(tx, auth, {
      category: 'incident_notification',
      from: 'police',
      permission: { action: Action.Create, subjectType: 'Disclosure' },
    });
    return resolved.flatMap((r) =>
      r.flows
        .filter((flow) => incidentMatchesFlow(incident.record, flow))
        .map((flow) => ({
          agreementId: r.agreement.agreementId,
          version: r.agreement.version,
          flow,
          recipientOrgId: r.recipientOrgId,
        })),
    );
  }
}

/** The fields every incident has: a correction may replace them, never clear them. */
const REQUIRED_ON_RECORD = ['type', 'occurredAt', 'location', 'victims', 'retaliationRisk', 'otherNames'] as const;

/** The record with the correction applied: each field given replaces the recorded one. */
function correctedRecord(record: IncidentRecord, dto: CorrectIncidentDto, serviceArea?: string): IncidentRecord {
  const location = dto.location;
  return {
    ...record,
    type: dto.type ?? record.type,
    occurredAt: dto.occurredAt ? new Date(dto.occurredAt) : record.occurredAt,
    location: location
      ? {
          latitude: location.latitude,
          longitude: location.longitude,
          ...(location.houseNumber ? { houseNumber: location.houseNumber } : {}),
          street: location.street,
          serviceArea: serviceArea ?? record.location.serviceArea,
        }
      : record.location,
    victims: dto.victims
      ? dto.victims.map((v) => ({ age: v.age ?? null, fatal: v.fatal, ...(v.name ? { name: v.name } : {}) }))
      : record.victims,
    // An optional field given as null is cleared; one not given stays as recorded.
    hospital: dto.hospital !== undefined ? dto.hospital : (record.hospital ?? null),
    retaliationRisk: dto.retaliationRisk ?? record.retaliationRisk,
    narrative: dto.narrative !== undefined ? dto.narrative : (record.narrative ?? null),
    requestedResponse: dto.requestedResponse !== undefined ? dto.requestedResponse : (record.requestedResponse ?? null),
    caseNumber: dto.caseNumber !== undefined ? dto.caseNumber : (record.caseNumber ?? null),
    otherNames: dto.otherNames ?? record.otherNames ?? [],
  };
}

/** The record's personal fields, as incident-sealing.ts seals them. */
function personalDataOf(record: IncidentRecord): IncidentPersonalData {
  return {
    houseNumber: record.location.houseNumber ?? null,
    street: record.location.street,
    victims: record.victims,
    narrative: record.narrative ?? null,
    caseNumber: record.caseNumber ?? null,
    otherNames: record.otherNames ?? [],
  };
}
