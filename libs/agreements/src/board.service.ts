import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  agreementStream,
  type AuditBundle,
  AuditCheckpointService,
  AuditService,
  AuditSigningKey,
  type BundleAudience,
  buildAuditBundle,
  auditCallerOf,
} from '@accord/audit';
import { inTransaction } from '@accord/database';
import { DomainException, ErrorCode, notFound } from '@accord/http';
import { Action, type AuthContext, type Flow, Role } from '@accord/policy';
import { Agreement } from './agreement.entity';
import { AgreementVersion, VersionStatus } from './agreement-version.entity';
import { AgreementsService } from './agreements.service';
import { type PartySide, referralStepsReleased, releasedDetails } from './audit-release';
import type { AuditSearchDto } from './board.dto';

/** The partnership's audit key as published to its board and admins. */
export interface PartnershipAuditKey {
  algorithm: 'Ed25519';
  keyId: string;
  fingerprint: string;
  pem: string;
}

/** What a board member sees of an audit entry: organizations, roles, actions, versions, field names. */
export interface BoardAuditEntry {
  seq: number;
  occurredAt: Date;
  actorOrgId: string | null;
  actorRoles: string[];
  action: string;
  subjectType: string;
  subjectId: string | null;
  agreementVersion: number | null;
  outcome: string;
  reason: string | null;
  fieldsReleased: string[];
  fieldsWithheld: string[];
}

/**
 * The partnership board's window on its agreement (and only its agreement): the audit trail of the
 * agreement's stream, searchable, and the offline verification bundle. Board members are the users
 * named by the version in force (see assertBoardMember); anyone else gets 404. Entries shown carry no
 * personal data or disclosed values (no user ids, no source addresses). Every search and export is
 * itself an audit entry.
 */
