import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AgreementsService } from '@accord/agreements';
import { agreementStream, type AuditEntryInput, AuditService, auditCallerOf } from '@accord/audit';
import { inTransaction } from '@accord/database';
import { DomainException, ErrorCode, notFound } from '@accord/http';
import { Clock, SecretBox, UserStatus, usersByIds } from '@accord/identity';
import { JobName, OutboxService } from '@accord/jobs';
import { accessibleBy, Action, type AuthContext, type Flow, Role } from '@accord/policy';
import {
  ageBand,
  AssignmentsService,
  DisclosuresService,
  identifiersFound,
  InboxService,
  screenForIdentifiers,
} from '@accord/sharing';
import {
  checkTransition,
  coarseStatus,
  type CoarseStatus,
  type Mover,
  nextStepsFrom,
  normalizeName,
  type ReferralStatus,
} from './referral-lifecycle';
import { ReferralNote } from './referral-note.entity';
import {
  copyContext,
  noteContext,
  openPerson,
  type PersonField,
  type PersonRecord,
  referralContext,
  type SealedPerson,
  sealPerson,
} from './referral-sealing';
import { Referral } from './referral.entity';
import type { CreateReferralDto, TransitionReferralDto } from './referrals.dto';

/** The recipient's copy as stored in `disclosures.payload`: sealed personal fields, plain consent basis. */
interface ReferralCopyPayload {
  sealed: SealedPerson;
  keyId: string;
  consentBasis?: string;
}

/**
 * What the police see of a referral they sent: their own record, and only the coarse status a status flow lets back.
 */
export interface PoliceReferralView {
  id: string;
  agreementId: string;
  recipientOrgId: string;
  person: PersonRecord;
  consent: { basis: string | null; givenOn: string | null; expiresOn: string | null; withdrawnAt: Date | null };
  retracted: boolean;
  createdAt: Date;
  /** Null unless the agreement has a `referral_status` flow and the partner has moved the referral. */
  statusBack: { status: CoarseStatus; updatedAt: string } | null;
}

/** What the partner sees: the released fields of its copy, its own lifecycle, and a duplicate warning. */
export interface PartnerReferralView {
  id: string;
  agreementId: string;
  senderOrgId: string;
  person: PersonRecord;
  consentBasis: string | null;
  status: ReferralStatus;
  declineReason: string | null;
  assignedTo: string | null;
  receivedAt: Date;
  /** Another open referral to this organization probably names the same person (blind index match). */
  possibleDuplicate: boolean;
  /** The lifecycle steps the caller may take now (a program manager's, or the assigned worker's). */
  nextSteps: ReferralStatus[];
}

const SEALED_COLUMNS: Record<PersonField, keyof Referral> = {
  name: 'nameSealed',
  contact: 'contactSealed',
  dateOfBirth: 'dateOfBirthSealed',
  age: 'ageSealed',
  reason: 'reasonSealed',
  riskFactors: 'riskFactorsSealed',
};

export function sealedOf(referral: Referral): SealedPerson {
  const out: SealedPerson = {};
  for (const [field, column] of Object.entries(SEALED_COLUMNS) as [PersonField, keyof Referral][]) {
    const value = referral[column] as string | null;
    if (value) out[field] = value;
  }
  return out;
}

export function assignSealed(referral: Referral, sealed: SealedPerson): void {
  for (const [field, column] of Object.entries(SEALED_COLUMNS) as [PersonField, keyof Referral][]) {
    (referral as unknown as Record<string, unknown>)[column] = sealed[field] ?? null;
  }
}

/** The keyed blind index of a person: HMAC of normalized name and birth date (or null without a birth date). */
export function personIndexOf(
  box: SecretBox,
  name: string | undefined,
  dateOfBirth: string | undefined,
): string | null {
  if (!name || !dateOfBirth) return null;
  return box.fingerprint('referral-person', `${normalizeName(name)}|${dateOfBirth}`);
}

