import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import { DataSource, type EntityManager, In, IsNull, Not } from 'typeorm';
import { agreementStream, type AuditEntryInput, AuditService, AuditSigningKey, auditCallerOf } from '@accord/audit';
import { assertInTransaction, inTransaction } from '@accord/database';
import { DomainException, ErrorCode, notFound } from '@accord/http';
import {
  assertRecentAuthentication,
  Clock,
  organizationKind,
  organizationNames,
  UserStatus,
  usersByIds,
} from '@accord/identity';
import {
  accessibleBy,
  Action,
  type AgreementGrant,
  type AuthContext,
  diffSharingParameters,
  directionOf,
  type Flow,
  loadAgreementTemplates,
  OrgKind,
  type ParameterChange,
  Role,
  type SharingParameters,
  validateSharingParameters,
} from '@accord/policy';
import { Agreement } from './agreement.entity';
import { AgreementApproval } from './agreement-approval.entity';
import { AgreementVersion, VersionStatus } from './agreement-version.entity';
import type { CreateAgreementDto, UpdateDraftDto } from './agreement.dto';
import { approvalOutcome, isValidPair } from './approval';
import { type FlowQuery, type FlowResolution, matchFlows, type ResolvedFlows } from './flow-resolution';

/** The right a share needs besides a flow: `action` on the subject it creates (a Disclosure, a Referral). */
export interface FlowPermission {
  action: Action;
  subjectType: 'Disclosure' | 'Referral';
}

function grantOf(agreement: Agreement, version: AgreementVersion): AgreementGrant {
  return {
    agreementId: agreement.id,
    version: version.version,
    policeOrgId: agreement.policeOrgId,
    partnerOrgId: agreement.partnerOrgId,
    flows: version.sharingParameters.flows,
  };
}

const OPEN_STATUSES = [VersionStatus.Draft, VersionStatus.Proposed];

export interface AgreementView {
  id: string;
  title: string;
  policeOrgId: string;
  /** The parties' names: each party signed with the other, so each may read both (identity's directory). */
  policeOrgName: string;
  partnerOrgId: string;
  partnerOrgName: string;
  terminatedAt: Date | null;
  /**
   * The audit key boards verify with: compare its fingerprint with GET /agreements/:id/audit/public-key and with a
   * bundle's key.
   */
  auditKey: { keyId: string; fingerprint: string };
  versions: VersionView[];
}

export interface VersionView {
  id: string;
  version: number;
  status: VersionStatus;
  direction: 'one_way' | 'two_way';
  sharingParameters: SharingParameters;
  boardMemberIds: string[];
  effectiveUntil: Date | null;
  proposedAt: Date | null;
  activatedAt: Date | null;
  endedAt: Date | null;
  endReason: string | null;
  approvals: { orgId: string; approvedAt: Date }[];
}

/**
 * Partnership agreements and their versions (docs/agreements.md): draft → proposed → active only after
 * an org admin of each party approves (distinct people, freshly re-authenticated); either party
 * suspends or terminates alone, at once; an amendment is a new version and the old one stays in
 * force until the new one is fully approved. Every step writes one entry in the agreement's audit
 * stream in the same transaction. Another organization's agreement answers 404.
 */
