import { OrgKind, Role } from '@accord/policy';
import {
  createTestDatabase,
  invite,
  login,
  loginAs,
  nextCode,
  organizationWithAdmin,
  PASSWORD,
  type TestDatabase,
} from '@accord/testing';
import { startApiWithClock } from './test-api';

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
    const { app, clock } = await startApiWithClock(db);
    try {
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

      const asLiaison = await loginAs(app, clock, liaison);
      const reauth = await asLiaison
        .post('/api/v1/auth/reauthenticate')
        .send({ password: PASSWORD, code: nextCode(clock, liaison.secret) });
      expect(reauth.status).toBe(200);
      const promote = await asLiaison
        .put(`/api/v1/users/${liaison.id}/roles`)
        .send({ roles: ['org_admin', 'police_liaison'] });
      expect(promote.status).toBe(403);
      expect(promote.body.error.code).toBe('FIELD_NOT_PERMITTED');
      expect(promote.body.error.details).toEqual({ fields: ['roles'] });
      const self = await asLiaison.get('/api/v1/me');
      expect(self.body.roles).toEqual(['police_liaison']);
      expect((await asLiaison.post(`/api/v1/users/${liaison.id}/release-lockout`)).status).toBe(403);

      const asAdmin = await loginAs(app, clock, admin);
      await asAdmin
        .post('/api/v1/auth/reauthenticate')
        .send({ password: PASSWORD, code: nextCode(clock, admin.secret) });
      const byAdmin = await asAdmin
        .put(`/api/v1/users/${liaison.id}/roles`)
        .send({ roles: ['police_liaison', 'board_member'] });
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.body.roles).toEqual(['board_member', 'police_liaison']);
    } finally {
      await app.close();
    }
  });
});