/**
 * Referrals (docs/referrals.md). The police keep their sealed record; sharing under a `referral` flow
 * writes the partner's copy as a `disclosures` row whose payload holds only the released fields,
 * sealed again under the copy's own context, with its audit entry and delivery job in the same
 * transaction under the agreement's share lock. The partner's lifecycle steps may send a coarse
 * status back, only under a `referral_status` flow.
 */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly agreements: AgreementsService,
    private readonly disclosures: DisclosuresService,
    private readonly inbox: InboxService,
    private readonly assignments: AssignmentsService,
    private readonly box: SecretBox,
    private readonly clock: Clock,
  ) {}

  async create(
    auth: AuthContext,
    dto: CreateReferralDto,
  ): Promise<{ id: string; disclosureId: string; fieldsReleased: string[]; fieldsWithheld: string[] }> {
    return inTransaction(this.dataSource, async (tx) => {
      const resolution = await this.agreements.resolveFlows(tx, auth, {
        agreementId: dto.agreementId,
        category: 'referral',
        from: 'police',
        permission: { action: Action.Create, subjectType: 'Referral' },
      });
      if (!resolution.ok) {
        if (!resolution.agreement || resolution.reason === 'NOT_A_PARTY') throw notFound('Agreement');
        const noFlow = resolution.reason === 'NO_FLOW';
        throw this.audit.refusal(
          {
            ...this.entryBase(auth, dto.agreementId, resolution.agreement.version),
            action: 'referral.create',
            subjectType: 'Referral',
            subjectId: null,
            outcome: 'denied',
            reason: noFlow ? 'NO_REFERRAL_FLOW' : 'ROLE_NOT_IN_FLOW',
          },
          new DomainException(
            ErrorCode.Forbidden,
            noFlow ? 'This agreement has no referral flow' : 'Your role may not send referrals under this agreement',
          ),
        );
      }
      const flow = resolution.flows[0]!;
      const version = resolution.agreement;
      this.checkConsent(flow, dto);
      this.checkConditions(flow, dto);
      const person: PersonRecord = {
        name: dto.person.name,
        ...(dto.person.contact !== undefined ? { contact: dto.person.contact } : {}),
        ...(dto.person.dateOfBirth !== undefined ? { dateOfBirth: dto.person.dateOfBirth } : {}),
        ...(dto.person.age !== undefined ? { age: String(dto.person.age) } : {}),
        reason: dto.person.reason,
        ...(dto.person.riskFactors !== undefined ? { riskFactors: JSON.stringify(dto.person.riskFactors) } : {}),
      };
      if (flow.fields.reason === 'screened') this.screenReason(dto.person.reason);
      const now = this.clock.now();
      const referralId = randomUUID();
      const disclosureId = randomUUID();
      const released = (Object.keys(person) as PersonField[]).filter((f) => flow.fields[f] !== undefined);
      const withheld = (Object.keys(person) as PersonField[]).filter((f) => flow.fields[f] === undefined);
      // The copy carries each released field at the flow's precision (age: exact or a band).
      const releasedValues: PersonRecord = Object.fromEntries(released.map((f) => [f, person[f]]));
      if (releasedValues.age !== undefined && flow.fields.age === 'band')
        releasedValues.age = ageBand(Number(releasedValues.age));
      const copy: ReferralCopyPayload = {
        sealed: sealPerson(this.box, releasedValues, (f) => copyContext(disclosureId, f)),
        keyId: this.box.keyId,
        ...(flow.fields.consentBasis && dto.consent ? { consentBasis: dto.consent.basis } : {}),
      };
      const fieldsReleased = [...released, ...(copy.consentBasis ? ['consentBasis'] : [])];
      const disclosure = await this.disclosures.disclose(tx, auth, {
        id: disclosureId,
        agreementId: version.agreementId,
        agreementVersion: version.version,
        flow,
        senderOrgId: auth.orgId,
        recipientOrgId: resolution.recipientOrgId,
        sourceType: 'referral',
        sourceId: referralId,
        payload: copy as unknown as Record<string, unknown>,
        fieldsReleased,
        fieldsWithheld: withheld,
        audit: { action: 'referral.create', subjectType: 'Referral', subjectId: referralId },
        details: { disclosureId, consentBasis: dto.consent?.basis ?? null },
      });
      const referral = tx.create(Referral, {
        id: referralId,
        category: 'referral',
        senderOrgId: auth.orgId,
        recipientOrgId: resolution.recipientOrgId,
        agreementId: version.agreementId,
        agreementVersion: version.version,
        flowId: flow.id,
        createdBy: auth.userId,
        keyId: this.box.keyId,
        personIndex: personIndexOf(this.box, person.name, person.dateOfBirth),
        consentBasis: dto.consent?.basis ?? null,
        consentDate: dto.consent?.givenOn ?? null,
        consentExpiresOn: dto.consent?.expiresOn ?? null,
        consentWithdrawnAt: null,
        status: 'sent',
        declineReason: null,
        assignedTo: null,
        disclosureId,
        statusChangedAt: now,
        createdAt: now,
      });
      assignSealed(
        referral,
        sealPerson(this.box, person, (f) => referralContext(referralId, f)),
      );
      await tx.save(referral);
      await this.audit.record(tx, disclosure.entry);
      return { id: referralId, disclosureId, fieldsReleased, fieldsWithheld: withheld };
    });
  }

  /**
   * Up to 100 referrals the caller may list, decrypted. What leaves is on the record: one
   * `referral.list` entry per agreement naming the ids it returned, appended last in the
   * transaction that read them (nothing is audited when nothing was returned).
   */
  async list(auth: AuthContext): Promise<{ items: (PoliceReferralView | PartnerReferralView)[] }> {
    return inTransaction(this.dataSource, async (tx) => {
      const qb = tx.createQueryBuilder(Referral, 'r');
      qb.where(accessibleBy(auth.ability, Action.List, 'Referral', qb));
      if (this.isWorkerOnly(auth)) qb.andWhere('r.assigned_to = :me', { me: auth.userId });
      const rows = await qb.orderBy('r.created_at', 'DESC').limit(100).getMany();
      const items = [];
      const shown = new Map<string, Referral[]>();
      for (const r of rows) {
        const view =
          r.senderOrgId === auth.orgId ? await this.policeView(tx, auth, r) : await this.partnerView(tx, auth, r);
        if (!view) continue;
        items.push(view);
        shown.set(r.agreementId, [...(shown.get(r.agreementId) ?? []), r]);
      }
      // One entry per agreement stream: each board sees the reads under its own agreement only.
      const entries = [...shown.values()].map((referrals): AuditEntryInput => ({
        ...this.entryBase(auth, referrals[0]!.agreementId, 0),
        // A list reads under whatever versions its referrals were sent: it names no single one.
        agreementVersion: null,
        action: 'referral.list',
        subjectType: 'Referral',
        subjectId: null,
        outcome: 'allowed',
        details: { count: referrals.length, referralIds: referrals.map((r) => r.id).join(',') },
      }));
      await this.audit.recordAll(tx, entries);
      return { items };
    });
  }

  async read(auth: AuthContext, id: string): Promise<PoliceReferralView | PartnerReferralView> {
    return inTransaction(this.dataSource, async (tx) => {
      const referral = await this.load(tx, auth, id, Action.Read);
      const view =
        referral.senderOrgId === auth.orgId
          ? await this.policeView(tx, auth, referral)
          : await this.partnerView(tx, auth, referral);
      if (!view) throw notFound('Referral');
      await this.audit.record(tx, {
        ...this.entryBase(auth, referral.agreementId, referral.agreementVersion),
        action: 'referral.read',
        subjectType: 'Referral',
        subjectId: referral.id,
        outcome: 'allowed',
      });
      return view;
    });
  }

  /**
   * One lifecycle step. The police sender only retracts; the partner moves it along its lifecycle.
   * Locks in the one order every write path follows — the referral, the agreement (shared), the
   * copy, the status disclosure — and appends the audit entries last (see inTransaction).
   */
  async transition(
    auth: AuthContext,
    id: string,
    dto: TransitionReferralDto,
  ): Promise<PoliceReferralView | PartnerReferralView> {
    return inTransaction(this.dataSource, async (tx) => {
      const referral = await this.load(tx, auth, id, Action.Update, true);
      const side = referral.senderOrgId === auth.orgId ? 'police' : 'partner';
      const mover: Mover = side === 'police' ? 'sender' : this.moverOf(auth);
      const from = referral.status;
      if (side === 'police' && dto.to !== 'retracted')
        throw new DomainException(ErrorCode.Forbidden, 'The sending organization may only retract a referral');
      const check = checkTransition(from, dto.to, mover);
      // The police side never learns the partner's state from an error: a refused retraction says only that it is too
      // late.
      if (!check.ok) {
        const message =
          side === 'police'
            ? 'The referral can no longer be retracted'
            : check.reason === 'NOT_YOUR_STEP'
              ? `Your role may not move a referral to ${dto.to}`
              : `A referral cannot go from ${from} to ${dto.to}`;
        throw this.audit.refusal(
          {
            ...this.entryBase(auth, referral.agreementId, referral.agreementVersion),
            action: 'referral.transition',
            subjectType: 'Referral',
            subjectId: referral.id,
            outcome: 'denied',
            reason: check.reason,
          },
          new DomainException(ErrorCode.Conflict, message),
        );
      }
      if (side === 'partner' && referral.consentWithdrawnAt)
        throw new DomainException(ErrorCode.Conflict, 'Consent was withdrawn; the referral can no longer change');
      if (dto.to === 'declined' && !dto.declineReason)
        throw new DomainException(ErrorCode.ValidationFailed, 'A decline needs a reason from the list', {
          problems: [{ field: 'declineReason', message: 'is required to decline' }],
        });
      if (dto.to === 'assigned') {
        if (!dto.assigneeId)
          throw new DomainException(ErrorCode.ValidationFailed, 'Assigning needs an assignee', {
            problems: [{ field: 'assigneeId', message: 'is required to assign' }],
          });
        const [assignee] = await usersByIds(tx, [dto.assigneeId]);
        const assignable =
          assignee?.orgId === auth.orgId &&
          assignee.status === UserStatus.Active &&
          assignee.roles.includes(Role.OutreachWorker);
        if (!assignee || !assignable) throw notFound('Outreach worker');
        referral.assignedTo = assignee.id;
      }
      // The agreement's share lock comes before any disclosure row, as in every other write path.
      const referralFlow =
        side === 'partner'
          ? await this.agreements.resolveFlows(tx, auth, {
              agreementId: referral.agreementId,
              category: 'referral',
              from: 'police',
              caller: 'recipient',
            })
          : null;
      // The agreement decides who receives referrals: assigning to a worker it does not reach would put the referral
      // where no one can read it.
      if (
        dto.to === 'assigned' &&
        !(referralFlow?.ok && referralFlow.flows[0]!.audience.includes(Role.OutreachWorker))
      ) {
        throw new DomainException(
          ErrorCode.Conflict,
          'This agreement does not share referrals with outreach workers; a referral can only be assigned once ' +
            'the agreement reaches them',
        );
      }
      const now = this.clock.now();
      const wasAssignedTo = referral.assignedTo;
      referral.status = dto.to;
      referral.declineReason = dto.to === 'declined' ? (dto.declineReason ?? null) : referral.declineReason;
      referral.statusChangedAt = now;
      await tx.save(referral);
      const entries: AuditEntryInput[] = [];
      if ((dto.to === 'accepted' || dto.to === 'declined') && referral.disclosureId) {
        // Accepting or declining is the organization's acknowledgement of the copy (it stops escalation).
        await this.inbox.acknowledgeForOrganization(tx, referral.disclosureId, auth.userId);
      }
      if (dto.to === 'assigned' && referral.disclosureId) {
        // In the assignee's inbox and live stream, with a content-free e-mail and a deadline of its own.
        entries.push(
          ...(await this.assignments.assign(tx, {
            disclosureId: referral.disclosureId,
            userId: referral.assignedTo!,
            assignedBy: auth.userId,
          })),
        );
      } else if (side === 'partner' && referral.disclosureId && wasAssignedTo === auth.userId) {
        // The assignee's own step on the referral is their acknowledgement of the assignment, if they had not given it
        // yet.
        const acknowledged = await this.assignments.acknowledge(tx, auth, referral.disclosureId);
        if (acknowledged.entry) entries.push(acknowledged.entry);
      }
      entries.unshift({
        ...this.entryBase(auth, referral.agreementId, referral.agreementVersion),
        action: 'referral.transition',
        subjectType: 'Referral',
        subjectId: referral.id,
        outcome: 'success',
        details: { from, to: dto.to, declineReason: dto.declineReason ?? null },
      });
      if (side === 'police' && dto.to === 'retracted')
        entries.push(await this.schedulePurge(tx, auth, referral, 'RETRACTED'));
      const statusBack = side === 'partner' ? await this.sendStatusBack(tx, auth, referral) : null;
      if (statusBack) entries.push(statusBack);
      const view =
        side === 'police'
          ? ((await this.policeView(tx, auth, referral)) as PoliceReferralView)
          : ((await this.partnerView(tx, auth, referral)) as PartnerReferralView);
      await this.audit.recordAll(tx, entries);
      return view;
    });
  }

  /** The person withdrew consent: nothing more is shared about them and the partner's copy is purged. */
  async withdrawConsent(auth: AuthContext, id: string): Promise<PoliceReferralView> {
    return inTransaction(this.dataSource, async (tx) => {
      const referral = await this.load(tx, auth, id, Action.Update, true);
      if (referral.senderOrgId !== auth.orgId) throw notFound('Referral');
      const entries: AuditEntryInput[] = [];
      if (!referral.consentWithdrawnAt) {
        referral.consentWithdrawnAt = this.clock.now();
        await tx.save(referral);
        // Out of the assigned worker's inbox at once, and no deadline left to escalate.
        if (referral.disclosureId) await this.assignments.end(tx, referral.disclosureId);
        entries.push({
          ...this.entryBase(auth, referral.agreementId, referral.agreementVersion),
          action: 'referral.consent.withdraw',
          subjectType: 'Referral',
          subjectId: referral.id,
          outcome: 'success',
        });
        entries.push(await this.schedulePurge(tx, auth, referral, 'CONSENT_WITHDRAWN'));
      }
      const view = (await this.policeView(tx, auth, referral)) as PoliceReferralView;
      await this.audit.recordAll(tx, entries);
      return view;
    });
  }

  async addNote(auth: AuthContext, id: string, body: string): Promise<{ id: string; createdAt: Date }> {
    return inTransaction(this.dataSource, async (tx) => {
      const referral = await this.load(tx, auth, id, Action.Update);
      if (referral.recipientOrgId !== auth.orgId) throw notFound('Referral');
      const noteId = randomUUID();
      const now = this.clock.now();
      await tx.save(
        tx.create(ReferralNote, {
          id: noteId,
          referralId: referral.id,
          orgId: auth.orgId,
          authorId: auth.userId,
          bodySealed: this.box.seal(body, noteContext(noteId)),
          keyId: this.box.keyId,
          createdAt: now,
        }),
      );
      // The audit names the note, never its content.
      await this.audit.record(tx, {
        ...this.entryBase(auth, referral.agreementId, referral.agreementVersion),
        action: 'referral.note.create',
        subjectType: 'Referral',
        subjectId: referral.id,
        outcome: 'success',
        details: { noteId },
      });
      return { id: noteId, createdAt: now };
    });
  }

  /**
   * The partner's case notes, decrypted, and a `referral.notes.read` entry naming them, appended last in the same
   * transaction.
   */
  async notes(
    auth: AuthContext,
    id: string,
  ): Promise<{ items: { id: string; authorId: string; body: string | null; createdAt: Date }[] }> {
    return inTransaction(this.dataSource, async (tx) => {
      const referral = await this.load(tx, auth, id, Action.Read);
      // Private to the partner: the police sender gets the same 404 as for anything it may not see.
      // Past retention the notes go with the referral, even while a legal hold keeps their text.
      if (referral.recipientOrgId !== auth.orgId || (await this.pastRetention(tx, referral)))
        throw notFound('Referral');
      const rows = await tx.find(ReferralNote, {
        where: { referralId: referral.id, orgId: auth.orgId },
        order: { createdAt: 'ASC' },
      });
      const items = rows.map((n) => ({
        id: n.id,
        authorId: n.authorId,
        body: n.purgedAt ? null : this.box.open(n.bodySealed, noteContext(n.id)),
        createdAt: n.createdAt,
      }));
      await this.audit.record(tx, {
        ...this.entryBase(auth, referral.agreementId, referral.agreementVersion),
        action: 'referral.notes.read',
        subjectType: 'Referral',
        subjectId: referral.id,
        outcome: 'allowed',
        details: { count: rows.length, noteIds: rows.map((n) => n.id).join(',') },
      });
      return { items };
    });
  }

  /** No re-sharing: no agreement lets a partner forward a referral, so every attempt is refused and audited. */
  async forward(auth: AuthContext, id: string, targetOrgId: string): Promise<never> {
    return inTransaction(this.dataSource, async (tx) => {
      const referral = await this.load(tx, auth, id, Action.Read);
      throw this.audit.refusal(
        {
          ...this.entryBase(auth, referral.agreementId, referral.agreementVersion),
          action: 'referral.forward',
          subjectType: 'Referral',
          subjectId: referral.id,
          outcome: 'denied',
          reason: 'NO_SECONDARY_DISSEMINATION_FLOW',
          details: { targetOrgId },
        },
        new DomainException(
          ErrorCode.Forbidden,
          'No agreement allows forwarding this referral to another organization',
        ),
      );
    });
  }

  // --- internals -----------------------------------------------------------------------------

  private isWorkerOnly(auth: AuthContext): boolean {
    return (
      auth.roles.includes(Role.OutreachWorker) &&
      !auth.roles.includes(Role.ProgramManager) &&
      !auth.roles.includes(Role.PoliceLiaison)
    );
  }

  /**
   * Loads through the caller's rules in SQL; an outreach worker only what is assigned to them.
   * Anything else is 404 — and, for a referral that exists, a denial kept on the record once the
   * request's transaction has rolled back (so call it inside `inTransaction`).
   */
  private async load(
    tx: EntityManager,
    auth: AuthContext,
    id: string,
    action: Action,
    lock = false,
  ): Promise<Referral> {
    const qb = tx.createQueryBuilder(Referral, 'r');
    qb.where('r.id = :id', { id }).andWhere(accessibleBy(auth.ability, action, 'Referral', qb));
    if (this.isWorkerOnly(auth)) qb.andWhere('r.assigned_to = :me', { me: auth.userId });
    if (lock) qb.setLock('pessimistic_write');
    const referral = await qb.getOne();
    if (!referral) {
      const exists = await tx.findOneBy(Referral, { id });
      if (exists) {
        throw this.audit.refusal(
          {
            ...this.entryBase(auth, exists.agreementId, exists.agreementVersion),
            action: `referral.${action}`,
            subjectType: 'Referral',
            subjectId: exists.id,
            outcome: 'denied',
            reason: 'NOT_IN_CALLER_SCOPE',
          },
          notFound('Referral'),
        );
      }
      throw notFound('Referral');
    }
    return referral;
  }

  private checkConsent(flow: Flow, dto: CreateReferralDto): void {
    const bases = (flow.conditions?.consentBases as string[] | undefined) ?? undefined;
    if (!dto.consent) {
      if (flow.consentRequired)
        throw new DomainException(
          ErrorCode.ValidationFailed,
          'This agreement requires the person’s consent to be recorded before a referral',
          { problems: [{ field: 'consent', message: 'is required by the referral flow' }] },
        );
      return;
    }
    if (bases && !bases.includes(dto.consent.basis)) {
      throw new DomainException(
        ErrorCode.ValidationFailed,
        `The agreement accepts consent on these bases only: ${bases.join(', ')}`,
        { problems: [{ field: 'consent.basis', message: `must be one of ${bases.join(', ')}` }] },
      );
    }
    const today = this.clock.now().toISOString().slice(0, 10);
    if (dto.consent.givenOn > today)
      throw new DomainException(ErrorCode.ValidationFailed, 'Consent cannot be given in the future', {
        problems: [{ field: 'consent.givenOn', message: 'is in the future' }],
      });
    if (dto.consent.expiresOn !== undefined && dto.consent.expiresOn < today)
      throw new DomainException(ErrorCode.ValidationFailed, 'The consent has expired', {
        problems: [{ field: 'consent.expiresOn', message: 'is in the past' }],
      });
  }

  private checkConditions(flow: Flow, dto: CreateReferralDto): void {
    const min = flow.conditions?.personAgeMin as number | undefined;
    const max = flow.conditions?.personAgeMax as number | undefined;
    const age = dto.person.age;
    if ((min !== undefined || max !== undefined) && age === undefined)
      throw new DomainException(
        ErrorCode.ValidationFailed,
        'This agreement refers people within an age range; give the person’s age',
        { problems: [{ field: 'person.age', message: 'is required by the referral flow' }] },
      );
    if (age !== undefined && ((min !== undefined && age < min) || (max !== undefined && age > max))) {
      throw new DomainException(
        ErrorCode.ValidationFailed,
        'The person’s age is outside the range this agreement covers',
        { problems: [{ field: 'person.age', message: 'is outside the agreed range' }] },
      );
    }
  }

  /** `reason: screened`: the reason may not carry further identifiers (phones, e-mails, addresses, case numbers). */
  private screenReason(reason: string): void {
    const findings = screenForIdentifiers(reason, { namesOnRecord: [], caseNumbers: [] });
    if (findings.length > 0)
      throw identifiersFound(
        'The reason holds identifiers; give contact details in their own field and remove the rest',
        [{ field: 'person.reason', findings }],
      );
  }

  private entryBase(auth: AuthContext, agreementId: string, agreementVersion: number) {
    return {
      stream: agreementStream(agreementId),
      ...auditCallerOf(auth),
      agreementId,
      agreementVersion,
    };
  }

  /**
   * Purges the partner's copy by a job (its own transaction, retried), audited there with the reason. Returns the entry
   * to record last.
   */
  private async schedulePurge(
    tx: EntityManager,
    auth: AuthContext,
    referral: Referral,
    reason: 'CONSENT_WITHDRAWN' | 'RETRACTED' | 'AGREEMENT_TERMINATED',
  ): Promise<AuditEntryInput> {
    await this.outbox.enqueue(tx, JobName.PurgeReferralCopy, { referralId: referral.id }, { jobId: `${referral.id}` });
    return {
      ...this.entryBase(auth, referral.agreementId, referral.agreementVersion),
      action: 'referral.copy.purge.schedule',
      subjectType: 'Referral',
      subjectId: referral.id,
      outcome: 'success',
      reason,
    };
  }

  /**
   * After a partner step: the coarse status goes back only under a `referral_status` flow of the
   * active version (one disclosure per referral, its payload updated as the class changes). Without
   * such a flow the attempt is refused and audited as denied. `version` was read under the
   * agreement's share lock by the caller; the audit entry (none when the class did not change) is
   * returned for the caller to record last.
   */
  private async sendStatusBack(
    tx: EntityManager,
    auth: AuthContext,
    referral: Referral,
  ): Promise<AuditEntryInput | null> {
    const resolution = await this.agreements.resolveFlows(tx, auth, {
      agreementId: referral.agreementId,
      category: 'referral_status',
      from: 'partner',
    });
    const base = {
      ...this.entryBase(auth, referral.agreementId, resolution.agreement?.version ?? referral.agreementVersion),
      subjectType: 'Referral',
      subjectId: referral.id,
    };
    if (!resolution.ok || referral.consentWithdrawnAt) {
      return {
        ...base,
        action: 'referral_status.share',
        outcome: 'denied',
        reason: referral.consentWithdrawnAt ? 'CONSENT_WITHDRAWN' : 'NO_STATUS_FLOW',
      };
    }
    const flow = resolution.flows[0]!;
    const version = resolution.agreement;
    const now = this.clock.now();
    const payload: Record<string, unknown> = { referralId: referral.id, status: coarseStatus(referral.status) };
    if (flow.fields.updatedAt) payload.updatedAt = now.toISOString().slice(0, 10);
    const existing = await this.disclosures.findBySource(
      tx,
      { sourceId: referral.id, agreementId: referral.agreementId, flowId: flow.id },
      { lock: true },
    );
    if (existing) {
      if (existing.payload && existing.payload.status === payload.status) return null;
      return this.disclosures.updatePayload(tx, auth, existing, version.version, payload, {
        status: payload.status as string,
      });
    }
    const { entry } = await this.disclosures.disclose(tx, auth, {
      agreementId: referral.agreementId,
      agreementVersion: version.version,
      flow,
      senderOrgId: referral.recipientOrgId,
      recipientOrgId: referral.senderOrgId,
      sourceType: 'referral',
      sourceId: referral.id,
      payload,
      fieldsReleased: Object.keys(payload),
      fieldsWithheld: ['assignedTo', 'notes', 'services', 'declineReason'],
      // The police are told, not asked to act: no deadline.
      asksAcknowledgement: false,
      details: { status: payload.status as string },
    });
    return entry;
  }

  private async policeView(tx: EntityManager, auth: AuthContext, r: Referral): Promise<PoliceReferralView> {
    // The status comes from the status disclosure addressed to the police (through their rules), never from the
    // partner's row.
    const status = await this.disclosures.visibleFromSource(tx, auth, r.id, 'referral_status');
    const payload = status?.payload as { status: CoarseStatus; updatedAt?: string } | undefined;
    // Past retention the police see the tombstone a purge leaves, also while a legal hold keeps the sealed fields.
    const expired = await this.pastRetention(tx, r);
    return {
      id: r.id,
      agreementId: r.agreementId,
      recipientOrgId: r.recipientOrgId,
      person: expired ? {} : openPerson(this.box, sealedOf(r), (f) => referralContext(r.id, f)),
      consent: {
        basis: r.consentBasis,
        givenOn: r.consentDate,
        expiresOn: r.consentExpiresOn,
        withdrawnAt: r.consentWithdrawnAt,
      },
      retracted: r.status === 'retracted',
      createdAt: r.createdAt,
      statusBack: payload ? { status: payload.status, updatedAt: payload.updatedAt ?? '' } : null,
    };
  }

  /** Is the referral past its agreed retention (its copy's `expires_at`), whether or not a legal hold has kept it? */
  private async pastRetention(tx: EntityManager, r: Referral): Promise<boolean> {
    if (r.purgedAt) return true;
    const copy = r.disclosureId ? await this.disclosures.get(tx, r.disclosureId) : null;
    return copy !== null && this.disclosures.isPastRetention(copy);
  }

  /** Null when the copy is gone (purged, withheld) or the referral was retracted: nothing left to read. */
  /**
   * On the receiving side: a program manager moves any referral, anyone else only those assigned to them (checked on
   * load).
   */
  private moverOf(auth: AuthContext): Mover {
    return auth.roles.includes(Role.ProgramManager) ? 'manager' : 'assignee';
  }

  private async partnerView(tx: EntityManager, auth: AuthContext, r: Referral): Promise<PartnerReferralView | null> {
    // Withdrawn consent hides the copy at once, whether or not its purge has run (a legal hold may delay it).
    if (!r.disclosureId || r.status === 'retracted' || r.consentWithdrawnAt) return null;
    const copy = await this.disclosures.get(tx, r.disclosureId);
    // Past retention the copy is gone from the partner's screen even when a legal hold keeps it in the table.
    if (!copy || !this.disclosures.isShown(copy)) return null;
    const payload = copy.payload as unknown as ReferralCopyPayload;
    const duplicates = r.personIndex
      ? await tx
          .createQueryBuilder(Referral, 'o')
          .where('o.recipient_org_id = :org AND o.person_index = :idx AND o.id <> :id', {
            org: r.recipientOrgId,
            idx: r.personIndex,
            id: r.id,
          })
          .andWhere(`o.status NOT IN ('retracted', 'declined')`)
          .getCount()
      : 0;
    return {
      id: r.id,
      agreementId: r.agreementId,
      senderOrgId: r.senderOrgId,
      person: openPerson(this.box, payload.sealed, (f) => copyContext(copy.id, f)),
      consentBasis: payload.consentBasis ?? null,
      status: r.status,
      declineReason: r.declineReason,
      assignedTo: r.assignedTo,
      receivedAt: copy.createdAt,
      possibleDuplicate: duplicates > 0,
      nextSteps: nextStepsFrom(r.status, this.moverOf(auth)),
    };
  }
}
