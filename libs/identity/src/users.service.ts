import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, SYSTEM_STREAM, subjectHistory } from '@accord/audit';
import { AppConfig } from '@accord/config';
import { inTransaction } from '@accord/database';
import { DomainException, ErrorCode, notFound } from '@accord/http';
import { JobName, OutboxService } from '@accord/jobs';
import {
  accessibleBy,
  Action,
  assertWritableFields,
  pickReadableFields,
  type AuthContext,
  type OrgKind,
  Role,
  roleFitsOrgKind,
} from '@accord/policy';
import { actorOf, assertRecentAuthentication, metaOf, normalizeEmail } from './auth.service';
import { Clock } from './clock';
import { type EnrollmentLink, EnrollmentMailer } from './enrollment-mailer';
import { roleChange } from './role-change';
import { EnrollmentToken } from './enrollment-token.entity';
import { type IdentityEvent, recordIdentityEvent, type RequestMeta } from './identity-audit';
import { Organization } from './organization.entity';
import { SessionsService } from './sessions.service';
import { hashToken, newSecretToken } from './tokens';
import { toUserView, toWorkerView, type UserView, type WorkerView } from './user.mapper';
import { User, UserStatus } from './user.entity';

/** Enrollment links (invite or reset) are valid this long, once. */
export const ENROLLMENT_TTL_MS = 24 * 60 * 60 * 1000;

/** A new pending user and their link: the command line's answer, never the API's (issue 12). */
export interface InvitedUser {
  user: UserView;
  enrollment: EnrollmentLink;
}

/** What the API answers an admin or operator: the link went to the person's own address, if it could. */
export interface InvitationSent {
  user: UserView;
  enrollment: { expiresAt: string; emailed: boolean };
}

/** How many of a person's latest account events the admin's history shows. */
export const USER_EVENTS_SHOWN = 25;

/**
 * One audited event about a person's account (system stream, subject the user), as their admin sees it: what, when,
 * the outcome and its code, the entry's details (ids, role names, counts), and who did it — named only when that is
 * someone of the same organization; anyone else (a platform operator, the system) by role alone.
 */
export interface UserEventView {
  seq: number;
  occurredAt: string;
  action: string;
  outcome: string;
  reason: string | null;
  details: Record<string, string | number | boolean | null>;
  actorRoles: string[];
  actorUserId: string | null;
  actorDisplayName: string | null;
  bySubject: boolean;
}

/** What a change records: in the system stream, or in an agreement's stream when it names one. */
type ChangeEvent = Pick<IdentityEvent, 'action' | 'details' | 'agreementId'>;

/** The one explicit bypass: the operator's command line, which runs without a session. */
export interface CommandLineCaller {
  bypassAuthorization: 'command-line';
}

