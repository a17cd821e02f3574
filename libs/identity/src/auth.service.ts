import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { AuditService } from '@accord/audit';
import { inTransaction } from '@accord/database';
import { DomainException, ErrorCode } from '@accord/http';
import { Action, assertWritableFields, type AuthContext } from '@accord/policy';
import { Clock } from './clock';
import { EnrollmentToken } from './enrollment-token.entity';
import { recordIdentityEvent, type RequestMeta } from './identity-audit';
import { countFailure } from './lockout';
import { LoginThrottle } from './login-throttle.service';
import { PasswordHasher } from './password-hasher.service';
import { assertAcceptablePassword, assertPasswordSize } from './password-policy';
import { SecretBox } from './secret-box';
import { type IssuedSession, SessionsService } from './sessions.service';
import { hashToken, looksLikeToken } from './tokens';
import { matchTotpStep, newTotpSecret, totpQrDataUrl, totpUri } from './totp';
import { User, UserStatus } from './user.entity';

/** Role changes (and agreement approvals) need password + TOTP proven this recently. */
export const REAUTHENTICATION_MAX_AGE_MS = 5 * 60 * 1000;

export interface Credentials {
  email: string;
  password: string;
  code: string;
}

export interface EnrollmentChallenge {
  otpauthUri: string;
  qrDataUrl: string;
  /** The seed itself, for people typing it into an app instead of scanning. */
  secret: string;
}

const INVALID = () => new DomainException(ErrorCode.InvalidCredentials, 'The e-mail, password or code is not right');
const ENROLLMENT_INVALID = () =>
  new DomainException(
    ErrorCode.EnrollmentInvalid,
    'This enrollment link is invalid, used or expired; ask your organization admin for a new one',
  );

type Verdict = { ok: true; user: User; issued: IssuedSession } | { ok: false; error: DomainException };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function totpContext(userId: string): string {
  return `totp:${userId}`;
}

/** Throws REAUTHENTICATION_REQUIRED unless the caller proved password + TOTP in the last 5 minutes. */
export function assertRecentAuthentication(auth: AuthContext, now: Date): void {
  if (now.getTime() - auth.authenticatedAt.getTime() > REAUTHENTICATION_MAX_AGE_MS) {
    throw new DomainException(
      ErrorCode.ReauthenticationRequired,
      'Confirm your password and code first (POST /api/v1/auth/reauthenticate)',
    );
  }
}

