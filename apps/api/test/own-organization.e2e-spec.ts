import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { ManualClock } from '@accord/identity';
import { OrgKind } from '@accord/policy';
import { createTestDatabase, invite, loginAs, organizationWithAdmin, type TestDatabase } from '@accord/testing';
import { startApiWithClock } from './test-api';

/** GET /organizations/me: every person reads their own organization (the web app's header), nobody another's. */
describe('your own organization', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let clock: ManualClock;

  beforeAll(async () => {
    db = await createTestDatabase('ownorg');
    ({ app, clock } = await startApiWithClock(db));
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  /** What each kind may hand out (policies: ROLES_BY_ORG_KIND), so the admin's invitation offers only these. */
  const POLICE_ROLES = ['org_admin', 'police_liaison', 'board_member'];
  const COMMUNITY_ROLES = ['org_admin', 'program_manager', 'outreach_worker', 'board_member'];

  it('answers each person their organization’s name, kind and the roles it may give, whatever their role', async () => {
    const police = await organizationWithAdmin(
      app,
      clock,
      'Northside Police',
      OrgKind.Police,
      'admin@northside-police.example',
    );
    const outreach = await organizationWithAdmin(
      app,
      clock,
      'Northside Outreach',
      OrgKind.Community,
      'admin@northside-outreach.example',
    );
    const outreachAdmin = await loginAs(app, clock, outreach.admin);
    const worker = await invite(app, clock, outreachAdmin.token, 'worker@northside-outreach.example', [
      'outreach_worker',
    ]);
    const board = await invite(app, clock, outreachAdmin.token, 'board@northside-outreach.example', ['board_member']);

    for (const [person, org] of [
      [police.admin, { id: police.orgId, name: 'Northside Police', kind: 'police', roles: POLICE_ROLES }],
      [worker, { id: outreach.orgId, name: 'Northside Outreach', kind: 'community', roles: COMMUNITY_ROLES }],
      [board, { id: outreach.orgId, name: 'Northside Outreach', kind: 'community', roles: COMMUNITY_ROLES }],
    ] as const) {
      const res = await (await loginAs(app, clock, person)).get('/api/v1/organizations/me');
      expect({ email: person.email, status: res.status, body: res.body }).toEqual({
        email: person.email,
        status: 200,
        body: { ...org, createdAt: expect.any(String) },
      });
    }
    expect((await request(app.getHttpServer()).get('/api/v1/organizations/me')).status).toBe(401);
  });
});
