import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { type ManualClock, OrganizationsService } from '@accord/identity';
import { OrgKind, Role } from '@accord/policy';
import {
  createTestDatabase,
  enroll,
  type EnrolledUser,
  invite,
  login,
  organizationWithAdmin,
  type TestDatabase,
} from '@accord/testing';
import { startApiWithClock } from './test-api';

const WORKERS = '/api/v1/organizations/me/workers';

/**
 * GET /organizations/me/workers: whom a program manager may assign a referral to. Exactly the
 * enabled outreach workers of the caller's own organization, with id, display name and roles and
 * nothing else of the users table; every role but program managers and org admins gets 403.
 */
describe('workers to assign to (e2e, real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let clock: ManualClock;
  const people: Record<string, EnrolledUser> = {};
  let pendingWorkerId: string;

  const http = () => request(app.getHttpServer());
  const as = async (who: string) => ({ Authorization: `Bearer ${await login(app, clock, people[who]!)}` });

  beforeAll(async () => {
    db = await createTestDatabase('workers');
    ({ app, clock } = await startApiWithClock(db));
    const streets = await organizationWithAdmin(
      app,
      clock,
      'Safe Streets Riverton',
      OrgKind.Community,
      'admin@safestreets.test',
    );
    const hospital = await organizationWithAdmin(
      app,
      clock,
      'Riverton General HVIP',
      OrgKind.Hospital,
      'admin@hvip.test',
    );
    const police = await organizationWithAdmin(
      app,
      clock,
      'Riverton Police Department',
      OrgKind.Police,
      'admin@riverton-pd.test',
    );
    people.streetsAdmin = streets.admin;
    people.hospitalAdmin = hospital.admin;
    people.policeAdmin = police.admin;
    const streetsAdmin = await login(app, clock, streets.admin);
    people.manager = await invite(
      app,
      clock,
      streetsAdmin,
      'manager@safestreets.test',
      [Role.ProgramManager],
      'Andre Simmons',
    );
    people.playingCoach = await invite(
      app,
      clock,
      streetsAdmin,
      'coach@safestreets.test',
      [Role.ProgramManager, Role.OutreachWorker],
      'Carmen Diaz',
    );
    people.worker = await invite(
      app,
      clock,
      streetsAdmin,
      'worker@safestreets.test',
      [Role.OutreachWorker],
      'Marcus Reyes',
    );
    people.unnamed = await invite(app, clock, streetsAdmin, 'unnamed@safestreets.test', [Role.OutreachWorker]);
    people.leaver = await invite(
      app,
      clock,
      streetsAdmin,
      'leaver@safestreets.test',
      [Role.OutreachWorker],
      'Bo Leaver',
    );
    people.board = await invite(app, clock, streetsAdmin, 'board@safestreets.test', [Role.BoardMember], 'Ruth Gaines');
    const pending = await http()
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${streetsAdmin}`)
      .send({ email: 'pending@safestreets.test', roles: [Role.OutreachWorker], displayName: 'Not Enrolled Yet' });
    expect(pending.status).toBe(201);
    pendingWorkerId = pending.body.user.id as string;
    const disabled = await http()
      .post(`/api/v1/users/${people.leaver.id}/disable`)
      .set('Authorization', `Bearer ${streetsAdmin}`);
    expect(disabled.body.status).toBe('disabled');
    const hospitalAdmin = await login(app, clock, hospital.admin);
    people.hospitalManager = await invite(
      app,
      clock,
      hospitalAdmin,
      'manager@hvip.test',
      [Role.ProgramManager],
      'Lena Park',
    );
    people.hospitalWorker = await invite(
      app,
      clock,
      hospitalAdmin,
      'worker@hvip.test',
      [Role.OutreachWorker],
      'Tariq Hollis',
    );
    people.liaison = await invite(
      app,
      clock,
      await login(app, clock, police.admin),
      'liaison@riverton-pd.test',
      [Role.PoliceLiaison],
      'Sgt. Luis Ortega',
    );
    const operator = await app
      .get(OrganizationsService)
      .createOperator({ bypassAuthorization: 'command-line' }, 'operator@accord.test');
    people.operator = await enroll(app, clock, operator.enrollment.url, 'operator@accord.test');
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it(
    'gives a program manager exactly the enabled outreach workers of their organization, with id, display name ' +
      'and roles only',
    async () => {
      const res = await http()
        .get(WORKERS)
        .set(await as('manager'));
      expect(res.status).toBe(200);
      // By name (unnamed last); the manager who only manages, the board member, the disabled and the not-yet-enrolled
      // worker are not assignable.
      expect(res.body.items).toEqual([
        { id: people.playingCoach!.id, displayName: 'Carmen Diaz', roles: ['outreach_worker', 'program_manager'] },
        { id: people.worker!.id, displayName: 'Marcus Reyes', roles: ['outreach_worker'] },
        { id: people.unnamed!.id, displayName: null, roles: ['outreach_worker'] },
      ]);
      expect(res.body.items.map((w: { id: string }) => w.id)).not.toContain(pendingWorkerId);
    },
  );

  it(
    'answers the same people and fields on GET /users for a ' + 'program manager: nothing more of the users table',
    async () => {
      const res = await http()
        .get('/api/v1/users')
        .set(await as('manager'));
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(3);
      for (const user of res.body as Record<string, unknown>[])
        expect(Object.keys(user).sort()).toEqual(['displayName', 'id', 'roles']);
      expect(JSON.stringify(res.body)).not.toContain('@safestreets.test');
      // Listing is not reading: a worker's own record stays out of reach.
      expect(
        (
          await http()
            .get(`/api/v1/users/${people.worker!.id}`)
            .set(await as('manager'))
        ).status,
      ).toBe(404);
    },
  );

  it('gives the org admin the same list (admins manage the people)', async () => {
    const res = await http()
      .get(WORKERS)
      .set(await as('streetsAdmin'));
    expect(res.status).toBe(200);
    expect(res.body.items.map((w: { id: string }) => w.id)).toEqual([
      people.playingCoach!.id,
      people.worker!.id,
      people.unnamed!.id,
    ]);
    for (const worker of res.body.items as Record<string, unknown>[])
      expect(Object.keys(worker).sort()).toEqual(['displayName', 'id', 'roles']);
  });

  it(
    'refuses outreach workers, board members, police liaisons and platform operators with 403, and anonymous ' +
      'callers with 401',
    async () => {
      for (const who of ['worker', 'board', 'liaison', 'operator']) {
        const res = await http()
          .get(WORKERS)
          .set(await as(who));
        expect({ who, status: res.status, code: res.body.error?.code }).toEqual({
          who,
          status: 403,
          code: 'FORBIDDEN',
        });
      }
      const anonymous = await http().get(WORKERS);
      expect(anonymous.status).toBe(401);
    },
  );

  it('shows another organization’s manager only their own workers, never ours', async () => {
    const res = await http()
      .get(WORKERS)
      .set(await as('hospitalManager'));
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { id: people.hospitalWorker!.id, displayName: 'Tariq Hollis', roles: ['outreach_worker'] },
    ]);
    expect(
      (
        await http()
          .get(`/api/v1/users/${people.worker!.id}`)
          .set(await as('hospitalManager'))
      ).status,
    ).toBe(404);
    // A police organization has no outreach workers: its admin sees an empty team.
    const police = await http()
      .get(WORKERS)
      .set(await as('policeAdmin'));
    expect(police.status).toBe(200);
    expect(police.body.items).toEqual([]);
  });

  it('drops a worker from the list the moment they are disabled, and lists them again when enabled', async () => {
    const admin = await as('streetsAdmin');
    expect((await http().post(`/api/v1/users/${people.unnamed!.id}/disable`).set(admin)).status).toBe(200);
    const without = await http()
      .get(WORKERS)
      .set(await as('manager'));
    expect(without.body.items.map((w: { id: string }) => w.id)).toEqual([people.playingCoach!.id, people.worker!.id]);
    expect((await http().post(`/api/v1/users/${people.unnamed!.id}/enable`).set(admin)).status).toBe(200);
    const again = await http()
      .get(WORKERS)
      .set(await as('manager'));
    expect(again.body.items).toHaveLength(3);
  });

  it(
    'takes a display name at invitation, trimmed, and refuses control characters or more than 100 characters ' +
      'with 400',
    async () => {
      const admin = await as('streetsAdmin');
      const trimmed = await http()
        .post('/api/v1/users')
        .set(admin)
        .send({ email: 'trim@safestreets.test', roles: [Role.OutreachWorker], displayName: '  Ana Ruiz  ' });
      expect(trimmed.status).toBe(201);
      expect(trimmed.body.user.displayName).toBe('Ana Ruiz');
      for (const displayName of ['Ana\nRuiz', 'Ana\u202eziuR', 'x'.repeat(101), '   ', 42]) {
        const res = await http()
          .post('/api/v1/users')
          .set(admin)
          .send({ email: 'bad.name@safestreets.test', roles: [Role.OutreachWorker], displayName });
        expect({ displayName, status: res.status, code: res.body.error?.code }).toEqual({
          displayName,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
      }
    },
  );
});