/**
 * Login, re-authentication, logout, password change and enrollment. Password verification runs
 * outside any transaction (it is slow); the verdict is then applied under a row lock on the
 * user, so concurrent attempts are counted one by one and a TOTP step is consumed once.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionsService,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
  ) {}

  async login(
    credentials: Credentials,
    meta: RequestMeta,
  ): Promise<{ token: string; userId: string; expiresAt: Date }> {
    assertPasswordSize(credentials.password);
    await this.throttle.hit(meta.sourceIp);
    const email = normalizeEmail(credentials.email);
    const candidate = await this.dataSource.getRepository(User).findOne({ where: { email } });
    if (!candidate?.passwordHash) {
      await this.hasher.verifyDummy(credentials.password);
      await inTransaction(this.dataSource, (tx) =>
        recordIdentityEvent(this.audit, tx, meta, {
          actor: {},
          action: 'auth.login',
          subjectType: 'User',
          outcome: 'failure',
          reason: ErrorCode.InvalidCredentials,
        }),
      );
      throw INVALID();
    }
    const passwordOk = await this.hasher.verify(candidate.passwordHash, credentials.password);
    const upgraded =
      passwordOk && this.hasher.needsRehash(candidate.passwordHash)
        ? await this.hasher.hash(credentials.password)
        : null;

    const verdict = await inTransaction<Verdict>(this.dataSource, async (tx) => {
      const user = await this.lockUser(tx, candidate.id);
      const actor = { userId: user.id, orgId: user.orgId, roles: user.roles };
      const refuse = async (reason: string, error: DomainException): Promise<Verdict> => {
        await recordIdentityEvent(this.audit, tx, meta, {
          actor,
          action: 'auth.login',
          subjectType: 'User',
          subjectId: user.id,
          outcome: 'failure',
          reason,
        });
        return { ok: false, error };
      };
      if (user.status === UserStatus.Disabled) return refuse('ACCOUNT_DISABLED', INVALID());
      if (user.lockedAt) {
        // The same answer whatever was sent (issue 12): a 423 to the right password would confirm
        // it to whoever locked the account by guessing. The password was verified above either
        // way, so the time does not tell either.
        return refuse(ErrorCode.AccountLocked, INVALID());
      }
      if (user.status !== UserStatus.Active || !user.totpSecret || user.passwordHash !== candidate.passwordHash)
        return refuse('NOT_ENROLLED', INVALID());
      const step = passwordOk ? this.matchCode(user, credentials.code) : null;
      if (step === null) {
        await this.countFailure(tx, user, meta, passwordOk ? ErrorCode.TotpInvalid : ErrorCode.InvalidCredentials);
        return { ok: false, error: INVALID() };
      }
      await tx.getRepository(User).update(
        { id: user.id },
        {
          failedLoginCount: 0,
          firstFailedAt: null,
          totpLastStep: step,
          updatedAt: this.clock.now(),
          ...(upgraded ? { passwordHash: upgraded } : {}),
        },
      );
      const issued = await this.sessions.issue(tx, user.id);
      await recordIdentityEvent(this.audit, tx, meta, {
        actor,
        action: 'auth.login',
        subjectType: 'User',
        subjectId: user.id,
        outcome: 'success',
        details: { sessionId: issued.session.id, passwordRehashed: upgraded !== null },
      });
      return { ok: true, user, issued };
    });
    if (!verdict.ok) throw verdict.error;
    return { token: verdict.issued.token, userId: verdict.user.id, expiresAt: verdict.issued.session.expiresAt };
  }

  /** Password + TOTP again, inside a live session; failures count toward the lockout like a login's. */
  async reauthenticate(auth: AuthContext, password: string, code: string): Promise<{ authenticatedAt: Date }> {
    assertPasswordSize(password);
    const meta = metaOf(auth);
    const current = await this.dataSource.getRepository(User).findOneOrFail({ where: { id: auth.userId } });
    const passwordOk = current.passwordHash !== null && (await this.hasher.verify(current.passwordHash, password));
    const verdict = await inTransaction(this.dataSource, async (tx) => {
      const user = await this.lockUser(tx, auth.userId);
      const actor = actorOf(auth);
      if (user.lockedAt) {
        await recordIdentityEvent(this.audit, tx, meta, {
          actor,
          action: 'auth.reauthenticate',
          subjectType: 'Session',
          subjectId: auth.sessionId,
          outcome: 'failure',
          reason: ErrorCode.AccountLocked,
        });
        return {
          ok: false as const,
          error: new DomainException(
            ErrorCode.AccountLocked,
            'This account is locked; ask your organization admin to release it',
          ),
        };
      }
      const step = passwordOk ? this.matchCode(user, code) : null;
      if (step === null) {
        await this.countFailure(
          tx,
          user,
          meta,
          passwordOk ? ErrorCode.TotpInvalid : ErrorCode.InvalidCredentials,
          'auth.reauthenticate',
        );
        return { ok: false as const, error: INVALID() };
      }
      const now = this.clock.now();
      await tx
        .getRepository(User)
        .update({ id: user.id }, { failedLoginCount: 0, firstFailedAt: null, totpLastStep: step, updatedAt: now });
      await this.sessions.markReauthenticated(tx, auth.sessionId);
      await recordIdentityEvent(this.audit, tx, meta, {
        actor,
        action: 'auth.reauthenticate',
        subjectType: 'Session',
        subjectId: auth.sessionId,
        outcome: 'success',
      });
      return { ok: true as const, at: now };
    });
    if (!verdict.ok) throw verdict.error;
    return { authenticatedAt: verdict.at };
  }

  /** Ends every session of the user, not only this one (docs/security.md, Sessions: logout revokes them all). */
  async logout(auth: AuthContext): Promise<void> {
    await inTransaction(this.dataSource, async (tx) => {
      const revoked = await this.sessions.revokeAllOf(tx, auth.userId, 'logout');
      await recordIdentityEvent(this.audit, tx, metaOf(auth), {
        actor: actorOf(auth),
        action: 'auth.logout',
        subjectType: 'Session',
        subjectId: auth.sessionId,
        outcome: 'success',
        details: { sessionsRevoked: revoked },
      });
    });
  }

  /** Needs the current password; every other session of the user ends. */
  async changePassword(auth: AuthContext, currentPassword: string, newPassword: string): Promise<void> {
    assertPasswordSize(currentPassword);
    assertAcceptablePassword(newPassword);
    const user = await this.dataSource.getRepository(User).findOneOrFail({ where: { id: auth.userId } });
    assertWritableFields(auth.ability, Action.Update, 'User', user, ['password']);
    const ok = user.passwordHash !== null && (await this.hasher.verify(user.passwordHash, currentPassword));
    if (!ok) {
      await inTransaction(this.dataSource, async (tx) => {
        const locked = await this.lockUser(tx, auth.userId);
        await this.countFailure(tx, locked, metaOf(auth), ErrorCode.InvalidCredentials, 'auth.password_change');
      });
      throw new DomainException(ErrorCode.InvalidCredentials, 'The current password is not right');
    }
    const hashed = await this.hasher.hash(newPassword);
    await inTransaction(this.dataSource, async (tx) => {
      await tx.getRepository(User).update({ id: auth.userId }, { passwordHash: hashed, updatedAt: this.clock.now() });
      const revoked = await this.sessions.revokeAllOf(tx, auth.userId, 'password_changed', auth.sessionId);
      await recordIdentityEvent(this.audit, tx, metaOf(auth), {
        actor: actorOf(auth),
        action: 'auth.password_change',
        subjectType: 'User',
        subjectId: auth.userId,
        outcome: 'success',
        details: { sessionsRevoked: revoked },
      });
    });
  }

  /**
   * Enrollment, step 1: the one-time link plus a new password. Answers the TOTP seed to scan; the
   * link stays valid (within its 24 hours) until step 2 proves the seed with a code.
   */
  async startEnrollment(token: string, password: string, meta: RequestMeta): Promise<EnrollmentChallenge> {
    assertAcceptablePassword(password);
    const found = await this.findEnrollment(token);
    const hashed = await this.hasher.hash(password);
    const secret = newTotpSecret();
    const user = await inTransaction(this.dataSource, async (tx) => {
      const enrollment = await tx
        .getRepository(EnrollmentToken)
        .findOne({ where: { id: found.id, usedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
      if (!enrollment || enrollment.expiresAt <= this.clock.now()) throw ENROLLMENT_INVALID();
      const locked = await this.lockUser(tx, enrollment.userId);
      if (locked.status !== UserStatus.Pending) throw ENROLLMENT_INVALID();
      await tx.getRepository(User).update(
        { id: locked.id },
        {
          passwordHash: hashed,
          totpPendingSecret: this.box.seal(secret, totpContext(locked.id)),
          updatedAt: this.clock.now(),
        },
      );
      await recordIdentityEvent(this.audit, tx, meta, {
        actor: { userId: locked.id, orgId: locked.orgId, roles: locked.roles },
        action: 'user.enroll_password',
        subjectType: 'User',
        subjectId: locked.id,
        outcome: 'success',
      });
      return locked;
    });
    const uri = totpUri(secret, user.email);
    return { otpauthUri: uri, qrDataUrl: await totpQrDataUrl(uri), secret };
  }

  /** Enrollment, step 2: a code from the new authenticator; the link is spent and the account active. */
  async confirmEnrollment(token: string, code: string, meta: RequestMeta): Promise<{ userId: string }> {
    const found = await this.findEnrollment(token);
    const verdict = await inTransaction(this.dataSource, async (tx) => {
      const enrollment = await tx
        .getRepository(EnrollmentToken)
        .findOne({ where: { id: found.id, usedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
      const now = this.clock.now();
      if (!enrollment || enrollment.expiresAt <= now) return { ok: false as const, error: ENROLLMENT_INVALID() };
      const user = await this.lockUser(tx, enrollment.userId);
      if (user.status !== UserStatus.Pending || !user.totpPendingSecret || !user.passwordHash)
        return { ok: false as const, error: ENROLLMENT_INVALID() };
      const secret = this.box.open(user.totpPendingSecret, totpContext(user.id));
      const step = matchTotpStep(secret, code, now.getTime(), user.totpLastStep);
      const actor = { userId: user.id, orgId: user.orgId, roles: user.roles };
      if (step === null) {
        await recordIdentityEvent(this.audit, tx, meta, {
          actor,
          action: 'user.enroll',
          subjectType: 'User',
          subjectId: user.id,
          outcome: 'failure',
          reason: ErrorCode.TotpInvalid,
        });
        return {
          ok: false as const,
          error: new DomainException(
            ErrorCode.TotpInvalid,
            'That code does not match; check the time on your phone and try the current code',
          ),
        };
      }
      await tx.getRepository(User).update(
        { id: user.id },
        {
          status: UserStatus.Active,
          totpSecret: user.totpPendingSecret,
          totpPendingSecret: null,
          totpLastStep: step,
          failedLoginCount: 0,
          firstFailedAt: null,
          lockedAt: null,
          updatedAt: now,
        },
      );
      await tx.getRepository(EnrollmentToken).update({ id: enrollment.id }, { usedAt: now });
      await recordIdentityEvent(this.audit, tx, meta, {
        actor,
        action: 'user.enroll',
        subjectType: 'User',
        subjectId: user.id,
        outcome: 'success',
      });
      return { ok: true as const, userId: user.id };
    });
    if (!verdict.ok) throw verdict.error;
    return { userId: verdict.userId };
  }

  private async findEnrollment(token: string): Promise<EnrollmentToken> {
    if (!looksLikeToken(token)) throw ENROLLMENT_INVALID();
    const found = await this.dataSource
      .getRepository(EnrollmentToken)
      .findOne({ where: { tokenHash: hashToken(token), usedAt: IsNull() } });
    if (!found || found.expiresAt <= this.clock.now()) throw ENROLLMENT_INVALID();
    return found;
  }

  private lockUser(tx: EntityManager, id: string): Promise<User> {
    return tx.getRepository(User).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  private matchCode(user: User, code: string): number | null {
    if (!user.totpSecret) return null;
    return matchTotpStep(
      this.box.open(user.totpSecret, totpContext(user.id)),
      code,
      this.clock.now().getTime(),
      user.totpLastStep,
    );
  }

  /** Called under the user's row lock, so parallel failures are counted one at a time. */
  private async countFailure(
    tx: EntityManager,
    user: User,
    meta: RequestMeta,
    reason: string,
    action = 'auth.login',
  ): Promise<void> {
    const now = this.clock.now();
    const { failedLoginCount: failures, firstFailedAt, locks } = countFailure(user, now);
    await tx
      .getRepository(User)
      .update(
        { id: user.id },
        { failedLoginCount: failures, firstFailedAt, ...(locks ? { lockedAt: now } : {}), updatedAt: now },
      );
    const actor = { userId: user.id, orgId: user.orgId, roles: user.roles };
    await recordIdentityEvent(this.audit, tx, meta, {
      actor,
      action,
      subjectType: 'User',
      subjectId: user.id,
      outcome: 'failure',
      reason,
      details: { consecutiveFailures: failures },
    });
    if (locks) {
      await recordIdentityEvent(this.audit, tx, meta, {
        actor,
        action: 'user.lockout',
        subjectType: 'User',
        subjectId: user.id,
        outcome: 'success',
        reason: 'CONSECUTIVE_FAILURES',
        details: { consecutiveFailures: failures },
      });
    }
  }
}

export function actorOf(auth: AuthContext): { userId: string; orgId: string; roles: string[] } {
  return { userId: auth.userId, orgId: auth.orgId, roles: [...auth.roles] };
}

export function metaOf(auth: AuthContext): RequestMeta {
  return {
    ...(auth.requestId ? { requestId: auth.requestId } : {}),
    ...(auth.sourceIp ? { sourceIp: auth.sourceIp } : {}),
  };
}