/**
 * Org admins' management of their own organization's users. Each method loads the target through
 * the caller's ability, so a user of another organization is simply not found (404).
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly mailer: EnrollmentMailer,
  ) {}

  async list(auth: AuthContext): Promise<Partial<UserView>[]> {
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u');
    const users = await qb
      .where(accessibleBy(auth.ability, Action.List, 'User', qb))
      .orderBy('u.created_at', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .getMany();
    // Field-level read: only what the caller's rules let them read of each user.
    return users.map((user) => pickReadableFields(auth.ability, Action.List, 'User', user, toUserView(user)));
  }

  /**
   * The people of the caller's own organization a referral may be assigned to: enabled (active)
   * outreach workers. A program manager who also works the street holds both roles and is listed;
   * one who only manages is not. Pending (not yet enrolled) and disabled accounts are left out.
   * The caller's rules filter first, in SQL; a program manager's rule (policies/roles.yaml) reaches
   * exactly these users and only their id, display name and roles.
   */
  async listWorkers(auth: AuthContext): Promise<{ items: Partial<WorkerView>[] }> {
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u');
    const users = await qb
      .where(accessibleBy(auth.ability, Action.List, 'User', qb))
      .andWhere('u.org_id = :orgId AND u.status = :active AND :role = ANY(u.roles)', {
        orgId: auth.orgId,
        active: UserStatus.Active,
        role: Role.OutreachWorker,
      })
      .orderBy('u.display_name', 'ASC', 'NULLS LAST')
      .addOrderBy('u.id', 'ASC')
      .getMany();
    return {
      items: users.map((user) => pickReadableFields(auth.ability, Action.List, 'User', user, toWorkerView(user))),
    };
  }

  async get(auth: AuthContext, id: string): Promise<Partial<UserView>> {
    const user = await this.load(this.dataSource.manager, auth, Action.Read, id);
    return pickReadableFields(auth.ability, Action.Read, 'User', user, toUserView(user));
  }

  /**
   * The person's latest audited account events (invitation, enrollment, logins and their failures, lockout and
   * release, disable/enable, reset, role changes), newest first. For who manages the account: the user is loaded as
   * one the caller may update (another organization's: 404), and the caller must be able to change its status (an
   * org admin; a person asking about themselves may know the account exists: 403). Entries carry ids, role names and
   * codes only; the request id and source address are not answered. Not itself audited: it opens no personal data.
   */
  async events(auth: AuthContext, id: string): Promise<{ items: UserEventView[] }> {
    const user = await this.load(this.dataSource.manager, auth, Action.Update, id);
    if (!auth.ability.can(Action.Update, subject('User', user), 'status'))
      throw new DomainException(ErrorCode.Forbidden, "Your role does not allow reading this account's history");
    const entries = await subjectHistory(
      (sql, params) => this.dataSource.query(sql, params),
      SYSTEM_STREAM,
      'User',
      user.id,
      USER_EVENTS_SHOWN,
    );
    const actorIds = [...new Set(entries.map((e) => e.actorUserId).filter((a): a is string => a !== null))];
    const colleagues: { id: string; display_name: string | null }[] =
      actorIds.length === 0
        ? []
        : await this.dataSource.query(`SELECT id, display_name FROM users WHERE org_id = $1 AND id = ANY($2::uuid[])`, [
            user.orgId,
            actorIds,
          ]);
    const names = new Map(colleagues.map((c) => [c.id, c.display_name]));
    return {
      items: entries.map((e) => {
        const colleague = e.actorUserId !== null && names.has(e.actorUserId);
        return {
          seq: e.seq,
          occurredAt: e.occurredAt.toISOString(),
          action: e.action,
          outcome: e.outcome,
          reason: e.reason,
          details: { ...(e.details ?? {}) },
          actorRoles: e.actorRoles,
          actorUserId: colleague ? e.actorUserId : null,
          actorDisplayName: colleague ? (names.get(e.actorUserId!) ?? null) : null,
          bySubject: e.actorUserId === user.id,
        };
      }),
    };
  }

  async me(auth: AuthContext): Promise<Partial<UserView>> {
    return this.get(auth, auth.userId);
  }

  async invite(
    auth: AuthContext,
    input: { email: string; roles: Role[]; displayName?: string },
  ): Promise<InvitationSent> {
    if (!auth.ability.can(Action.Create, subject('User', { orgId: auth.orgId })))
      throw new DomainException(ErrorCode.Forbidden, 'Your role does not allow inviting users');
    const invited = await inTransaction(this.dataSource, async (tx) => {
      const org = await tx.getRepository(Organization).findOneOrFail({ where: { id: auth.orgId } });
      return this.createPending(
        tx,
        org,
        normalizeEmail(input.email),
        input.roles,
        metaOf(auth),
        actorOf(auth),
        input.displayName ?? null,
      );
    });
    return this.deliver(invited);
  }

  /**
   * Sends the link to the person's own address (after the commit: a rolled-back invitation sends
   * nothing) and answers without it. Whoever asked for it never sees the link.
   */
  async deliver(invited: InvitedUser): Promise<InvitationSent> {
    const emailed = await this.mailer.send(invited.user.email, invited.enrollment);
    return { user: invited.user, enrollment: { expiresAt: invited.enrollment.expiresAt, emailed } };
  }

  async disable(auth: AuthContext, id: string): Promise<UserView> {
    if (id === auth.userId) throw new DomainException(ErrorCode.Conflict, 'You cannot disable your own account');
    return this.change(auth, id, ['status'], async (tx, user) => {
      if (user.status === UserStatus.Disabled) return null;
      await tx
        .getRepository(User)
        .update({ id: user.id }, { status: UserStatus.Disabled, updatedAt: this.clock.now() });
      const revoked = await this.sessions.revokeAllOf(tx, user.id, 'disabled');
      return [{ action: 'user.disable', details: { sessionsRevoked: revoked } }];
    });
  }

  async enable(auth: AuthContext, id: string): Promise<UserView> {
    return this.change(auth, id, ['status'], async (tx, user) => {
      if (user.status !== UserStatus.Disabled) return null;
      const status = user.passwordHash && user.totpSecret ? UserStatus.Active : UserStatus.Pending;
      await tx.getRepository(User).update({ id: user.id }, { status, updatedAt: this.clock.now() });
      return [{ action: 'user.enable', details: { status } }];
    });
  }

  async releaseLockout(auth: AuthContext, id: string): Promise<UserView> {
    return this.change(auth, id, ['lockout'], async (tx, user) => {
      if (!user.lockedAt && user.failedLoginCount === 0) return null;
      await tx
        .getRepository(User)
        .update(
          { id: user.id },
          { lockedAt: null, failedLoginCount: 0, firstFailedAt: null, updatedAt: this.clock.now() },
        );
      return [{ action: 'user.lockout_release', details: { wasLocked: user.lockedAt !== null } }];
    });
  }

  /** Sends the user back to enrollment: password and TOTP cleared, sessions revoked, a new link. */
  async reset(auth: AuthContext, id: string): Promise<InvitationSent> {
    let link: EnrollmentLink | undefined;
    const view = await this.change(auth, id, ['credentials', 'status'], async (tx, user) => {
      const now = this.clock.now();
      await tx.getRepository(User).update(
        { id: user.id },
        {
          status: UserStatus.Pending,
          passwordHash: null,
          totpSecret: null,
          totpPendingSecret: null,
          totpLastStep: null,
          lockedAt: null,
          failedLoginCount: 0,
          firstFailedAt: null,
          updatedAt: now,
        },
      );
      const revoked = await this.sessions.revokeAllOf(tx, user.id, 'reset');
      link = await this.issueEnrollment(tx, user.id);
      return [{ action: 'user.reset', details: { sessionsRevoked: revoked } }];
    });
    return this.deliver({ user: view, enrollment: link! });
  }

  /**
   * Needs a re-authentication in the last 5 minutes; the roles must fit the organization's kind.
   *
   * A content role (one that reads what partners share, CONTENT_ROLES) given by an admin to
   * themselves is a takeover path (docs/security.md), so (issue 12): where the organization has another
   * enabled admin, that admin must give it (403 SECOND_ADMIN_REQUIRED); where it has none, the
   * change goes through but is announced to the partner organizations' admins (content-free
   * e-mail) and recorded in the stream of every agreement of the organization still in force,
   * which flags it on the board report. Every content role granted, by anyone, is recorded there.
   */
  async changeRoles(auth: AuthContext, id: string, roles: Role[]): Promise<UserView> {
    assertRecentAuthentication(auth, this.clock.now());
    return this.change(auth, id, ['roles'], async (tx, user, org) => {
      assertRolesFit(roles, org.kind);
      const self = id === auth.userId;
      const change = roleChange(user.roles, roles, self);
      if (change.dropsOwnAdmin) {
        throw new DomainException(ErrorCode.Conflict, 'You cannot remove your own admin role; ask another admin');
      }
      const { roles: unique, grantedContentRoles: granted } = change;
      if (change.selfGrant && (await this.otherAdmins(tx, user)) > 0) {
        throw new DomainException(
          ErrorCode.SecondAdminRequired,
          'Another admin of your organization has to give you this role',
          { roles: granted },
        );
      }
      await tx.getRepository(User).update({ id: user.id }, { roles: unique, updatedAt: this.clock.now() });
      const events: ChangeEvent[] = [
        {
          action: 'user.roles_change',
          details: {
            from: [...user.roles].sort().join(','),
            to: unique.join(','),
            ...(change.selfGrant ? { selfGrant: true } : {}),
          },
        },
      ];
      if (granted.length === 0) return events;
      const agreements: { id: string }[] = await tx.query(
        `SELECT id FROM agreements WHERE $1 = ANY(party_org_ids) AND terminated_at IS NULL ORDER BY id`,
        [user.orgId],
      );
      for (const agreement of agreements) {
        events.push({
          action: 'user.content_role_grant',
          agreementId: agreement.id,
          details: { roles: granted.join(','), selfGrant: self },
        });
      }
      if (self) {
        await this.outbox.enqueue(tx, JobName.AnnounceContentRoleSelfGrant, {
          orgId: user.orgId,
          userId: user.id,
          at: this.clock.now().getTime(),
        });
      }
      return events;
    });
  }

  /** Enabled admins of the user's organization other than the user, counted under the user's row lock. */
  private async otherAdmins(tx: EntityManager, user: User): Promise<number> {
    const [row]: { n: number }[] = await tx.query(
      `SELECT count(*)::int AS n FROM users WHERE org_id = $1 AND id <> $2 AND status = 'active' AND $3 = ANY(roles)`,
      [user.orgId, user.id, Role.OrgAdmin],
    );
    return row?.n ?? 0;
  }

  /** Creates a pending user with a one-time enrollment link, in the caller's transaction (also the CLI's path). */
  async createPending(
    tx: EntityManager,
    org: Organization,
    email: string,
    roles: Role[],
    meta: RequestMeta,
    actor: IdentityEvent['actor'],
    displayName: string | null = null,
  ): Promise<InvitedUser> {
    const { invited, event } = await this.insertPending(tx, org, email, roles, actor, displayName);
    await recordIdentityEvent(this.audit, tx, meta, event);
    return invited;
  }

  /**
   * createPending without its audit entry, for a caller that writes more afterwards and records
   * every entry at its end (the audit append is always a transaction's last statement).
   */
  async insertPending(
    tx: EntityManager,
    org: Organization,
    email: string,
    roles: Role[],
    actor: IdentityEvent['actor'],
    displayName: string | null = null,
  ): Promise<{ invited: InvitedUser; event: IdentityEvent }> {
    assertRolesFit(roles, org.kind as OrgKind);
    if (await tx.getRepository(User).exists({ where: { email } }))
      throw new DomainException(ErrorCode.Conflict, 'A user with this e-mail address already exists');
    const user = await tx.getRepository(User).save(
      tx.getRepository(User).create({
        orgId: org.id,
        email,
        displayName,
        roles: [...new Set(roles)].sort(),
        status: UserStatus.Pending,
        createdAt: this.clock.now(),
        updatedAt: this.clock.now(),
      }),
    );
    const enrollment = await this.issueEnrollment(tx, user.id);
    return {
      invited: { user: toUserView(user), enrollment },
      event: {
        actor,
        action: 'user.create',
        subjectType: 'User',
        subjectId: user.id,
        outcome: 'success',
        details: { roles: user.roles.join(',') },
      },
    };
  }

  private async issueEnrollment(tx: EntityManager, userId: string): Promise<EnrollmentLink> {
    const now = this.clock.now();
    // Earlier unused links of the same user stop working: only the newest one counts.
    await tx.query(`UPDATE enrollment_tokens SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL`, [userId, now]);
    const token = newSecretToken();
    const expiresAt = new Date(now.getTime() + ENROLLMENT_TTL_MS);
    await tx
      .getRepository(EnrollmentToken)
      .insert({ userId, tokenHash: hashToken(token), createdAt: now, expiresAt, usedAt: null });
    // The token travels in the fragment, which browsers never send to a server or put in logs.
    return { url: `${this.config.publicBaseUrl}/enroll#token=${token}`, expiresAt: expiresAt.toISOString() };
  }

  private async load(tx: EntityManager, auth: AuthContext, action: Action, id: string, lock = false): Promise<User> {
    const qb = tx.getRepository(User).createQueryBuilder('u');
    qb.where('u.id = :id', { id }).andWhere(accessibleBy(auth.ability, action, 'User', qb));
    if (lock) qb.setLock('pessimistic_write');
    const user = await qb.getOne();
    if (!user) throw notFound('User');
    return user;
  }

  /**
   * Loads a user the caller may update and checks, field by field, that the change writes only
   * what the caller's rules allow (`fields` names what this change writes).
   */
  private async change(
    auth: AuthContext,
    id: string,
    fields: readonly string[],
    work: (tx: EntityManager, user: User, org: Organization) => Promise<ChangeEvent[] | null>,
  ): Promise<UserView> {
    return inTransaction(this.dataSource, async (tx) => {
      const user = await this.load(tx, auth, Action.Update, id, true);
      assertWritableFields(auth.ability, Action.Update, 'User', user, fields);
      const org = await tx.getRepository(Organization).findOneOrFail({ where: { id: user.orgId } });
      const events = await work(tx, user, org);
      const view = toUserView(await tx.getRepository(User).findOneByOrFail({ id: user.id }));
      // Last: the audit entries record what this transaction did (sealed into the system stream at commit).
      for (const event of events ?? []) {
        await recordIdentityEvent(this.audit, tx, metaOf(auth), {
          actor: actorOf(auth),
          subjectType: 'User',
          subjectId: user.id,
          outcome: 'success',
          ...event,
        });
      }
      return view;
    });
  }
}

export function assertRolesFit(roles: Role[], kind: OrgKind): void {
  if (roles.length === 0) throw new DomainException(ErrorCode.RoleNotAllowed, 'A user needs at least one role');
  const misfits = roles.filter((role) => !roleFitsOrgKind(role, kind));
  if (misfits.length > 0) {
    throw new DomainException(
      ErrorCode.RoleNotAllowed,
      `These roles do not exist in a ${kind} organization: ${misfits.join(', ')}`,
      { roles: misfits, orgKind: kind },
    );
  }
}