@Injectable()
export class BoardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly signingKey: AuditSigningKey,
    private readonly checkpoints: AuditCheckpointService,
    private readonly agreements: AgreementsService,
  ) {}

  async searchAudit(
    auth: AuthContext,
    agreementId: string,
    query: AuditSearchDto,
  ): Promise<{ entries: BoardAuditEntry[]; nextCursor: number | null }> {
    await this.assertBoardMember(auth, agreementId);
    const limit = query.limit ?? 100;
    const descending = query.sort === '-seq';
    const where: string[] = ['stream = $1'];
    const params: unknown[] = [agreementStream(agreementId)];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.from) add('occurred_at >= ?', new Date(query.from));
    if (query.to) add('occurred_at < ?', new Date(query.to));
    if (query.action) add('action = ?', query.action);
    if (query.outcome) add('outcome = ?', query.outcome);
    if (query.actorOrgId) add('actor_org_id = ?', query.actorOrgId);
    if (query.subjectType) add('subject_type = ?', query.subjectType);
    if (query.subjectId) add('subject_id = ?', query.subjectId);
    if (query.cursor !== undefined) add(descending ? 'seq < ?' : 'seq > ?', query.cursor);
    params.push(limit + 1);
    return inTransaction(this.dataSource, async (tx) => {
      const columns = `seq, occurred_at, actor_org_id, actor_roles, action, subject_type, subject_id, agreement_version,
          outcome, reason, fields_released, fields_withheld`;
      const order = `ORDER BY seq ${descending ? 'DESC' : 'ASC'} LIMIT $${params.length}`;
      // Without a period, walking the stream in seq order stops after a page. With one, that walk starts at the
      // stream's first entry and reads everything before the period (issue 17: 500 ms for the last week of a million
      // entries); so the period's entries are found first, by time, and only they are sorted: the cost follows the
      // period's size, not the stream's.
      const sql =
        query.from || query.to
          ? `WITH matching AS MATERIALIZED (SELECT ${columns} FROM audit_entries WHERE ${where.join(' AND ')})
             SELECT * FROM matching ${order}`
          : `SELECT ${columns} FROM audit_entries WHERE ${where.join(' AND ')} ${order}`;
      const rows = await tx.query<Record<string, unknown>[]>(sql, params);
      const page = rows.slice(0, limit).map((r) => ({
        seq: Number(r.seq),
        occurredAt: r.occurred_at as Date,
        actorOrgId: (r.actor_org_id as string | null) ?? null,
        actorRoles: (r.actor_roles as string[]) ?? [],
        action: r.action as string,
        subjectType: r.subject_type as string,
        subjectId: (r.subject_id as string | null) ?? null,
        agreementVersion: (r.agreement_version as number | null) ?? null,
        outcome: r.outcome as string,
        reason: (r.reason as string | null) ?? null,
        fieldsReleased: (r.fields_released as string[]) ?? [],
        fieldsWithheld: (r.fields_withheld as string[]) ?? [],
      }));
      await this.record(tx, auth, agreementId, 'audit.search', { results: page.length, filtered: where.length > 1 });
      return { entries: page, nextCursor: rows.length > limit ? page[page.length - 1]!.seq : null };
    });
  }

  /**
   * The agreement's chain for the caller's party, its signed checkpoints and the public key, for
   * `npm run audit:verify -- --bundle` (docs/audit.md, "Bundles per party"). The export is recorded
   * first, and the head is then signed, so the bundle a board member holds includes its own export
   * and ends on a checkpoint; entries appended meanwhile wait for the next bundle.
   */
  async exportBundle(auth: AuthContext, agreementId: string): Promise<AuditBundle> {
    await this.assertBoardMember(auth, agreementId);
    await inTransaction(this.dataSource, (tx) => this.record(tx, auth, agreementId, 'audit.export', {}));
    const stream = agreementStream(agreementId);
    // A chain that no longer verifies is not signed: the bundle then ends unsigned, and verifying it names the first
    // bad entry.
    const signed = await this.checkpoints.signHead(stream);
    const untilSeq = 'checkpoint' in signed ? signed.checkpoint.seq : undefined;
    return buildAuditBundle((sql, params) => this.dataSource.query(sql, params), stream, [this.signingKey.publicKey], {
      audience: await this.audienceFor(auth.orgId, agreementId),
      untilSeq,
    });
  }

  /**
   * The audit key verifiers should trust instead of the one inside a bundle. Party members only
   * (anyone else: 404); of them the board of the version in force and the org admins, who publish
   * it to their own boards (anyone else of the parties: 403, they know the agreement exists).
   */
  async publicKey(auth: AuthContext, agreementId: string): Promise<PartnershipAuditKey> {
    await this.agreements.loadForParty(this.dataSource.manager, auth, agreementId, Action.Read);
    const board =
      auth.roles.includes(Role.BoardMember) && (await this.boardOfVersionInForce(agreementId)).includes(auth.userId);
    if (!board && !auth.roles.includes(Role.OrgAdmin))
      throw new DomainException(
        ErrorCode.Forbidden,
        'The audit key is published to the board and the org admins of the parties',
      );
    return {
      algorithm: 'Ed25519',
      keyId: this.signingKey.keyId,
      fingerprint: this.signingKey.fingerprint,
      pem: this.signingKey.publicKeyPem(),
    };
  }

  /**
   * What the agreement lets `orgId`'s party read of the other party's entries (see
   * audit-release.ts): decided by the version that was in force when the entry was written — the
   * one active at that moment — or, failing that, the version the entry names.
   */
  private async audienceFor(orgId: string, agreementId: string): Promise<BundleAudience> {
    const agreement = await this.dataSource.manager.findOneByOrFail(Agreement, { id: agreementId });
    const versions = await this.dataSource.manager.findBy(AgreementVersion, { agreementId });
    const flowsOf = (v: AgreementVersion | undefined): readonly Flow[] =>
      Array.isArray(v?.sharingParameters?.flows) ? v.sharingParameters.flows : [];
    const inForceAt = (ms: number) =>
      versions.find(
        (v) =>
          v.activatedAt !== null && v.activatedAt.getTime() <= ms && (v.endedAt === null || ms < v.endedAt.getTime()),
      );
    const named = (version: number | null) => versions.find((v) => v.version === version);
    const sideOf = (org: string | null): PartySide | null =>
      org === agreement.policeOrgId ? 'police' : org === agreement.partnerOrgId ? 'partner' : null;
    const reader = sideOf(orgId);
    return {
      orgId,
      releasedDetails: (entry) =>
        releasedDetails(
          entry,
          sideOf(entry.actorOrgId),
          reader,
          flowsOf(inForceAt(entry.occurredAtMs) ?? named(entry.agreementVersion)),
        ),
    };
  }

  /**
   * Board members of this agreement only; anyone else is told it does not exist. The board is the
   * one named by the version in force — the active version, or for an agreement that no longer has
   * one (suspended, terminated, expired) its last version that was active. A version only proposed
   * (one party's approval is not the agreement) or superseded names no one, and the check runs on
   * every request, so a member removed by an amendment loses access on the next one.
   */
  async assertBoardMember(auth: AuthContext, agreementId: string): Promise<void> {
    const member =
      auth.roles.includes(Role.BoardMember) && (await this.boardOfVersionInForce(agreementId)).includes(auth.userId);
    if (!member) throw notFound('Agreement');
  }

  /** The board named by the version in force (see assertBoardMember); empty when no version ever took effect. */
  async boardOfVersionInForce(agreementId: string): Promise<string[]> {
    return (await this.versionInForce(agreementId))?.boardMemberIds ?? [];
  }

  /**
   * Whether the partner's steps on the agreement's referrals (statuses, decline reasons) may be shown
   * to the caller's side, by the version in force: the board's report asks the audit views' rule.
   */
  async referralStepsReleasedTo(auth: AuthContext, agreement: Pick<Agreement, 'id' | 'policeOrgId'>): Promise<boolean> {
    const flows = (await this.versionInForce(agreement.id))?.sharingParameters?.flows;
    return referralStepsReleased(
      auth.orgId === agreement.policeOrgId ? 'police' : 'partner',
      Array.isArray(flows) ? (flows as readonly Flow[]) : [],
    );
  }

  /**
   * The acknowledgement deadlines the version in force sets, per flow that has one: the SLA targets
   * the board's report and charts are drawn against.
   */
  async acknowledgementTargets(
    agreementId: string,
  ): Promise<{ category: string; direction: 'police_to_partner' | 'partner_to_police'; hours: number }[]> {
    const flows = (await this.versionInForce(agreementId))?.sharingParameters?.flows;
    return (Array.isArray(flows) ? (flows as readonly Flow[]) : [])
      .filter((f) => typeof f.acknowledgeWithinHours === 'number')
      .map((f) => ({
        category: f.category,
        direction: f.from === 'police' ? ('police_to_partner' as const) : ('partner_to_police' as const),
        hours: f.acknowledgeWithinHours!,
      }));
  }

  /** The active version, or for an agreement that has ended, its last version that took effect. */
  private async versionInForce(agreementId: string): Promise<AgreementVersion | undefined> {
    const candidates = await this.dataSource
      .createQueryBuilder(AgreementVersion, 'v')
      .where('v.agreement_id = :agreementId', { agreementId })
      .andWhere('(v.status = :active OR v.activated_at IS NOT NULL)', { active: VersionStatus.Active })
      .orderBy('v.version', 'DESC')
      .getMany();
    return candidates.find((v) => v.status === VersionStatus.Active) ?? candidates[0];
  }

  private record(
    tx: EntityManager,
    auth: AuthContext,
    agreementId: string,
    action: string,
    details: Record<string, number | boolean>,
  ) {
    return this.audit.record(tx, {
      stream: agreementStream(agreementId),
      ...auditCallerOf(auth),
      action,
      subjectType: 'AuditEntry',
      subjectId: null,
      agreementId,
      outcome: 'success',
      details,
    });
  }
}
