import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { agreementStream, type AuditBundle, AuditService, AuditSigningKey, buildAuditBundle, auditCallerOf } from '@accord/audit';
import { inTransaction } from '@accord/database';
import { notFound } from '@accord/http';
import { type AuthContext, Role } from '@accord/policy';
import { AgreementVersion, VersionStatus } from './agreement-version.entity';
import type { AuditSearchDto } from './board.dto';

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
  ) {}

  async searchAudit(auth: AuthContext, agreementId: string, query: AuditSearchDto): Promise<{ entries: BoardAuditEntry[]; nextCursor: number | null }> {
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
      const rows = await tx.query<Record<string, unknown>[]>(
        `SELECT seq, occurred_at, actor_org_id, actor_roles, action, subject_type, subject_id, agreement_version, outcome, reason, fields_released, fields_withheld
         FROM audit_entries WHERE ${where.join(' AND ')} ORDER BY seq ${descending ? 'DESC' : 'ASC'} LIMIT $${params.length}`,
        params,
      );
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

  /** The agreement's chain, its signed checkpoints and the public key, for `npm run audit:verify -- --bundle`. */
  async exportBundle(auth: AuthContext, agreementId: string): Promise<AuditBundle> {
    await this.assertBoardMember(auth, agreementId);
    // The export is recorded first, so the bundle a board member holds includes its own export.
    await inTransaction(this.dataSource, (tx) => this.record(tx, auth, agreementId, 'audit.export', {}));
    return buildAuditBundle((sql, params) => this.dataSource.query(sql, params), agreementStream(agreementId), [this.signingKey.publicKey]);
  }

  /**
   * Board members of this agreement only; anyone else is told it does not exist. The board is the
   * one named by the version in force — the active version, or for an agreement that no longer has
   * one (suspended, terminated, expired) its last version that was active. A version only proposed
   * (one party's approval is not the agreement) or superseded names no one, and the check runs on
   * every request, so a member removed by an amendment loses access on the next one.
   */
  async assertBoardMember(auth: AuthContext, agreementId: string): Promise<void> {
    const member = auth.roles.includes(Role.BoardMember) && (await this.boardOfVersionInForce(agreementId)).includes(auth.userId);
    if (!member) throw notFound('Agreement');
  }

  /** The board named by the version in force (see assertBoardMember); empty when no version ever took effect. */
  async boardOfVersionInForce(agreementId: string): Promise<string[]> {
    const candidates = await this.dataSource
      .createQueryBuilder(AgreementVersion, 'v')
      .where('v.agreement_id = :agreementId', { agreementId })
      .andWhere('(v.status = :active OR v.activated_at IS NOT NULL)', { active: VersionStatus.Active })
      .orderBy('v.version', 'DESC')
      .getMany();
    const version = candidates.find((v) => v.status === VersionStatus.Active) ?? candidates[0];
    return version?.boardMemberIds ?? [];
  }

  private record(tx: EntityManager, auth: AuthContext, agreementId: string, action: string, details: Record<string, number | boolean>) {
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
