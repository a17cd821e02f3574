import { randomBytes } from 'node:crypto';
import { Controller, Get, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import request from 'supertest';
import { ManualClock, OrganizationsService } from '@accord/identity';
import { Action, Authorize, OrgKind } from '@accord/policy';
import { createTestDatabase, ENROLLMENT_SUBJECT, type TestDatabase, testMailbox } from '@accord/testing';
import {
  emailedEnrollmentLink,
  enroll,
  type EnrolledUser,
  invite,
  login,
  nextCode,
  organizationWithAdmin,
  PASSWORD,
} from '@accord/testing';
import { startApiWithClock } from './test-api';

/** Stand-ins for the shared-content routes later issues add, declared as those will be. */
@Controller('probe-content')
class SharedContentProbeController {
  @Get('incidents')
  @Authorize(Action.Read, 'Incident')
  incidents() {
    return { reached: true };
  }

  @Get('disclosures')
  @Authorize(Action.Read, 'Disclosure')
  disclosures() {
    return { reached: true };
  }

  @Get('referrals')
  @Authorize(Action.Read, 'Referral')
  referrals() {
    return { reached: true };
  }
}

@Module({ controllers: [SharedContentProbeController] })
class SharedContentProbeModule {}

describe('identity (e2e through the real app, PostgreSQL and argon2id)', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let owner: Client;
  const clock = new ManualClock(Date.UTC(2026, 10, 20, 9, 0, 0));
  let police: { orgId: string; admin: EnrolledUser };
  let outreach: { orgId: string; admin: EnrolledUser };
  let policeAdminToken: string;
  let outreachAdminToken: string;

  const http = () => request(app.getHttpServer());
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function auditRows(where = 'TRUE', params: unknown[] = []) {
    const { rows } = await owner.query(`SELECT * FROM audit_entries WHERE ${where} ORDER BY seq`, params);
    return rows as {
      action: string;
      outcome: string;
      reason: string | null;
      subject_id: string | null;
      source_ip: string | null;
      details: Record<string, unknown> | null;
      actor_user_id: string | null;
    }[];
  }

  async function userRow(id: string) {
    const { rows } = await owner.query(`SELECT * FROM users WHERE id = $1`, [id]);
    return rows[0] as {
      failed_login_count: number;
      locked_at: Date | null;
      status: string;
      roles: string[];
      password_hash: string | null;
      totp_secret: string | null;
    };
  }

  beforeAll(async () => {
    db = await createTestDatabase('identity');
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    ({ app } = await startApiWithClock(
      db,
      {
        DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        LOGIN_THROTTLE_MAX_ATTEMPTS: '10000',
        PASSWORD_HASH_CONCURRENCY: '2',
        DATABASE_POOL_SIZE: '20',
      },
      { clock, modules: [SharedContentProbeModule] },
    ));
    police = await organizationWithAdmin(
      app,
      clock,
      'Riverton Police Department',
      OrgKind.Police,
      'chief.admin@riverton-pd.example',
    );
    outreach = await organizationWithAdmin(
      app,
      clock,
      'Safe Streets Riverton',
      OrgKind.Community,
      'admin@safestreets.example',
    );
    policeAdminToken = await login(app, clock, police.admin);
    outreachAdminToken = await login(app, clock, outreach.admin);
  });

  // Tests move the clock by hours; admins log in afresh so their sessions are live for each test.
  beforeEach(async () => {
    policeAdminToken = await login(app, clock, police.admin);
    outreachAdminToken = await login(app, clock, outreach.admin);
  });

  afterAll(async () => {
    await app?.close();
    await owner?.end();
    await db?.drop();
  });

  describe('login', () => {
    it('logs in with password + TOTP, as a cookie for browsers and a bearer token for API clients', async () => {
      const browser = await http()
        .post('/api/v1/auth/login')
        .send({ email: police.admin.email, password: PASSWORD, code: nextCode(clock, police.admin.secret) });
      expect(browser.status).toBe(200);
      const cookie = String(browser.headers['set-cookie']);
      expect(cookie).toMatch(/^accord_session=[A-Za-z0-9_-]{43};/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/Secure/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(browser.body).not.toHaveProperty('token');
      const me = await http().get('/api/v1/me').set('Cookie', cookie.split(';')[0]!);
      expect(me.status).toBe(200);
      expect(me.body).toEqual(
        expect.objectContaining({ email: police.admin.email, roles: ['org_admin'], status: 'active', locked: false }),
      );
      expect(me.body).not.toHaveProperty('passwordHash');
      expect(me.body).not.toHaveProperty('totpSecret');
    });

    it('stores only the SHA-256 of a session token, and issues a new token at every login', async () => {
      const first = await login(app, clock, police.admin);
      const second = await login(app, clock, police.admin);
      expect(first).not.toBe(second);
      const { rows } = await owner.query(`SELECT token_hash FROM sessions`);
      const hashes = rows.map((r: { token_hash: string }) => r.token_hash);
      expect(hashes).not.toContain(first);
      expect(hashes.every((h: string) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
    });

    it('answers an unknown user and a wrong password with byte-identical status and body', async () => {
      const headers = { 'X-Request-Id': 'enumeration-probe-0001' };
      const unknown = await http()
        .post('/api/v1/auth/login')
        .set(headers)
        .send({ email: 'nobody@nowhere.example', password: 'some-password-123', code: '123456' });
      const wrong = await http()
        .post('/api/v1/auth/login')
        .set(headers)
        .send({ email: outreach.admin.email, password: 'some-password-123', code: '123456' });
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(unknown.status);
      expect(wrong.text).toBe(unknown.text);
      expect(unknown.body.error.code).toBe('INVALID_CREDENTIALS');
      await http().post(`/api/v1/users/${outreach.admin.id}/release-lockout`).set(bearer(outreachAdminToken));
    });

    it('refuses a TOTP code that was already used (replay), even with the right password', async () => {
      const user = await invite(app, clock, outreachAdminToken, 'replay.worker@safestreets.example', [
        'outreach_worker',
      ]);
      const code = nextCode(clock, user.secret);
      const first = await http().post('/api/v1/auth/login').send({ email: user.email, password: PASSWORD, code });
      expect(first.status).toBe(200);
      const replay = await http().post('/api/v1/auth/login').send({ email: user.email, password: PASSWORD, code });
      expect(replay.status).toBe(401);
      expect(replay.body.error.code).toBe('INVALID_CREDENTIALS');
      const failures = await auditRows(`action = 'auth.login' AND subject_id = $1 AND outcome = 'failure'`, [user.id]);
      expect(failures.map((f) => f.reason)).toEqual(['TOTP_INVALID']);
    });

    it('ignores a spoofed X-Forwarded-For when no proxy is trusted', async () => {
      const user = await invite(app, clock, outreachAdminToken, 'xff.worker@safestreets.example', ['outreach_worker']);
      const res = await http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', '203.0.113.77')
        .send({ email: user.email, password: PASSWORD, code: nextCode(clock, user.secret) });
      expect(res.status).toBe(200);
      const [entry] = await auditRows(`action = 'auth.login' AND subject_id = $1 AND outcome = 'success'`, [user.id]);
      expect(entry!.source_ip).not.toContain('203.0.113.77');
      expect(entry!.source_ip).toMatch(/127\.0\.0\.1|::1/);
    });
  });

  describe('lockout', () => {
    it(
      'locks at exactly 5 under 50 parallel wrong passwords, refuses the right one, and an admin release is ' +
        'audited',
      async () => {
        const victim = await invite(app, clock, policeAdminToken, 'race.liaison@riverton-pd.example', [
          'police_liaison',
        ]);
        const attempts = await Promise.all(
          Array.from({ length: 50 }, () =>
            http()
              .post('/api/v1/auth/login')
              .send({ email: victim.email, password: 'wrong-password-guess', code: '000000' }),
          ),
        );
        expect(attempts.every((a) => a.status === 401)).toBe(true);
        const row = await userRow(victim.id);
        expect(row.failed_login_count).toBe(5);
        expect(row.locked_at).not.toBeNull();
        const counted = await auditRows(
          `action = 'auth.login' AND subject_id = $1 AND reason = 'INVALID_CREDENTIALS'`,
          [victim.id],
        );
        expect(counted).toHaveLength(5);
        expect(await auditRows(`action = 'user.lockout' AND subject_id = $1`, [victim.id])).toHaveLength(1);

        // A locked account answers the same whatever was sent (issue 12 item 9): the right password
        // and code, the right password with a wrong code and a wrong password alike get the generic
        // 401, byte for byte, so whoever locked it by guessing learns nothing from a later guess.
        const headers = { 'X-Request-Id': 'locked-account-probe-01' };
        const lockedBefore = (
          await auditRows(`action = 'auth.login' AND subject_id = $1 AND reason = 'ACCOUNT_LOCKED'`, [victim.id])
        ).length;
        const right = await http()
          .post('/api/v1/auth/login')
          .set(headers)
          .send({ email: victim.email, password: PASSWORD, code: nextCode(clock, victim.secret) });
        const rightPasswordWrongCode = await http()
          .post('/api/v1/auth/login')
          .set(headers)
          .send({ email: victim.email, password: PASSWORD, code: '000000' });
        const wrong = await http()
          .post('/api/v1/auth/login')
          .set(headers)
          .send({ email: victim.email, password: 'wrong-password-guess', code: '000000' });
        expect(right.status).toBe(401);
        expect(right.body.error.code).toBe('INVALID_CREDENTIALS');
        expect(rightPasswordWrongCode.text).toBe(right.text);
        expect(wrong.text).toBe(right.text);
        expect(
          await auditRows(`action = 'auth.login' AND subject_id = $1 AND reason = 'ACCOUNT_LOCKED'`, [victim.id]),
        ).toHaveLength(lockedBefore + 3);

        const released = await http().post(`/api/v1/users/${victim.id}/release-lockout`).set(bearer(policeAdminToken));
        expect(released.status).toBe(200);
        expect(released.body.locked).toBe(false);
        const [release] = await auditRows(`action = 'user.lockout_release' AND subject_id = $1`, [victim.id]);
        expect(release!.actor_user_id).toBe(police.admin.id);
        expect(await login(app, clock, victim)).toMatch(/^[A-Za-z0-9_-]{43}$/);
      },
    );

    it('starts counting afresh when the failures are more than 15 minutes apart', async () => {
      const user = await invite(app, clock, policeAdminToken, 'slow.liaison@riverton-pd.example', ['police_liaison']);
      for (let i = 0; i < 4; i++)
        await http()
          .post('/api/v1/auth/login')
          .send({ email: user.email, password: 'wrong-password-guess', code: '000000' });
      clock.advance(16 * 60 * 1000);
      await http()
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: 'wrong-password-guess', code: '000000' });
      const row = await userRow(user.id);
      expect(row.failed_login_count).toBe(1);
      expect(row.locked_at).toBeNull();
    });
  });

  describe('sessions', () => {
    let worker: EnrolledUser;
    beforeAll(async () => {
      worker = await invite(app, clock, outreachAdminToken, 'session.worker@safestreets.example', ['outreach_worker']);
    });

    it('ends a session after 30 idle minutes, and keeps an active one alive', async () => {
      const token = await login(app, clock, worker);
      clock.advance(29 * 60 * 1000);
      expect((await http().get('/api/v1/me').set(bearer(token))).status).toBe(200);
      clock.advance(29 * 60 * 1000);
      expect((await http().get('/api/v1/me').set(bearer(token))).status).toBe(200);
      clock.advance(30 * 60 * 1000);
      const idle = await http().get('/api/v1/me').set(bearer(token));
      expect(idle.status).toBe(401);
      expect(idle.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('writes a session’s last use at most once a minute, and counts idle time from that write', async () => {
      const token = await login(app, clock, worker);
      const lastSeen = async () =>
        (
          await owner.query<{ at: Date }>(
            `SELECT last_seen_at AS at FROM sessions WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1`,
            [worker.id],
          )
        ).rows.map((r) => r.at.getTime());
      const loggedInAt = clock.now().getTime();
      expect(await lastSeen()).toEqual([loggedInAt]);
      clock.advance(59 * 1000);
      expect((await http().get('/api/v1/me').set(bearer(token))).status).toBe(200);
      expect(await lastSeen()).toEqual([loggedInAt]);
      clock.advance(1000);
      expect((await http().get('/api/v1/me').set(bearer(token))).status).toBe(200);
      const touchedAt = clock.now().getTime();
      expect(await lastSeen()).toEqual([touchedAt]);
      // A request 59 s after that write is not written; 30 minutes after the write the session is idle.
      clock.advance(59 * 1000);
      expect((await http().get('/api/v1/me').set(bearer(token))).status).toBe(200);
      expect(await lastSeen()).toEqual([touchedAt]);
      clock.advance(30 * 60 * 1000 - 59 * 1000);
      expect((await http().get('/api/v1/me').set(bearer(token))).status).toBe(401);
    });

    it('ends a session 12 hours after login however active it is', async () => {
      const token = await login(app, clock, worker);
      for (let i = 0; i < 24; i++) {
        clock.advance(29 * 60 * 1000);
        expect((await http().get('/api/v1/me').set(bearer(token))).status).toBe(200);
      }
      clock.advance(29 * 60 * 1000);
      expect((await http().get('/api/v1/me').set(bearer(token))).status).toBe(401);
    });

    it('ends every session of the user at logout, on the very next request, and audits it', async () => {
      const phone = await login(app, clock, worker);
      const desk = await login(app, clock, worker);
      expect((await http().post('/api/v1/auth/logout').set(bearer(phone))).status).toBe(204);
      expect((await http().get('/api/v1/me').set(bearer(phone))).status).toBe(401);
      expect((await http().get('/api/v1/me').set(bearer(desk))).status).toBe(401);
      const entries = await auditRows(`action = 'auth.logout' AND actor_user_id = $1`, [worker.id]);
      expect(entries).toHaveLength(1);
      expect(entries[0]!.details!.sessionsRevoked).toBeGreaterThanOrEqual(2);
    });

    it(
      'revokes every session of a disabled user on the very ' + 'next request, and lets them back after enable',
      async () => {
        const a = await login(app, clock, worker);
        const b = await login(app, clock, worker);
        const disabled = await http().post(`/api/v1/users/${worker.id}/disable`).set(bearer(outreachAdminToken));
        expect(disabled.status).toBe(200);
        expect(disabled.body.status).toBe('disabled');
        expect((await http().get('/api/v1/me').set(bearer(a))).status).toBe(401);
        expect((await http().get('/api/v1/me').set(bearer(b))).status).toBe(401);
        const refused = await http()
          .post('/api/v1/auth/login')
          .send({ email: worker.email, password: PASSWORD, code: nextCode(clock, worker.secret) });
        expect(refused.status).toBe(401);
        const [entry] = await auditRows(`action = 'user.disable' AND subject_id = $1`, [worker.id]);
        // Two live sessions, plus any earlier ones that only timed out (revocation marks those too).
        expect(entry!.details!.sessionsRevoked).toBeGreaterThanOrEqual(2);
        expect(
          (await http().post(`/api/v1/users/${worker.id}/enable`).set(bearer(outreachAdminToken))).body.status,
        ).toBe('active');
        expect(await login(app, clock, worker)).toBeDefined();
      },
    );

    it(
      'sends a reset user back to enrollment: sessions revoked, ' + 'old password refused, new link works once',
      async () => {
        const user = await invite(app, clock, outreachAdminToken, 'reset.worker@safestreets.example', [
          'outreach_worker',
        ]);
        const token = await login(app, clock, user);
        const reset = await http().post(`/api/v1/users/${user.id}/reset`).set(bearer(outreachAdminToken));
        expect(reset.status).toBe(200);
        expect(reset.body.user.status).toBe('pending');
        // The link went to the worker's own address; the admin's answer has none (issue 12 item 2).
        expect(reset.body.enrollment).toEqual({ expiresAt: expect.any(String), emailed: true });
        expect(reset.text).not.toMatch(/token=/);
        const link = emailedEnrollmentLink(app, user.email);
        expect((await http().get('/api/v1/me').set(bearer(token))).status).toBe(401);
        expect(
          (
            await http()
              .post('/api/v1/auth/login')
              .send({ email: user.email, password: PASSWORD, code: nextCode(clock, user.secret) })
          ).status,
        ).toBe(401);
        const again = await enroll(app, clock, link, user.email, 'a-brand-new-passphrase');
        expect(again.secret).not.toBe(user.secret);
        expect(await login(app, clock, again, 'a-brand-new-passphrase')).toBeDefined();
        const reuse = await http()
          .post('/api/v1/auth/enrollment')
          .send({ token: new URL(link).hash.slice(7), password: 'yet-another-passphrase' });
        expect(reuse.status).toBe(400);
        expect(reuse.body.error.code).toBe('ENROLLMENT_INVALID');
      },
    );

    it(
      'e-mails the link to the person alone, with nothing else in it: no name, organization or role (issue 12 ' +
        'item 2)',
      async () => {
        const res = await http()
          .post('/api/v1/users')
          .set(bearer(outreachAdminToken))
          .send({ email: 'quiet.worker@safestreets.example', roles: ['outreach_worker'], displayName: 'Quiet Worker' });
        expect(res.status).toBe(201);
        const mails = (await testMailbox()).mails.filter(
          (m) => m.subject === ENROLLMENT_SUBJECT && m.to.includes('quiet.worker@safestreets.example'),
        );
        expect(mails).toHaveLength(1);
        expect(mails[0]!.to).toBe('quiet.worker@safestreets.example');
        expect(mails[0]!.text).toContain(emailedEnrollmentLink(app, 'quiet.worker@safestreets.example'));
        expect(`${mails[0]!.subject}\n${mails[0]!.text}`).not.toMatch(
          /Quiet Worker|Safe Streets|outreach|admin@safestreets/i,
        );
      },
    );

    it('refuses an enrollment link after 24 hours', async () => {
      const res = await http()
        .post('/api/v1/users')
        .set(bearer(outreachAdminToken))
        .send({ email: 'late.worker@safestreets.example', roles: ['outreach_worker'] });
      expect(res.status).toBe(201);
      clock.advance(24 * 60 * 60 * 1000 + 1000);
      const late = await http()
        .post('/api/v1/auth/enrollment')
        .send({
          token: new URL(emailedEnrollmentLink(app, 'late.worker@safestreets.example')).hash.slice(7),
          password: 'late-but-long-passphrase',
        });
      expect(late.status).toBe(400);
      expect(late.body.error.code).toBe('ENROLLMENT_INVALID');
    });
  });

  describe('administration', () => {
    it('answers 404 to an admin managing another organization’s user, and changes nothing', async () => {
      const target = police.admin.id;
      for (const path of ['', '/disable', '/enable', '/reset', '/release-lockout']) {
        const res =
          path === ''
            ? await http().get(`/api/v1/users/${target}`).set(bearer(outreachAdminToken))
            : await http().post(`/api/v1/users/${target}${path}`).set(bearer(outreachAdminToken));
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('NOT_FOUND');
      }
      const list = await http().get('/api/v1/users').set(bearer(outreachAdminToken));
      expect(list.body.map((u: { orgId: string }) => u.orgId).every((id: string) => id === outreach.orgId)).toBe(true);
      expect((await userRow(target)).status).toBe('active');
    });

    it('refuses a role that does not fit the organization kind', async () => {
      const res = await http()
        .post('/api/v1/users')
        .set(bearer(outreachAdminToken))
        .send({ email: 'misfit@safestreets.example', roles: ['police_liaison'] });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('ROLE_NOT_ALLOWED');
      const operator = await http()
        .post('/api/v1/users')
        .set(bearer(policeAdminToken))
        .send({ email: 'misfit@riverton-pd.example', roles: ['platform_operator'] });
      expect(operator.body.error.code).toBe('ROLE_NOT_ALLOWED');
      expect((await owner.query(`SELECT count(*)::int AS n FROM users WHERE email LIKE 'misfit@%'`)).rows[0].n).toBe(0);
    });

    it('needs a re-authentication within 5 minutes to change roles, and audits the change', async () => {
      const user = await invite(app, clock, outreachAdminToken, 'roles.worker@safestreets.example', [
        'outreach_worker',
      ]);
      clock.advance(6 * 60 * 1000);
      outreachAdminToken = await login(app, clock, outreach.admin);
      clock.advance(6 * 60 * 1000);
      const stale = await http()
        .put(`/api/v1/users/${user.id}/roles`)
        .set(bearer(outreachAdminToken))
        .send({ roles: ['program_manager'] });
      expect(stale.status).toBe(403);
      expect(stale.body.error.code).toBe('REAUTHENTICATION_REQUIRED');
      const reauth = await http()
        .post('/api/v1/auth/reauthenticate')
        .set(bearer(outreachAdminToken))
        .send({ password: PASSWORD, code: nextCode(clock, outreach.admin.secret) });
      expect(reauth.status).toBe(200);
      const changed = await http()
        .put(`/api/v1/users/${user.id}/roles`)
        .set(bearer(outreachAdminToken))
        .send({ roles: ['program_manager', 'outreach_worker'] });
      expect(changed.status).toBe(200);
      expect(changed.body.roles).toEqual(['outreach_worker', 'program_manager']);
      const [entry] = await auditRows(`action = 'user.roles_change' AND subject_id = $1`, [user.id]);
      expect(entry!.details).toEqual({ from: 'outreach_worker', to: 'outreach_worker,program_manager' });
      const misfit = await http()
        .put(`/api/v1/users/${user.id}/roles`)
        .set(bearer(outreachAdminToken))
        .send({ roles: ['police_liaison'] });
      expect(misfit.status).toBe(422);
    });

    it('lets a non-admin do nothing to other users', async () => {
      const user = await invite(app, clock, outreachAdminToken, 'plain.worker@safestreets.example', [
        'outreach_worker',
      ]);
      const token = await login(app, clock, user);
      expect((await http().get('/api/v1/users').set(bearer(token))).status).toBe(403);
      expect((await http().post(`/api/v1/users/${outreach.admin.id}/disable`).set(bearer(token))).status).toBe(404);
      expect(
        (
          await http()
            .post('/api/v1/organizations')
            .set(bearer(token))
            .send({ name: 'X', kind: 'city', adminEmail: 'x@x.example' })
        ).status,
      ).toBe(403);
    });

    it('changes a password only with the current one, and ends the other sessions', async () => {
      const user = await invite(app, clock, outreachAdminToken, 'pw.worker@safestreets.example', ['outreach_worker']);
      const here = await login(app, clock, user);
      const elsewhere = await login(app, clock, user);
      const wrong = await http()
        .post('/api/v1/auth/password')
        .set(bearer(here))
        .send({ currentPassword: 'not-my-password', newPassword: 'my-new-long-passphrase' });
      expect(wrong.status).toBe(401);
      const common = await http()
        .post('/api/v1/auth/password')
        .set(bearer(here))
        .send({ currentPassword: PASSWORD, newPassword: 'password1234' });
      expect(common.status).toBe(400);
      expect(common.body.error.code).toBe('PASSWORD_REJECTED');
      const ok = await http()
        .post('/api/v1/auth/password')
        .set(bearer(here))
        .send({ currentPassword: PASSWORD, newPassword: 'my-new-long-passphrase' });
      expect(ok.status).toBe(204);
      expect((await http().get('/api/v1/me').set(bearer(here))).status).toBe(200);
      expect((await http().get('/api/v1/me').set(bearer(elsewhere))).status).toBe(401);
    });
  });

  describe('platform operators', () => {
    let operatorToken: string;
    beforeAll(async () => {
      const created = await app
        .get(OrganizationsService)
        .createOperator({ bypassAuthorization: 'command-line' }, 'operator@accord.example');
      const operator = await enroll(app, clock, created.enrollment.url, 'operator@accord.example');
      operatorToken = await login(app, clock, operator);
    });

    it('create an organization with its first admin and list organizations', async () => {
      const res = await http()
        .post('/api/v1/organizations')
        .set(bearer(operatorToken))
        .send({ name: 'Riverton General Hospital VIP', kind: 'hospital', adminEmail: 'vip.admin@rgh.example' });
      expect(res.status).toBe(201);
      // The operator never holds the first admin's link: it went to the admin's address (issue 12 item 2).
      expect(res.body.admin.enrollment).toEqual({ expiresAt: expect.any(String), emailed: true });
      expect(res.text).not.toMatch(/token=/);
      expect(emailedEnrollmentLink(app, 'vip.admin@rgh.example')).toMatch(/#token=[A-Za-z0-9_-]{43}$/);
      expect(res.body.admin.user.roles).toEqual(['org_admin']);
      const list = await http().get('/api/v1/organizations').set(bearer(operatorToken));
      expect(list.body.map((o: { name: string }) => o.name)).toEqual(
        expect.arrayContaining(['Riverton General Hospital VIP', 'Riverton Police Department']),
      );
    });

    it(
      'cannot read any shared content (incidents, disclosures, ' + 'referrals), while a liaison can reach incidents',
      async () => {
        for (const content of ['incidents', 'disclosures', 'referrals']) {
          const res = await http().get(`/api/v1/probe-content/${content}`).set(bearer(operatorToken));
          expect(res.status).toBe(403);
          expect(res.body).not.toHaveProperty('reached');
        }
        const liaison = await invite(app, clock, policeAdminToken, 'content.liaison@riverton-pd.example', [
          'police_liaison',
        ]);
        const token = await login(app, clock, liaison);
        expect((await http().get('/api/v1/probe-content/incidents').set(bearer(token))).body).toEqual({
          reached: true,
        });
      },
    );

    it(
      'cannot create users, operators included: operators come ' + 'from the command line only (issue 12 item 3)',
      async () => {
        const before = (await owner.query(`SELECT count(*)::int AS n FROM users`)).rows[0].n as number;
        for (const roles of [['platform_operator'], ['org_admin']]) {
          const res = await http()
            .post('/api/v1/users')
            .set(bearer(operatorToken))
            .send({ email: `second.operator.${roles[0]}@accord.example`, roles });
          expect(res.status).toBe(403);
          expect(res.body.error.code).toBe('FORBIDDEN');
        }
        expect((await owner.query(`SELECT count(*)::int AS n FROM users`)).rows[0].n).toBe(before);
      },
    );

    it('cannot manage users of an organization or list them', async () => {
      expect((await http().get('/api/v1/users').set(bearer(operatorToken))).status).toBe(403);
      expect((await http().post(`/api/v1/users/${police.admin.id}/disable`).set(bearer(operatorToken))).status).toBe(
        404,
      );
    });
  });

  describe('bad input', () => {
    it.each([
      ['a malformed e-mail', { email: 'not-an-email', password: 'x'.repeat(20), code: '123456' }, 'VALIDATION_FAILED'],
      [
        'a non-string password',
        { email: 'a@b.example', password: 12345678901234, code: '123456' },
        'VALIDATION_FAILED',
      ],
      ['an array as e-mail', { email: ['a@b.example'], password: 'x'.repeat(20), code: '123456' }, 'VALIDATION_FAILED'],
      [
        'an unknown field',
        { email: 'a@b.example', password: 'x'.repeat(20), code: '123456', admin: true },
        'VALIDATION_FAILED',
      ],
      ['a 2 KiB password', { email: outreachEmail(), password: 'x'.repeat(2048), code: '123456' }, 'PASSWORD_TOO_LONG'],
    ])('refuses %s at login with 400 and a code, counting nothing', async (_label, body, code) => {
      const before = await userRow(outreach.admin.id);
      const res = await http().post('/api/v1/auth/login').send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe(code);
      expect((await userRow(outreach.admin.id)).failed_login_count).toBe(before.failed_login_count);
    });

    it('refuses __proto__ payloads and pollutes nothing', async () => {
      const res = await http()
        .post('/api/v1/users')
        .set(bearer(outreachAdminToken))
        .set('content-type', 'application/json')
        .send('{"email":"p@safestreets.example","roles":["outreach_worker"],"__proto__":{"roles":["org_admin"]}}');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('FORBIDDEN_KEY');
      expect(({} as Record<string, unknown>).roles).toBeUndefined();
      expect(
        (await owner.query(`SELECT count(*)::int AS n FROM users WHERE email = 'p@safestreets.example'`)).rows[0].n,
      ).toBe(0);
    });

    it('refuses a weak or oversized password at enrollment and keeps the link usable', async () => {
      const res = await http()
        .post('/api/v1/users')
        .set(bearer(outreachAdminToken))
        .send({ email: 'weak.worker@safestreets.example', roles: ['outreach_worker'] });
      expect(res.status).toBe(201);
      // The inviting admin gets no link (issue 12 item 2): it went to the person's own address only.
      expect(res.body.enrollment).toEqual({ expiresAt: expect.any(String), emailed: true });
      expect(res.text).not.toMatch(/token=/);
      const token = new URL(emailedEnrollmentLink(app, 'weak.worker@safestreets.example')).hash.slice(7);
      const short = await http().post('/api/v1/auth/enrollment').send({ token, password: 'short' });
      expect(short.body.error.code).toBe('PASSWORD_REJECTED');
      const huge = await http()
        .post('/api/v1/auth/enrollment')
        .send({ token, password: 'y'.repeat(2048) });
      expect(huge.body.error.code).toBe('PASSWORD_TOO_LONG');
      expect(
        (await http().post('/api/v1/auth/enrollment').send({ token, password: 'a-fine-long-passphrase' })).status,
      ).toBe(200);
    });

    it('refuses a 1 MiB body with 413 before it is parsed', async () => {
      const res = await http()
        .post('/api/v1/auth/login')
        .send({ email: 'a@b.example', password: 'x'.repeat(1024 * 1024), code: '123456' });
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('BODY_TOO_LARGE');
    });
  });

  describe('audit', () => {
    it('records every identity event in the system stream without any e-mail address', async () => {
      const rows = await auditRows();
      const actions = new Set(rows.map((r) => r.action));
      for (const action of [
        'organization.create',
        'user.create',
        'user.enroll',
        'auth.login',
        'auth.logout',
        'auth.reauthenticate',
        'user.lockout',
        'user.lockout_release',
        'user.disable',
        'user.enable',
        'user.reset',
        'user.roles_change',
        'auth.password_change',
      ]) {
        expect(actions).toContain(action);
      }
      const { rows: all } = await owner.query(`SELECT row_to_json(a)::text AS t, stream FROM audit_entries a`);
      expect(all.every((r: { stream: string }) => r.stream === 'system')).toBe(true);
      expect(all.filter((r: { t: string }) => /@[a-z0-9-]+\.example/i.test(r.t))).toEqual([]);
    });
  });

  function outreachEmail() {
    return 'admin@safestreets.example';
  }
});
