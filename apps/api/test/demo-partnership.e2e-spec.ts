import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig } from '@accord/config';
import { DEMO_PASSWORD, demoJourneys, demoTotpCode } from '@accord/identity';
import { DemoReferralSeeder } from '@accord/referrals';
import { DemoPartnershipSeeder } from '@accord/sharing';
import { createTestDatabase, eventually, type TestDatabase } from '@accord/testing';
import { createApiApp } from '../src/create-api-app';

const POLICE_BOARD = 'board-member@police.riverton.demo';
const OUTREACH_BOARD = 'board-member@outreach.riverton.demo';
const HOSPITAL_BOARD = 'board-member@hvip.riverton.demo';
const LIAISON = 'police-liaison@police.riverton.demo';
const WORKER = 'outreach-worker@outreach.riverton.demo';
const MANAGER = 'program-manager@outreach.riverton.demo';

/**
 * What a newcomer finds after `npm start`: active demo agreements with a board on both sides, an
 * alert in the outreach worker's inbox and a referral for the program manager to triage — and each
 * journey the banner names works through the real API.
 */
describe('demo partnerships', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let agreements: {
    id: string;
    title: string;
    partnerOrgId: string;
    versions: { status: string; boardMemberIds: string[] }[];
  }[];
  // Demo codes follow the real clock and each is accepted once, so every account logs in once.
  const tokens = new Map<string, string>();

  const http = () => request(app.getHttpServer());
  async function as(email: string): Promise<{ Authorization: string }> {
    if (!tokens.has(email)) {
      const login = await http()
        .post('/api/v1/auth/login')
        .send({ email, password: DEMO_PASSWORD, code: demoTotpCode(email), client: 'api' });
      expect({ email, status: login.status }).toEqual({ email, status: 200 });
      tokens.set(email, login.body.token as string);
    }
    return { Authorization: `Bearer ${tokens.get(email)}` };
  }
  async function userId(email: string): Promise<string> {
    const [row] = await app.get(DataSource).query(`SELECT id FROM users WHERE email = $1`, [email]);
    return row.id as string;
  }

  beforeAll(async () => {
    db = await createTestDatabase('demopartner');
    app = await createApiApp(loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.appUrl }), false);
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it(
    'seeds two active agreements, each naming a board member of the police and of the partner, a shared sample ' +
      'incident and one referral, once',
    async () => {
      expect(await app.get(DemoPartnershipSeeder).seed()).toBe(2);
      expect(await app.get(DemoPartnershipSeeder).seed()).toBe(0);
      expect(await app.get(DemoReferralSeeder).seed()).toBe(1);
      expect(await app.get(DemoReferralSeeder).seed()).toBe(0);

      const listed = await http()
        .get('/api/v1/agreements')
        .set(await as('org-admin@police.riverton.demo'));
      expect(listed.status).toBe(200);
      agreements = listed.body;
      expect(agreements).toHaveLength(2);
      const boards = Object.fromEntries(
        agreements.map((a) => [a.title, a.versions.find((v) => v.status === 'active')?.boardMemberIds]),
      );
      expect(boards).toEqual({
        'Riverton shooting response partnership': [await userId(POLICE_BOARD), await userId(OUTREACH_BOARD)],
        'Riverton General bedside intervention': [await userId(POLICE_BOARD), await userId(HOSPITAL_BOARD)],
      });
      // Both referral flows reach the managers who accept and assign, and the workers assigned.
      const full = await http()
        .get(`/api/v1/agreements/${agreements[0]!.id}`)
        .set(await as('org-admin@police.riverton.demo'));
      for (const agreement of [full.body, ...agreements]) {
        const active = agreement.versions.find((v: { status: string }) => v.status === 'active');
        const referralFlows = active.sharingParameters.flows.filter(
          (f: { category: string }) => f.category === 'referral',
        );
        expect(referralFlows).toHaveLength(1);
        expect(referralFlows[0].audience).toEqual(['program_manager', 'outreach_worker']);
      }
    },
  );

  it('outreach worker: finds the sample alert in the inbox, as released (never the case number)', async () => {
    const worker = await as(WORKER);
    const items = await eventually(async () => {
      const res = await http().get('/api/v1/inbox').set(worker);
      return res.body.items?.length > 0 ? (res.body.items as { disclosureId: string; category: string }[]) : undefined;
    });
    expect(items).toHaveLength(1);
    expect(items[0]!.category).toBe('incident_notification');
    const alert = await http().get(`/api/v1/inbox/${items[0]!.disclosureId}`).set(worker);
    expect(alert.body.payload.location.block).toBe('1400 block of W Chicago Ave');
    expect(JSON.stringify(alert.body)).not.toContain('RV-2026-0001');
  });

  it('police liaison: sees the referral they sent, in full', async () => {
    const res = await http()
      .get('/api/v1/referrals')
      .set(await as(LIAISON));
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0].person.name).toBe('Jordan Example');
  });

  it(
    'program manager: sees the demo referral, lists the workers, ' + 'accepts and assigns it; the worker then reads it',
    async () => {
      const manager = await as(MANAGER);
      const referrals = await http().get('/api/v1/referrals').set(manager);
      expect(referrals.status).toBe(200);
      expect(referrals.body.items).toHaveLength(1);
      const referral = referrals.body.items[0];
      expect(referral).toMatchObject({ status: 'sent', consentBasis: 'verbal', assignedTo: null });
      expect(referral.person.name).toBe('Jordan Example');

      const workers = await http().get('/api/v1/organizations/me/workers').set(manager);
      expect(workers.status).toBe(200);
      expect(workers.body.items).toEqual([
        { id: await userId(WORKER), displayName: 'Marcus Reyes', roles: ['outreach_worker'] },
      ]);

      // Before assignment the worker cannot see it.
      expect(
        (
          await http()
            .get(`/api/v1/referrals/${referral.id}`)
            .set(await as(WORKER))
        ).status,
      ).toBe(404);
      expect(
        (await http().post(`/api/v1/referrals/${referral.id}/transitions`).set(manager).send({ to: 'accepted' }))
          .status,
      ).toBe(200);
      const assigned = await http()
        .post(`/api/v1/referrals/${referral.id}/transitions`)
        .set(manager)
        .send({ to: 'assigned', assigneeId: workers.body.items[0].id });
      expect(assigned.status).toBe(200);
      const seen = await http()
        .get(`/api/v1/referrals/${referral.id}`)
        .set(await as(WORKER));
      expect(seen.status).toBe(200);
      expect(seen.body).toMatchObject({ status: 'assigned', person: { name: 'Jordan Example' } });
    },
  );

  it('org admins: each side sees its agreements and manages its people', async () => {
    for (const email of ['org-admin@police.riverton.demo', 'org-admin@outreach.riverton.demo']) {
      const admin = await as(email);
      const mine = await http().get('/api/v1/agreements').set(admin);
      expect({ email, status: mine.status }).toEqual({ email, status: 200 });
      expect(mine.body.length).toBeGreaterThan(0);
      const people = await http().get('/api/v1/users').set(admin);
      expect(people.status).toBe(200);
      expect(people.body.map((u: { email: string }) => u.email)).toContain(email);
    }
  });

  it('board members of both sides: read the agreement’s audit trail and its report, never its content', async () => {
    const partnership = agreements.find((a) => a.title === 'Riverton shooting response partnership')!;
    const period =
      `from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}&to=` +
      `${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`;
    for (const email of [POLICE_BOARD, OUTREACH_BOARD]) {
      const board = await as(email);
      const audit = await http().get(`/api/v1/agreements/${partnership.id}/audit`).set(board);
      expect({ email, status: audit.status }).toEqual({ email, status: 200 });
      const actions = (audit.body.entries as { action: string }[]).map((e) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining(['agreement.version.activate', 'disclosure.create', 'referral.create']),
      );
      const report = await http().get(`/api/v1/agreements/${partnership.id}/report?${period}`).set(board);
      expect({ email, status: report.status }).toEqual({ email, status: 200 });
      expect(report.body.shares).toEqual(
        expect.arrayContaining([expect.objectContaining({ category: 'incident_notification' })]),
      );
      expect((await http().get('/api/v1/referrals').set(board)).status).toBe(403);
    }
    // A board member of the other partnership is told this one does not exist.
    expect(
      (
        await http()
          .get(`/api/v1/agreements/${partnership.id}/audit`)
          .set(await as(HOSPITAL_BOARD))
      ).status,
    ).toBe(404);
  });

  it('every account the banner names for a journey logs in and holds that journey’s role', async () => {
    const journeys = demoJourneys();
    expect(journeys).toHaveLength(5);
    for (const journey of journeys) {
      expect(journey.accounts.length).toBeGreaterThan(0);
      for (const account of journey.accounts) {
        const me = await http()
          .get('/api/v1/me')
          .set(await as(account.email));
        expect({ journey: journey.key, email: account.email, roles: me.body.roles }).toEqual({
          journey: journey.key,
          email: account.email,
          roles: [account.role],
        });
      }
    }
  });
});
