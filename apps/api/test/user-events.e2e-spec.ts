import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { ManualClock } from '@accord/identity';
import { OrgKind } from '@accord/policy';
import {
  createTestDatabase,
  invite,
  loginAs,
  nextCode,
  organizationWithAdmin,
  PASSWORD,
  type TestDatabase,
} from '@accord/testing';
import { startApiWithClock } from './test-api';

/**
 * GET /users/:id/events (issue 15, the org admin's People screen): a person's latest audited account events, for
 * their own organization's admin only. Another organization's person is not found; roles that manage nobody are
 * refused.
 */
describe("a person's account events (e2e)", () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let clock: ManualClock;

  beforeAll(async () => {
    db = await createTestDatabase('userevents');
    ({ app, clock } = await startApiWithClock(db));
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it(
    'answers the admin what happened to the account, newest first, naming colleagues who did it; never a source ' +
      'address or request id',
    async () => {
      const org = await organizationWithAdmin(app, clock, 'Eastside Outreach', OrgKind.Community, 'a@eastside.example');
      const admin = await loginAs(app, clock, org.admin);
      const worker = await invite(app, clock, admin.token, 'w@eastside.example', ['outreach_worker'], 'Rosa Vega');
      await loginAs(app, clock, worker);
      const failed = await request(app.getHttpServer())
        .post('/api/v1/auth/login')
        .send({ email: worker.email, password: 'not the password at all', code: '000000', client: 'api' });
      expect(failed.status).toBe(401);
      expect((await admin.post(`/api/v1/users/${worker.id}/disable`)).status).toBe(200);
      expect((await admin.post(`/api/v1/users/${worker.id}/enable`)).status).toBe(200);
      await admin
        .post('/api/v1/auth/reauthenticate')
        .send({ password: PASSWORD, code: nextCode(clock, org.admin.secret) });
      const changed = await admin.put(`/api/v1/users/${worker.id}/roles`).send({ roles: ['board_member'] });
      expect(changed.status).toBe(200);

      const res = await admin.get(`/api/v1/users/${worker.id}/events`);
      expect(res.status).toBe(200);
      const items = res.body.items as Record<string, unknown>[];
      expect(items.map((e) => [e.action, e.outcome])).toEqual([
        ['user.roles_change', 'success'],
        ['user.enable', 'success'],
        ['user.disable', 'success'],
        ['auth.login', 'failure'],
        ['auth.login', 'success'],
        ['user.enroll', 'success'],
        ['user.enroll_password', 'success'],
        ['user.create', 'success'],
      ]);
      expect(items[0]).toEqual({
        seq: expect.any(Number),
        occurredAt: expect.any(String),
        action: 'user.roles_change',
        outcome: 'success',
        reason: null,
        details: { from: 'outreach_worker', to: 'board_member' },
        actorRoles: ['org_admin'],
        actorUserId: org.admin.id,
        actorDisplayName: null,
        bySubject: false,
      });
      expect(items[3]).toMatchObject({ reason: 'INVALID_CREDENTIALS', details: { consecutiveFailures: 1 } });
      expect(items[4]).toMatchObject({ bySubject: true, actorUserId: worker.id, actorDisplayName: 'Rosa Vega' });
      const text = JSON.stringify(res.body);
      for (const hidden of ['sourceIp', 'requestId', 'source_ip', '127.0.0.1', worker.email])
        expect(text).not.toContain(hidden);
    },
  );

  it(
    "answers another organization's admin 404 (existence is private), a role that manages nobody 403, and the " +
      'person themselves 403',
    async () => {
      const org = await organizationWithAdmin(app, clock, 'Westside Outreach', OrgKind.Community, 'a@westside.example');
      const admin = await loginAs(app, clock, org.admin);
      const worker = await invite(app, clock, admin.token, 'w@westside.example', ['outreach_worker']);
      const board = await invite(app, clock, admin.token, 'b@westside.example', ['board_member']);
      const other = await organizationWithAdmin(app, clock, 'Northside Police', OrgKind.Police, 'a@north.example');

      const foreign = await (await loginAs(app, clock, other.admin)).get(`/api/v1/users/${worker.id}/events`);
      expect([foreign.status, foreign.body.error.code]).toEqual([404, 'NOT_FOUND']);
      const asWorker = await (await loginAs(app, clock, worker)).get(`/api/v1/users/${worker.id}/events`);
      expect([asWorker.status, asWorker.body.error.code]).toEqual([403, 'FORBIDDEN']);
      const boardMember = await loginAs(app, clock, board);
      expect((await boardMember.get(`/api/v1/users/${worker.id}/events`)).status).toBe(404);
      expect((await boardMember.get(`/api/v1/users/${board.id}/events`)).status).toBe(403);
      expect((await admin.get(`/api/v1/users/${worker.id}/events`)).status).toBe(200);
      expect((await admin.get('/api/v1/users/not-a-uuid/events')).status).toBe(400);
      expect((await request(app.getHttpServer()).get(`/api/v1/users/${worker.id}/events`)).status).toBe(401);
    },
  );
});
