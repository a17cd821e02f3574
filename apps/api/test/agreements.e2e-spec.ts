import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { AgreementsService } from '@accord/agreements';
import type { ManualClock } from '@accord/identity';
import { OrgKind, Role } from '@accord/policy';
import {
  createTestDatabase,
  type EnrolledUser,
  invite,
  login,
  organizationWithAdmin,
  type TestDatabase,
} from '@accord/testing';
import { startApiWithClock } from './test-api';

interface Rule {
  action: string | string[];
  subject: string | string[];
  conditions?: { agreementId?: { $in: string[] } };
}

/** Agreements through the real API: the lifecycle, and its effect on callers' abilities on the very next request. */
describe('agreements (e2e)', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let clock: ManualClock;
  let policeAdmin: EnrolledUser;
  let partnerAdmin: EnrolledUser;
  let worker: EnrolledUser;
  let partnerOrgId: string;
  let outsiderAdmin: EnrolledUser;

  beforeAll(async () => {
    db = await createTestDatabase('agreementse2e');
    ({ app, clock } = await startApiWithClock(
      db,
      { PASSWORD_HASH_CONCURRENCY: '4' },
      { now: new Date('2026-11-23T09:00:00Z') },
    ));
    ({ admin: policeAdmin } = await organizationWithAdmin(
      app,
      clock,
      'Eastside Police Department',
      OrgKind.Police,
      'admin@eastside-pd.test',
    ));
    const partner = await organizationWithAdmin(
      app,
      clock,
      'Safe Streets Outreach',
      OrgKind.Community,
      'admin@safestreets.test',
    );
    partnerAdmin = partner.admin;
    partnerOrgId = partner.orgId;
    ({ admin: outsiderAdmin } = await organizationWithAdmin(
      app,
      clock,
      'Northside Police Department',
      OrgKind.Police,
      'admin@northside-pd.test',
    ));
    worker = await invite(app, clock, await login(app, clock, partnerAdmin), 'worker@safestreets.test', [
      Role.OutreachWorker,
    ]);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const http = () => request(app.getHttpServer());
  async function disclosureAgreements(token: string): Promise<string[]> {
    const res = await http().get('/api/v1/me/abilities').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    const rules = res.body.rules as Rule[];
    return rules
      .filter((r) => [r.subject].flat().includes('Disclosure') && [r.action].flat().includes('read'))
      .flatMap((r) => r.conditions?.agreementId?.$in ?? []);
  }

  it(
    'goes from template to active with both parties’ approval, and ' + 'a suspension takes effect on the next request',
    async () => {
      const police = await login(app, clock, policeAdmin);
      const created = await http().post('/api/v1/agreements').set('Authorization', `Bearer ${police}`).send({
        counterpartOrgId: partnerOrgId,
        title: 'Shooting alerts',
        templateKey: 'one-way-shooting-notifications',
      });
      expect(created.status).toBe(201);
      const agreementId = created.body.id as string;
      const versionId = created.body.versions[0].id as string;
      expect(
        (await http().post(`/api/v1/agreement-versions/${versionId}/propose`).set('Authorization', `Bearer ${police}`))
          .status,
      ).toBe(201);
      const first = await http()
        .post(`/api/v1/agreement-versions/${versionId}/approve`)
        .set('Authorization', `Bearer ${police}`);
      expect(first.status).toBe(201);
      expect(first.body.status).toBe('proposed');

      // The worker's session is opened before activation: no re-login is needed to see the change.
      const workerToken = await login(app, clock, worker);
      expect(await disclosureAgreements(workerToken)).toEqual([]);

      const partner = await login(app, clock, partnerAdmin);
      const second = await http()
        .post(`/api/v1/agreement-versions/${versionId}/approve`)
        .set('Authorization', `Bearer ${partner}`);
      expect(second.body.status).toBe('active');
      expect(await disclosureAgreements(workerToken)).toEqual([agreementId]);

      // Each party reads both parties' names (they signed with each other); an outsider still reads nothing.
      const names = { policeOrgName: 'Eastside Police Department', partnerOrgName: 'Safe Streets Outreach' };
      for (const token of [police, partner]) {
        const one = await http().get(`/api/v1/agreements/${agreementId}`).set('Authorization', `Bearer ${token}`);
        expect(one.status).toBe(200);
        expect(one.body).toMatchObject({ ...names, partnerOrgId });
        const all = await http().get('/api/v1/agreements').set('Authorization', `Bearer ${token}`);
        expect(all.status).toBe(200);
        expect((all.body as { id: string }[]).find((a) => a.id === agreementId)).toMatchObject(names);
      }
      const outsider = await login(app, clock, outsiderAdmin);
      const hidden = await http().get(`/api/v1/agreements/${agreementId}`).set('Authorization', `Bearer ${outsider}`);
      expect(hidden.status).toBe(404);
      expect(JSON.stringify(hidden.body)).not.toContain('Safe Streets Outreach');

      const suspended = await http()
        .post(`/api/v1/agreements/${agreementId}/end`)
        .set('Authorization', `Bearer ${partner}`)
        .send({ action: 'suspend' });
      expect(suspended.status).toBe(201);
      expect(await disclosureAgreements(workerToken)).toEqual([]);
    },
  );

  it('grants nothing once the agreement has expired', async () => {
    const police = await login(app, clock, policeAdmin);
    const partner = await login(app, clock, partnerAdmin);
    const until = new Date(clock.now().getTime() + 60 * 60 * 1000).toISOString();
    const created = await http().post('/api/v1/agreements').set('Authorization', `Bearer ${police}`).send({
      counterpartOrgId: partnerOrgId,
      title: 'One hour',
      templateKey: 'one-way-shooting-notifications',
      effectiveUntil: until,
    });
    const versionId = created.body.versions[0].id as string;
    await http().post(`/api/v1/agreement-versions/${versionId}/propose`).set('Authorization', `Bearer ${police}`);
    await http().post(`/api/v1/agreement-versions/${versionId}/approve`).set('Authorization', `Bearer ${police}`);
    await http().post(`/api/v1/agreement-versions/${versionId}/approve`).set('Authorization', `Bearer ${partner}`);
    const workerToken = await login(app, clock, worker);
    expect(await disclosureAgreements(workerToken)).toContain(created.body.id);
    clock.advance(61 * 60 * 1000);
    const later = await login(app, clock, worker);
    expect(await disclosureAgreements(later)).not.toContain(created.body.id);
    expect(await app.get(AgreementsService).expireDue()).toBeGreaterThanOrEqual(1);
  });

  it('refuses approval without a fresh re-authentication, and hides agreements from outsiders (404)', async () => {
    const police = await login(app, clock, policeAdmin);
    const created = await http()
      .post('/api/v1/agreements')
      .set('Authorization', `Bearer ${police}`)
      .send({ counterpartOrgId: partnerOrgId, title: 'Stale', templateKey: 'hospital-violence-intervention' });
    const versionId = created.body.versions[0].id as string;
    await http().post(`/api/v1/agreement-versions/${versionId}/propose`).set('Authorization', `Bearer ${police}`);
    clock.advance(6 * 60 * 1000);
    const stale = await http()
      .post(`/api/v1/agreement-versions/${versionId}/approve`)
      .set('Authorization', `Bearer ${police}`);
    expect(stale.status).toBe(403);
    expect(stale.body.error.code).toBe('REAUTHENTICATION_REQUIRED');

    const outsider = await login(app, clock, outsiderAdmin);
    const hidden = await http().get(`/api/v1/agreements/${created.body.id}`).set('Authorization', `Bearer ${outsider}`);
    expect(hidden.status).toBe(404);
    expect(
      (await http().post(`/api/v1/agreement-versions/${versionId}/approve`).set('Authorization', `Bearer ${outsider}`))
        .status,
    ).toBe(404);
  });

  it('lists the legal holds in place to either party’s org admin, not once lifted, and to nobody else', async () => {
    const police = await login(app, clock, policeAdmin);
    const partner = await login(app, clock, partnerAdmin);
    const created = await http()
      .post('/api/v1/agreements')
      .set('Authorization', `Bearer ${police}`)
      .send({ counterpartOrgId: partnerOrgId, title: 'Held', templateKey: 'one-way-shooting-notifications' });
    const agreementId = created.body.id as string;
    const holds = (token: string) =>
      http().get(`/api/v1/agreements/${agreementId}/legal-holds`).set('Authorization', `Bearer ${token}`);
    expect((await holds(police)).body).toEqual([]);

    const set = await http()
      .post(`/api/v1/agreements/${agreementId}/legal-holds`)
      .set('Authorization', `Bearer ${police}`)
      .send({ reason: 'records_request' });
    expect(set.status).toBe(201);
    const listed = await holds(partner);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([{ id: set.body.id, agreementId, reason: 'records_request', setAt: set.body.setAt }]);

    expect((await holds(await login(app, clock, worker))).status).toBe(403);
    expect((await holds(await login(app, clock, outsiderAdmin))).status).toBe(404);

    const lifted = await http()
      .post(`/api/v1/legal-holds/${set.body.id}/lift`)
      .set('Authorization', `Bearer ${partner}`);
    expect(lifted.status).toBe(201);
    expect((await holds(police)).body).toEqual([]);
  });

  it('answers bad input with a 4xx and a code, changing nothing', async () => {
    const police = await login(app, clock, policeAdmin);
    const before = await http().get('/api/v1/agreements').set('Authorization', `Bearer ${police}`);
    for (const body of [
      { counterpartOrgId: 'not-a-uuid', title: 'x' },
      { counterpartOrgId: partnerOrgId, title: '' },
      { counterpartOrgId: partnerOrgId, title: 'x', extra: true },
      { counterpartOrgId: partnerOrgId, title: 'x', templateKey: 'no-such-template' },
    ]) {
      const res = await http().post('/api/v1/agreements').set('Authorization', `Bearer ${police}`).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const diff = await http()
      .get(`/api/v1/agreements/${before.body[0].id}/diff?from=abc&to=1`)
      .set('Authorization', `Bearer ${police}`);
    expect(diff.status).toBe(400);
    const after = await http().get('/api/v1/agreements').set('Authorization', `Bearer ${police}`);
    expect(after.body.length).toBe(before.body.length);
  });
});
