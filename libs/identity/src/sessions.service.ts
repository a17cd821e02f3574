import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { AppConfig } from '@accord/config';
import { AbilityService, type AuthContext, type OrgKind, type Role } from '@accord/policy';
import { Clock } from './clock';
import { SESSION_ABSOLUTE_MS, SESSION_TOUCH_MS, withinSessionLimits } from './session-expiry';
import { Session, type SessionRevocationReason } from './session.entity';
import { hashToken, looksLikeToken, newSecretToken } from './tokens';
import { User, UserStatus } from './user.entity';
import type { RequestMeta } from './identity-audit';

export { SESSION_ABSOLUTE_MS } from './session-expiry';

export interface IssuedSession {
  token: string;
  session: Session;
}

/**
 * Server-side sessions. The token (256 random bits) is shown once; only its SHA-256 is stored.
 * Every request re-reads the session and its user, so a logout, a disable or a reset is in
 * force on the very next request, on every instance.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly abilities: AbilityService,
  ) {}

  get idleMs(): number {
    return this.config.sessionIdleMinutes * 60 * 1000;
  }

  /** A new session at every login, written in the login's transaction. */
  async issue(tx: EntityManager, userId: string): Promise<IssuedSession> {
    const now = this.clock.now();
    const token = newSecretToken();
    const session = await tx.getRepository(Session).save(
      tx.getRepository(Session).create({
        userId,
        tokenHash: hashToken(token),
        createdAt: now,
        lastSeenAt: now,
        authenticatedAt: now,
        expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
        revokedAt: null,
        revokedReason: null,
      }),
    );
    return { token, session };
  }

  /** The caller's context for a presented token, or null (unknown, revoked, idle, expired, user not active). */
  async authenticate(token: string, meta: RequestMeta): Promise<AuthContext | null> {
    if (!looksLikeToken(token)) return null;
    // One round trip for session, user and organization: this runs on every request.
    const [row] = await this.dataSource.query<
      {
        session_id: string;
        expires_at: Date;
        last_seen_at: Date;
        authenticated_at: Date;
        user_id: string;
        org_id: string;
        roles: Role[];
        status: UserStatus;
        kind: OrgKind;
      }[]
    >(
      `SELECT s.id AS session_id, s.expires_at, s.last_seen_at, s.authenticated_at, u.id AS user_id, u.org_id, u.roles,
        u.status, o.kind
       FROM sessions s JOIN users u ON u.id = s.user_id JOIN organizations o ON o.id = u.org_id
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL`,
      [hashToken(token)],
    );
    if (!row) return null;
    const now = this.clock.now();
    if (!withinSessionLimits({ expiresAt: row.expires_at, lastSeenAt: row.last_seen_at }, now, this.idleMs))
      return null;
    if (row.status !== UserStatus.Active) return null;
    // At most one write per SESSION_TOUCH_MS: a liaison's burst of requests (or a phone polling) would
    // otherwise write the row on every request. Touching only when the session is still live makes a
    // concurrent revoke win.
    if (now.getTime() - row.last_seen_at.getTime() >= SESSION_TOUCH_MS)
      await this.dataSource.query(
        `UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND revoked_at IS NULL AND last_seen_at < $2`,
        [row.session_id, now],
      );
    return {
      userId: row.user_id,
      orgId: row.org_id,
      orgKind: row.kind,
      roles: [...row.roles],
      sessionId: row.session_id,
      ability: await this.abilities.abilityFor({
        userId: row.user_id,
        orgId: row.org_id,
        orgKind: row.kind,
        roles: row.roles,
      }),
      authenticatedAt: row.authenticated_at,
      ...(meta.requestId ? { requestId: meta.requestId } : {}),
      ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
    };
  }

  /**
   * Whether a session would still authenticate, without touching it: a long-lived connection (the
   * inbox stream) re-checks with this, so an open tab alone never keeps an idle session alive.
   */
  async isLive(sessionId: string): Promise<boolean> {
    const session = await this.dataSource
      .getRepository(Session)
      .findOne({ where: { id: sessionId, revokedAt: IsNull() } });
    if (!session) return false;
    const now = this.clock.now();
    if (!withinSessionLimits(session, now, this.idleMs)) return false;
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: session.userId } });
    return user?.status === UserStatus.Active;
  }

  async revoke(tx: EntityManager, sessionId: string, reason: SessionRevocationReason): Promise<boolean> {
    const result = await tx.query<[unknown[], number]>(
      `UPDATE sessions SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, this.clock.now(), reason],
    );
    return result[1] > 0;
  }

  /** Revokes every live session of a user; returns how many. */
  async revokeAllOf(
    tx: EntityManager,
    userId: string,
    reason: SessionRevocationReason,
    exceptSessionId?: string,
  ): Promise<number> {
    const result = await tx.query<[unknown[], number]>(
      `UPDATE sessions SET revoked_at = $2, revoked_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL AND ($4::uuid
        IS NULL OR id <> $4::uuid)`,
      [userId, this.clock.now(), reason, exceptSessionId ?? null],
    );
    return result[1];
  }

  async markReauthenticated(tx: EntityManager, sessionId: string): Promise<void> {
    await tx.query(`UPDATE sessions SET authenticated_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [
      sessionId,
      this.clock.now(),
    ]);
  }
}
