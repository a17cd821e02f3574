import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { AppConfig } from '@accord/config';
import { AbilityService, type AuthContext, type OrgKind } from '@accord/policy';
import { Clock } from './clock';
import { Session, type SessionRevocationReason } from './session.entity';
import { hashToken, looksLikeToken, newSecretToken } from './tokens';
import { User, UserStatus } from './user.entity';
import { Organization } from './organization.entity';
import type { RequestMeta } from './identity-audit';

/** Sessions end 12 hours after login whatever the activity (SECURITY.md). */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

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
    const session = await this.dataSource.getRepository(Session).findOne({ where: { tokenHash: hashToken(token), revokedAt: IsNull() } });
    if (!session) return null;
    const now = this.clock.now();
    if (now >= session.expiresAt || now.getTime() - session.lastSeenAt.getTime() >= this.idleMs) return null;
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: session.userId } });
    if (!user || user.status !== UserStatus.Active) return null;
    const org = await this.dataSource.getRepository(Organization).findOneOrFail({ where: { id: user.orgId } });
    // Touching only when the session is still live makes a concurrent revoke win.
    await this.dataSource.query(`UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND revoked_at IS NULL AND last_seen_at < $2`, [session.id, now]);
    return {
      userId: user.id,
      orgId: user.orgId,
      orgKind: org.kind as OrgKind,
      roles: [...user.roles],
      sessionId: session.id,
      ability: await this.abilities.abilityFor({ userId: user.id, orgId: user.orgId, orgKind: org.kind as OrgKind, roles: user.roles }),
      authenticatedAt: session.authenticatedAt,
      ...(meta.requestId ? { requestId: meta.requestId } : {}),
      ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
    };
  }

  /**
   * Whether a session would still authenticate, without touching it: a long-lived connection (the
   * inbox stream) re-checks with this, so an open tab alone never keeps an idle session alive.
   */
  async isLive(sessionId: string): Promise<boolean> {
    const session = await this.dataSource.getRepository(Session).findOne({ where: { id: sessionId, revokedAt: IsNull() } });
    if (!session) return false;
    const now = this.clock.now();
    if (now >= session.expiresAt || now.getTime() - session.lastSeenAt.getTime() >= this.idleMs) return false;
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: session.userId } });
    return user?.status === UserStatus.Active;
  }

  async revoke(tx: EntityManager, sessionId: string, reason: SessionRevocationReason): Promise<boolean> {
    const result = await tx.query<[unknown[], number]>(`UPDATE sessions SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL`, [sessionId, this.clock.now(), reason]);
    return result[1] > 0;
  }

  /** Revokes every live session of a user; returns how many. */
  async revokeAllOf(tx: EntityManager, userId: string, reason: SessionRevocationReason, exceptSessionId?: string): Promise<number> {
    const result = await tx.query<[unknown[], number]>(
      `UPDATE sessions SET revoked_at = $2, revoked_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL AND ($4::uuid IS NULL OR id <> $4::uuid)`,
      [userId, this.clock.now(), reason, exceptSessionId ?? null],
    );
    return result[1];
  }

  async markReauthenticated(tx: EntityManager, sessionId: string): Promise<void> {
    await tx.query(`UPDATE sessions SET authenticated_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [sessionId, this.clock.now()]);
  }
}
