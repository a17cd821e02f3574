import request from 'supertest';
import { loadConfig } from '@accord/config';
import { ManualClock } from '@accord/identity';
import { OrgKind, Role } from '@accord/policy';
import {
  clockModule,
  createTestDatabase,
  invite,
  login,
  nextCode,
  organizationWithAdmin,
  PASSWORD,
  type TestDatabase,
  testMailbox,
} from '@accord/testing';
import { createApiApp } from '../src/create-api-app';

/**
 * docs/security.md "Authorization", field level: every signed-in user may update their own User record,
 * but only the fields the role baseline names for them (their password). Roles, status and lockout
 * are fields only an org admin may write — so nobody can promote themselves.
 */
describe('field-level permissions on users', () => {
  let db: TestDatabase;

  afterAll(async () => {
    await db?.drop();
  });

  it('refuses a self-promotion (a field the caller may not write) and lets the org admin write it', async () => {
    db = await createTestDatabase('fieldperms');
    const clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));
    const app = await createApiApp(
      loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.appUrl, SMTP_URL: (await testMailbox()).url }),
      false,
      [clockModule(clock)],
    );
    await app.init();
    try {
      const http = () => request(app.getHttpServer());
      const { admin } = await organizationWithAdmin(
        app,
        clock,
        'Eastside Police Department',
        OrgKind.Police,
        'admin@eastside-pd.test',
      );
      const liaison = await invite(app, clock, await login(app, clock, admin), 'liaison@eastside-pd.test', [
        Role.PoliceLiaison,
      ]);

      const token = await login(app, clock, liaison);
      const reauth = await http()
        .post('/api/v1/auth/reauthenticate')
        .set('Authorization', `Bearer ${token}`)
        .send({ password: PASSWORD, code: nextCode(clock, liaison.secret) });
      expect(reauth.status).toBe(200);
      const promote = await http()
        .put(`/api/v1/users/${liaison.id}/roles`)
        .set('Authorization', `Bearer ${token}`)
        .send({ roles: ['org_admin', 'police_liaison'] });
      expect(promote.status).toBe(403);
      expect(promote.body.error.code).toBe('FIELD_NOT_PERMITTED');
      expect(promote.body.error.details).toEqual({ fields: ['roles'] });
      const self = await http().get('/api/v1/me').set('Authorization', `Bearer ${token}`);
      expect(self.body.roles).toEqual(['police_liaison']);
      expect(
        (await http().post(`/api/v1/users/${liaison.id}/release-lockout`).set('Authorization', `Bearer ${token}`))
          .status,
      ).toBe(403);

      const adminToken = await login(app, clock, admin);
      await http()
        .post('/api/v1/auth/reauthenticate')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ password: PASSWORD, code: nextCode(clock, admin.secret) });
      const byAdmin = await http()
        .put(`/api/v1/users/${liaison.id}/roles`)
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ roles: ['police_liaison', 'board_member'] });
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.body.roles).toEqual(['board_member', 'police_liaison']);
    } finally {
      await app.close();
    }
  });
});