@Injectable()
export class AgreementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly signingKey: AuditSigningKey,
  ) {}

  async create(auth: AuthContext, dto: CreateAgreementDto): Promise<AgreementView> {
    return inTransaction(this.dataSource, async (tx) => {
      const counterpartKind = await organizationKind(tx, dto.counterpartOrgId);
      if (!counterpartKind)
        throw new DomainException(ErrorCode.AgreementPartyInvalid, 'The other party is not an organization on Accord');
      const ownIsPolice = auth.orgKind === OrgKind.Police;
      if (!isValidPair(auth.orgKind, counterpartKind))
        throw new DomainException(
          ErrorCode.AgreementPartyInvalid,
          'An agreement is between one police organization and one partner organization',
        );
      const policeOrgId = ownIsPolice ? auth.orgId : dto.counterpartOrgId;
      const partnerOrgId = ownIsPolice ? dto.counterpartOrgId : auth.orgId;
      const partyOrgIds = [policeOrgId, partnerOrgId];
      this.require(auth, Action.Create, 'AgreementVersion', { partyOrgIds });

      let parameters: unknown = dto.sharingParameters ?? { flows: [] };
      if (dto.templateKey !== undefined) {
        const template = loadAgreementTemplates().find((t) => t.key === dto.templateKey);
        if (!template)
          throw new DomainException(ErrorCode.ValidationFailed, 'No such agreement template', {
            fields: [{ path: 'templateKey', problems: ['is not a known template'] }],
          });
        parameters = template.sharingParameters;
      }
      const agreement = await tx.save(
        tx.create(Agreement, {
          policeOrgId,
          partnerOrgId,
          partyOrgIds,
          title: dto.title,
          createdBy: auth.userId,
          terminatedAt: null,
        }),
      );
      const version = await tx.save(
        tx.create(AgreementVersion, {
          agreementId: agreement.id,
          version: 1,
          status: VersionStatus.Draft,
          partyOrgIds,
          sharingParameters: parameters as SharingParameters,
          boardMemberIds: dto.boardMemberIds ?? [],
          effectiveUntil: dto.effectiveUntil ? new Date(dto.effectiveUntil) : null,
          createdBy: auth.userId,
        }),
      );
      const view = await this.view(tx, agreement);
      await this.record(tx, auth, agreement.id, version, 'agreement.create', {
        details: { template: dto.templateKey ?? null },
      });
      return view;
    });
  }

  async get(auth: AuthContext, agreementId: string): Promise<AgreementView> {
    return this.view(
      this.dataSource.manager,
      await this.loadForParty(this.dataSource.manager, auth, agreementId, Action.Read),
    );
  }

  async list(auth: AuthContext): Promise<AgreementView[]> {
    const qb = this.dataSource.manager.createQueryBuilder(Agreement, 'a');
    const agreements = await qb
      .where(accessibleBy(auth.ability, Action.List, 'Agreement', qb))
      .orderBy('a.created_at', 'DESC')
      .getMany();
    return Promise.all(agreements.map((a) => this.view(this.dataSource.manager, a)));
  }

  async updateDraft(auth: AuthContext, versionId: string, dto: UpdateDraftDto): Promise<VersionView> {
    return inTransaction(this.dataSource, async (tx) => {
      const version = await this.lockVersion(tx, auth, versionId, Action.Update);
      if (version.status !== VersionStatus.Draft)
        throw new DomainException(ErrorCode.AgreementState, 'Only a draft can be edited; propose an amendment instead');
      if (dto.sharingParameters !== undefined)
        version.sharingParameters = dto.sharingParameters as unknown as SharingParameters;
      if (dto.boardMemberIds !== undefined) version.boardMemberIds = dto.boardMemberIds;
      if (dto.effectiveUntil !== undefined) version.effectiveUntil = new Date(dto.effectiveUntil);
      await tx.save(version);
      const view = await this.versionView(tx, version);
      await this.record(tx, auth, version.agreementId, version, 'agreement.version.update');
      return view;
    });
  }

  /** Validates the sharing parameters and the board, then opens the version for both parties' approval. */
  async propose(auth: AuthContext, versionId: string): Promise<VersionView> {
    return inTransaction(this.dataSource, async (tx) => {
      const version = await this.lockVersion(tx, auth, versionId, Action.Update);
      if (version.status !== VersionStatus.Draft)
        throw new DomainException(ErrorCode.AgreementState, 'Only a draft can be proposed');
      const validation = validateSharingParameters(version.sharingParameters);
      if (!validation.valid) {
        throw new DomainException(ErrorCode.SharingParametersInvalid, 'The sharing parameters are not valid', {
          problems: validation.problems,
        });
      }
      await this.assertBoard(tx, version);
      version.status = VersionStatus.Proposed;
      version.proposedBy = auth.userId;
      version.proposedAt = this.clock.now();
      await tx.save(version);
      const view = await this.versionView(tx, version);
      await this.record(tx, auth, version.agreementId, version, 'agreement.version.propose');
      return view;
    });
  }

  /**
   * One party's approval. The version becomes active only when both parties have approved; the
   * previously active version is superseded in the same transaction, under the agreement's row
   * lock, so a share racing the activation sees either the old or the new version, never both.
   */
  async approve(auth: AuthContext, versionId: string): Promise<VersionView> {
    assertRecentAuthentication(auth, this.clock.now());
    return inTransaction(this.dataSource, async (tx) => {
      const version = await this.lockVersion(tx, auth, versionId, Action.Approve);
      if (version.status !== VersionStatus.Proposed)
        throw new DomainException(ErrorCode.AgreementState, 'Only a proposed version can be approved');
      const existing = await tx.findBy(AgreementApproval, { versionId: version.id });
      const outcome = approvalOutcome(version.partyOrgIds, existing, { orgId: auth.orgId, userId: auth.userId });
      if (outcome.refused === 'organization_already_approved')
        throw new DomainException(ErrorCode.AlreadyApproved, 'Your organization has already approved this version');
      if (outcome.refused === 'person_already_approved')
        throw new DomainException(ErrorCode.AlreadyApproved, 'You have already approved this version');
      const now = this.clock.now();
      await tx.save(
        tx.create(AgreementApproval, {
          versionId: version.id,
          orgId: auth.orgId,
          userId: auth.userId,
          approvedAt: now,
        }),
      );
      const entries = [this.entry(auth, version.agreementId, version, 'agreement.version.approve')];
      if (outcome.activates) {
        const previous = await tx.findOneBy(AgreementVersion, {
          agreementId: version.agreementId,
          status: VersionStatus.Active,
        });
        if (previous) {
          Object.assign(previous, {
            status: VersionStatus.Superseded,
            endedAt: now,
            endedBy: auth.userId,
            endReason: 'superseded',
          });
          await tx.save(previous);
          entries.push(this.entry(auth, previous.agreementId, previous, 'agreement.version.supersede'));
        }
        Object.assign(version, { status: VersionStatus.Active, activatedAt: now });
        await tx.save(version);
        entries.push(this.entry(auth, version.agreementId, version, 'agreement.version.activate'));
      }
      const view = await this.versionView(tx, version);
      await this.audit.recordAll(tx, entries);
      return view;
    });
  }

  /** Either party alone, effective at once: suspension stops the active version; termination ends the agreement. */
  async end(auth: AuthContext, agreementId: string, action: 'suspend' | 'terminate'): Promise<AgreementView> {
    return inTransaction(this.dataSource, async (tx) => {
      const agreement = await this.loadForParty(tx, auth, agreementId, Action.Approve, true);
      if (agreement.terminatedAt)
        throw new DomainException(ErrorCode.AgreementState, 'The agreement is already terminated');
      const now = this.clock.now();
      const affected =
        action === 'suspend'
          ? await tx.findBy(AgreementVersion, { agreementId, status: VersionStatus.Active })
          : await tx.findBy(AgreementVersion, {
              agreementId,
              status: In([VersionStatus.Active, VersionStatus.Proposed, VersionStatus.Draft]),
            });
      if (action === 'suspend' && affected.length === 0)
        throw new DomainException(ErrorCode.AgreementState, 'There is no active version to suspend');
      const status = action === 'suspend' ? VersionStatus.Suspended : VersionStatus.Terminated;
      const entries: AuditEntryInput[] = [];
      for (const version of affected) {
        Object.assign(version, { status, endedAt: now, endedBy: auth.userId, endReason: status });
        await tx.save(version);
        entries.push(this.entry(auth, agreementId, version, `agreement.version.${action}`));
      }
      if (action === 'terminate') {
        agreement.terminatedAt = now;
        await tx.save(agreement);
        entries.push(this.entry(auth, agreementId, null, 'agreement.terminate'));
      }
      const view = await this.view(tx, agreement);
      await this.audit.recordAll(tx, entries);
      return view;
    });
  }

  /** A new draft version starting from the one in force; the old one stays active until the new one is approved. */
  async amend(auth: AuthContext, agreementId: string): Promise<VersionView> {
    return inTransaction(this.dataSource, async (tx) => {
      const agreement = await this.loadForParty(tx, auth, agreementId, Action.Read, true);
      this.require(auth, Action.Create, 'AgreementVersion', { partyOrgIds: agreement.partyOrgIds });
      if (agreement.terminatedAt)
        throw new DomainException(ErrorCode.AgreementState, 'A terminated agreement cannot be amended');
      const versions = await tx.find(AgreementVersion, { where: { agreementId }, order: { version: 'DESC' } });
      if (versions.some((v) => OPEN_STATUSES.includes(v.status)))
        throw new DomainException(ErrorCode.AgreementState, 'A draft or proposal is already open for this agreement');
      const base = versions.find((v) => v.status === VersionStatus.Active) ?? versions[0]!;
      const version = await tx.save(
        tx.create(AgreementVersion, {
          agreementId,
          version: versions[0]!.version + 1,
          status: VersionStatus.Draft,
          partyOrgIds: agreement.partyOrgIds,
          sharingParameters: base.sharingParameters,
          boardMemberIds: base.boardMemberIds,
          effectiveUntil: base.effectiveUntil,
          createdBy: auth.userId,
        }),
      );
      const view = await this.versionView(tx, version);
      await this.record(tx, auth, agreementId, version, 'agreement.version.create', {
        details: { basedOn: base.version },
      });
      return view;
    });
  }

  async diff(auth: AuthContext, agreementId: string, from: number, to: number): Promise<ParameterChange[]> {
    await this.loadForParty(this.dataSource.manager, auth, agreementId, Action.Read);
    const versions = await this.dataSource.manager.findBy(AgreementVersion, { agreementId, version: In([from, to]) });
    const before = versions.find((v) => v.version === from);
    const after = versions.find((v) => v.version === to);
    if (!before || !after) throw notFound('Agreement version');
    return diffSharingParameters(before.sharingParameters, after.sharingParameters);
  }

  /**
   * Ends every active version whose agreed end date has passed. Run by the scheduled expiry job;
   * grants already ignore such versions (see activeGrantsForOrg), so this only makes it visible.
   */
  async expireDue(): Promise<number> {
    return inTransaction(this.dataSource, async (tx) => {
      const now = this.clock.now();
      const due = await tx
        .createQueryBuilder(AgreementVersion, 'v')
        .setLock('pessimistic_write')
        .where('v.status = :active AND v.effective_until IS NOT NULL AND v.effective_until <= :now', {
          active: VersionStatus.Active,
          now,
        })
        .getMany();
      for (const version of due) {
        Object.assign(version, { status: VersionStatus.Expired, endedAt: now, endedBy: null, endReason: 'expired' });
        await tx.save(version);
      }
      // Several agreements' streams: recordAll takes them in one global order, after every write.
      await this.audit.recordAll(
        tx,
        due.map((version) => ({
          stream: agreementStream(version.agreementId),
          actor: { userId: null, orgId: null, roles: [] },
          action: 'agreement.version.expire',
          subjectType: 'AgreementVersion',
          subjectId: version.id,
          agreementId: version.agreementId,
          agreementVersion: version.version,
          outcome: 'success' as const,
        })),
      );
      return due.length;
    });
  }

  /**
   * The active, unexpired versions an organization is party to: what its users' abilities are
   * compiled from on every request. Cheap (indexed) so a state change is seen on the next request.
   */
  async activeGrantsForOrg(orgId: string, tx: EntityManager = this.dataSource.manager): Promise<AgreementGrant[]> {
    const rows = await tx
      .createQueryBuilder(AgreementVersion, 'v')
      .innerJoin(Agreement, 'a', 'a.id = v.agreement_id')
      .select([
        'v.agreement_id AS agreement_id',
        'v.version AS version',
        'v.sharing_parameters AS sharing_parameters',
        'a.police_org_id AS police_org_id',
        'a.partner_org_id AS partner_org_id',
      ])
      .where('v.status = :active', { active: VersionStatus.Active })
      .andWhere('v.party_org_ids @> ARRAY[:orgId]::uuid[]', { orgId })
      .andWhere('(v.effective_until IS NULL OR v.effective_until > :now)', { now: this.clock.now() })
      .getRawMany<{
        agreement_id: string;
        version: number;
        sharing_parameters: SharingParameters;
        police_org_id: string;
        partner_org_id: string;
      }>();
    return rows.map((r) => ({
      agreementId: r.agreement_id,
      version: r.version,
      policeOrgId: r.police_org_id,
      partnerOrgId: r.partner_org_id,
      flows: r.sharing_parameters.flows,
    }));
  }

  /**
   * The version in force for an agreement, for a share (docs/agreements.md). Takes a share lock on the
   * agreement row, which activation, suspension and termination lock for update: a share racing
   * an amendment applies wholly the old version or wholly the new one, and the audit names it.
   */
  async versionInForce(tx: EntityManager, agreementId: string): Promise<AgreementGrant | null> {
    assertInTransaction(tx, 'AgreementsService.versionInForce');
    const agreement = await tx
      .createQueryBuilder(Agreement, 'a')
      .setLock('pessimistic_read')
      .where('a.id = :agreementId', { agreementId })
      .getOne();
    if (!agreement || agreement.terminatedAt) return null;
    const version = await tx
      .createQueryBuilder(AgreementVersion, 'v')
      .where('v.agreement_id = :agreementId AND v.status = :active', { agreementId, active: VersionStatus.Active })
      .andWhere('(v.effective_until IS NULL OR v.effective_until > :now)', { now: this.clock.now() })
      .getOne();
    return version ? grantOf(agreement, version) : null;
  }

  /**
   * The one flow resolution every share goes through: for the caller, one agreement, the version
   * in force (under the agreement's share lock, see versionInForce), the partner and the flows of
   * `query` — or why none applies. With `permission`, the caller must also be allowed that action
   * on the subject the share creates (`ROLE_NOT_IN_FLOW` otherwise).
   */
  async resolveFlows(
    tx: EntityManager,
    auth: AuthContext,
    query: FlowQuery & { agreementId: string; permission?: FlowPermission },
  ): Promise<FlowResolution> {
    return this.resolveUnder(await this.versionInForce(tx, query.agreementId), auth, query);
  }

  /** The resolution under a version in force read (and share-locked) by the caller; null: none in force. */
  private resolveUnder(
    grant: AgreementGrant | null,
    auth: AuthContext,
    query: FlowQuery & { permission?: FlowPermission },
  ): FlowResolution {
    const resolution = matchFlows(grant, auth.orgId, query);
    if (!resolution.ok || !query.permission) return resolution;
    const allowed = auth.ability.can(
      query.permission.action,
      subject(query.permission.subjectType, {
        senderOrgId: resolution.senderOrgId,
        recipientOrgId: resolution.recipientOrgId,
        agreementId: resolution.agreement.agreementId,
        category: query.category,
      }) as never,
    );
    return allowed ? resolution : { ok: false, reason: 'ROLE_NOT_IN_FLOW', agreement: resolution.agreement };
  }

  /**
   * resolveFlows over every agreement the caller's organization is party to, in agreement order
   * (the order every transaction takes agreement locks in); only those where flows apply.
   */
  async resolveFlowsForAll(
    tx: EntityManager,
    auth: AuthContext,
    query: FlowQuery & { permission?: FlowPermission },
  ): Promise<ResolvedFlows[]> {
    assertInTransaction(tx, 'AgreementsService.resolveFlowsForAll');
    const now = this.clock.now();
    // versionInForce for all of them in two statements, not two per agreement (issue 17: statements on a share's
    // path): the agreements with a version in force naming the organization, share-locked in id order, then —
    // read after the locks, so an activation or suspension that committed meanwhile is seen — their versions.
    const agreements = await tx
      .createQueryBuilder(Agreement, 'a')
      .setLock('pessimistic_read')
      .where(
        `a.id IN (SELECT v.agreement_id FROM agreement_versions v WHERE v.status = :active
           AND v.party_org_ids @> ARRAY[:orgId]::uuid[] AND (v.effective_until IS NULL OR v.effective_until > :now))`,
        { active: VersionStatus.Active, orgId: auth.orgId, now },
      )
      .andWhere('a.terminated_at IS NULL')
      .orderBy('a.id', 'ASC')
      .getMany();
    if (agreements.length === 0) return [];
    const versions = await tx
      .createQueryBuilder(AgreementVersion, 'v')
      .where('v.agreement_id IN (:...ids) AND v.status = :active', {
        ids: agreements.map((a) => a.id),
        active: VersionStatus.Active,
      })
      .andWhere('(v.effective_until IS NULL OR v.effective_until > :now)', { now })
      .getMany();
    const inForce = new Map(versions.map((v) => [v.agreementId, v]));
    const resolved: ResolvedFlows[] = [];
    for (const agreement of agreements) {
      const version = inForce.get(agreement.id);
      const resolution = this.resolveUnder(version ? grantOf(agreement, version) : null, auth, query);
      if (resolution.ok) resolved.push(resolution);
    }
    return resolved;
  }

  /**
   * For delivery: whether the version a disclosure was made under is still in force (or a later
   * one is), and that version's flow — from the version in force when it is the same one, so it
   * is read once. Under the agreement's share lock.
   */
  async flowForDelivery(
    tx: EntityManager,
    agreementId: string,
    version: number,
    flowId: string,
  ): Promise<{ inForce: false } | { inForce: true; flow: Flow | null }> {
    const current = await this.versionInForce(tx, agreementId);
    if (!current || current.version < version) return { inForce: false };
    if (current.version === version) return { inForce: true, flow: current.flows.find((f) => f.id === flowId) ?? null };
    return { inForce: true, flow: await this.flowOfVersion(tx, agreementId, version, flowId) };
  }

  /** A flow of a given version, whatever its status now (the terms a disclosure was made under). */
  async flowOfVersion(tx: EntityManager, agreementId: string, version: number, flowId: string): Promise<Flow | null> {
    const row = await tx.findOne(AgreementVersion, {
      where: { agreementId, version },
      select: { id: true, sharingParameters: true },
    });
    return row?.sharingParameters.flows.find((f) => f.id === flowId) ?? null;
  }

  /**
   * The id of an agreement between these two organizations (with `notTerminated`, one not terminated), if any: what the
   * demo seeders look for.
   */
  async agreementBetween(
    policeOrgId: string,
    partnerOrgId: string,
    options: { notTerminated?: boolean } = {},
  ): Promise<string | null> {
    const found = await this.dataSource.manager.findOne(Agreement, {
      where: { policeOrgId, partnerOrgId, ...(options.notTerminated ? { terminatedAt: IsNull() } : {}) },
      select: { id: true },
    });
    return found?.id ?? null;
  }

  /** The terminated agreements among these (what may no longer hold shared copies). */
  async terminatedAmong(tx: EntityManager, agreementIds: string[]): Promise<string[]> {
    if (agreementIds.length === 0) return [];
    const rows = await tx.find(Agreement, {
      where: { id: In(agreementIds), terminatedAt: Not(IsNull()) },
      select: { id: true },
    });
    return rows.map((a) => a.id);
  }

  /** The two parties of an agreement (none when there is no such agreement): whom its audit checkpoints are sent to. */
  async partiesOf(agreementId: string): Promise<string[]> {
    return (await this.dataSource.manager.findOneBy(Agreement, { id: agreementId }))?.partyOrgIds ?? [];
  }

  private require(
    auth: AuthContext,
    action: Action,
    type: 'Agreement' | 'AgreementVersion',
    fields: Record<string, unknown>,
  ): void {
    if (!auth.ability.can(action, subject(type, { ...fields }) as never)) {
      throw new DomainException(ErrorCode.Forbidden, 'Your role does not allow this');
    }
  }

  /**
   * Loads an agreement the caller is party to and may act on with `action`; anything else is
   * "not found" (existence is private). `lock` takes the row lock every state change takes.
   */
  async loadForParty(
    tx: EntityManager,
    auth: AuthContext,
    agreementId: string,
    action: Action,
    lock = false,
  ): Promise<Agreement> {
    const qb = tx.createQueryBuilder(Agreement, 'a').where('a.id = :agreementId', { agreementId });
    if (lock) qb.setLock('pessimistic_write');
    const agreement = await qb.getOne();
    if (!agreement || !agreement.partyOrgIds.includes(auth.orgId)) throw notFound('Agreement');
    this.require(auth, action, 'Agreement', { ...agreement });
    return agreement;
  }

  private async lockVersion(
    tx: EntityManager,
    auth: AuthContext,
    versionId: string,
    action: Action,
  ): Promise<AgreementVersion> {
    const probe = await tx.findOneBy(AgreementVersion, { id: versionId });
    if (!probe || !probe.partyOrgIds.includes(auth.orgId)) throw notFound('Agreement version');
    // The agreement row lock serializes every state change of its versions (and shares read under it).
    await this.loadForParty(
      tx,
      auth,
      probe.agreementId,
      action === Action.Approve ? Action.Approve : Action.Read,
      true,
    );
    if (action !== Action.Approve) this.require(auth, action, 'AgreementVersion', { partyOrgIds: probe.partyOrgIds });
    return (await tx.findOneBy(AgreementVersion, { id: versionId }))!;
  }

  /** Board members named in a version are active board members of one of the two parties. */
  private async assertBoard(tx: EntityManager, version: AgreementVersion): Promise<void> {
    if (version.boardMemberIds.length === 0) return;
    const members = await usersByIds(tx, version.boardMemberIds);
    const ok = version.boardMemberIds.every((id) => {
      const member = members.find((m) => m.id === id);
      return (
        member &&
        version.partyOrgIds.includes(member.orgId) &&
        member.roles.includes(Role.BoardMember) &&
        member.status !== UserStatus.Disabled
      );
    });
    if (!ok)
      throw new DomainException(
        ErrorCode.AgreementPartyInvalid,
        'Every board member must be a board member of one of the two parties',
      );
  }

  private record(
    tx: EntityManager,
    auth: AuthContext,
    agreementId: string,
    version: AgreementVersion | null,
    action: string,
    extra: Partial<AuditEntryInput> = {},
  ) {
    return this.audit.record(tx, this.entry(auth, agreementId, version, action, extra));
  }

  private entry(
    auth: AuthContext,
    agreementId: string,
    version: AgreementVersion | null,
    action: string,
    extra: Partial<AuditEntryInput> = {},
  ): AuditEntryInput {
    return {
      stream: agreementStream(agreementId),
      ...auditCallerOf(auth),
      action,
      subjectType: version ? 'AgreementVersion' : 'Agreement',
      subjectId: version?.id ?? agreementId,
      agreementId,
      agreementVersion: version?.version ?? null,
      outcome: 'success',
      ...extra,
    };
  }

  private async view(tx: EntityManager, agreement: Agreement): Promise<AgreementView> {
    const versions = await tx.find(AgreementVersion, {
      where: { agreementId: agreement.id },
      order: { version: 'ASC' },
    });
    const names = await organizationNames(tx, [agreement.policeOrgId, agreement.partnerOrgId]);
    return {
      id: agreement.id,
      title: agreement.title,
      policeOrgId: agreement.policeOrgId,
      policeOrgName: names.get(agreement.policeOrgId) ?? '',
      partnerOrgId: agreement.partnerOrgId,
      partnerOrgName: names.get(agreement.partnerOrgId) ?? '',
      terminatedAt: agreement.terminatedAt,
      auditKey: { keyId: this.signingKey.keyId, fingerprint: this.signingKey.fingerprint },
      versions: await Promise.all(versions.map((v) => this.versionView(tx, v))),
    };
  }

  private async versionView(tx: EntityManager, version: AgreementVersion): Promise<VersionView> {
    const approvals = await tx.findBy(AgreementApproval, { versionId: version.id });
    return {
      id: version.id,
      version: version.version,
      status: version.status,
      direction: directionOf({
        flows: Array.isArray(version.sharingParameters?.flows) ? version.sharingParameters.flows : [],
      }),
      sharingParameters: version.sharingParameters,
      boardMemberIds: version.boardMemberIds,
      effectiveUntil: version.effectiveUntil,
      proposedAt: version.proposedAt,
      activatedAt: version.activatedAt,
      endedAt: version.endedAt,
      endReason: version.endReason,
      // Which organization approved and when — not who: approvals name organizations to the other party.
      approvals: approvals.map((a) => ({ orgId: a.orgId, approvedAt: a.approvedAt })),
    };
  }
}
