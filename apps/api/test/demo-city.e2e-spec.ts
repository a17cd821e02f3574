import { randomBytes } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { agreementStream, AuditVerificationService } from '@accord/audit';
import { loadConfig } from '@accord/config';
import {
  DEMO_OUTREACH_DOMAIN,
  DEMO_PASSWORD,
  DEMO_POLICE_DOMAIN,
  DemoCitySeeder,
  demoAccounts,
  demoAccountsListing,
  demoJourneys,
  demoTotpCode,
} from '@accord/identity';
import { Role } from '@accord/policy';
import { DemoHistorySeeder } from '@accord/referrals';
import { ReportsService } from '@accord/reports';
import { createTestDatabase, type TestDatabase, waitForDeliveries } from '@accord/testing';
import { createApiApp } from '../src/create-api-app';

describe('demo city', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;

  beforeAll(async () => {
    db = await createTestDatabase('democity');
    app = await createApiApp(
      loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: db.appUrl,
        DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      }),
      false,
    );
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('seeds one account per role in four organizations plus an operator, idempotently', async () => {
    const seeder = app.get(DemoCitySeeder);
    expect(await seeder.seed()).toBe(demoAccounts().length);
    expect(await seeder.seed()).toBe(0);
    const owner = await db.connectApp(1);
    const orgs = await owner.query<{ kind: string }[]>(`SELECT kind FROM organizations ORDER BY kind`);
    expect(orgs.map((o) => o.kind)).toEqual(['city', 'community', 'hospital', 'platform', 'police']);
    // Each person has a (made-up) name, so a program manager picks workers by name.
    const people = await owner.query<{ email: string; display_name: string | null }[]>(
      `SELECT email, display_name FROM users WHERE is_demo ORDER BY email`,
    );
    expect(people).toEqual(
      demoAccounts()
        .map((a) => ({ email: a.email, display_name: a.displayName }))
        .sort((a, b) => a.email.localeCompare(b.email)),
    );
    const audited = await owner.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_entries WHERE action = 'user.create' AND reason = 'DEMO_SEED'`,
    );
    expect(audited[0]!.n).toBe(demoAccounts().length);
  });

  it(
    'lists each journey with its accounts, then every other ' + 'account, once each (npm run accord -- demo-accounts)',
    () => {
      const listing = demoAccountsListing();
      for (const journey of demoJourneys()) expect(listing).toContain(`${journey.summary} (${journey.key}):`);
      for (const account of demoAccounts())
        expect(listing.filter((line) => line.includes(`${account.email} `))).toHaveLength(1);
      expect(listing.join('\n')).toContain(DEMO_PASSWORD);
    },
  );

  it('lets a person log in as a demo account with the printed password and demo-code', async () => {
    const email = 'police-liaison@police.riverton.demo';
    const res = await request(app.getHttpServer())
      .post('/api/v1/auth/login')
      .send({ email, password: DEMO_PASSWORD, code: demoTotpCode(email), client: 'api' });
    expect(res.status).toBe(200);
    const me = await request(app.getHttpServer()).get('/api/v1/me').set('Authorization', `Bearer ${res.body.token}`);
    expect(me.body.roles).toEqual(['police_liaison']);
    expect(demoTotpCode('someone@else.example')).toBeNull();
  });

  it(
    'writes weeks of history through the real services, at the times they stand for, once: alerts acknowledged ' +
      'mostly in time, responses and walks, follow-ups, referrals in every state, concerns back',
    async () => {
      const started = Date.now();
      const steps = await app.get(DemoHistorySeeder).seed();
      const took = Date.now() - started;
      expect(steps).toBeGreaterThan(80);
      expect(await app.get(DemoHistorySeeder).seed()).toBe(0);
      // What it adds to a demo start (docs/reports.md): a few seconds; bounded loosely for a loaded machine.
      expect(took).toBeLessThan(60_000);
      // The sample alert the partnership's seed writes at the present goes out by the delivery job, which on a
      // loaded machine may not have run yet: wait for it, so every alert counted below was delivered.
      await waitForDeliveries(app.get(DataSource));
      const owner = await db.connectApp(1);
      const [agreement] = await owner.query<{ id: string }[]>(
        `SELECT id FROM agreements WHERE title = 'Riverton shooting response partnership'`,
      );
      const id = agreement!.id;
      const [alerts] = await owner.query<Record<string, number>[]>(
        `SELECT count(*)::int AS alerts, count(*) FILTER (WHERE sla_met)::int AS in_time,
                count(*) FILTER (WHERE NOT sla_met)::int AS late,
                count(DISTINCT date_trunc('week', created_at))::int AS weeks,
                (extract(epoch FROM now() - min(created_at)) / 86400)::int AS days,
                count(*) FILTER (WHERE delivered_at IS NULL OR delivered_at > created_at + interval '1 minute'
                  OR acknowledged_at < delivered_at)::int AS out_of_time
         FROM disclosures WHERE agreement_id = $1 AND category = 'incident_notification'`,
        [id],
      );
      expect(alerts!.alerts).toBeGreaterThan(20);
      expect(alerts!.weeks).toBeGreaterThanOrEqual(5);
      expect(alerts!.days).toBeGreaterThanOrEqual(35);
      expect(alerts!.in_time).toBeGreaterThan(2 * alerts!.late);
      expect(alerts!.late).toBeGreaterThan(0);
      // Delivered in their step, at the history's time — not later by the delivery job.
      expect(alerts!.out_of_time).toBe(0);
      const [responses] = await owner.query<Record<string, number>[]>(
        `SELECT count(*)::int AS recorded,
                count(*) FILTER (WHERE 'post_incident_walk' = ANY(response_types))::int AS walks,
                count(follow_up_done_at)::int AS followed_up
         FROM disclosure_responses r JOIN disclosures d ON d.id = r.disclosure_id WHERE d.agreement_id = $1`,
        [id],
      );
      expect(responses).toMatchObject({
        recorded: expect.any(Number),
        walks: expect.any(Number),
        followed_up: expect.any(Number),
      });
      expect(responses!.walks).toBeGreaterThan(5);
      expect(responses!.followed_up).toBeGreaterThan(5);
      const statuses = await owner.query<{ status: string }[]>(
        `SELECT DISTINCT status FROM referrals WHERE agreement_id = $1`,
        [id],
      );
      expect(statuses.length).toBeGreaterThanOrEqual(4);
      // The audit tells the same time as the rows: each acknowledgement is recorded when the row says it was made.
      const [mismatch] = await owner.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_entries e JOIN disclosures d ON d.id::text = e.subject_id
         WHERE e.stream = $1 AND e.action = 'disclosure.acknowledge'
           AND d.category IN ('incident_notification', 'community_concern')
           AND abs(extract(epoch FROM e.occurred_at - d.acknowledged_at)) > 5`,
        [agreementStream(id)],
      );
      expect(mismatch!.n).toBe(0);
      expect((await app.get(AuditVerificationService).verifyStream(agreementStream(id))).ok).toBe(true);

      // The board's report has trends to draw: most weeks have alerts, and the times have medians.
      const board = await app.get(DemoCitySeeder).actAs(Role.BoardMember, DEMO_POLICE_DOMAIN);
      const to = new Date();
      const from = new Date(to.getTime() - 56 * 86_400_000);
      const report = await app.get(ReportsService).report(board, id, from.toISOString(), to.toISOString());
      expect(report.series.interval).toBe('week');
      expect(report.series.points.filter((p) => p.alerts !== 0).length).toBeGreaterThanOrEqual(5);
      expect(report.measures.timings.shareToAcknowledgement.medianSeconds).toEqual(expect.any(Number));
      expect(report.measures.timings.incidentToShare.p90Seconds).toEqual(expect.any(Number));
      expect(report.measures.referrals.sent).toEqual(expect.any(Number));
      expect(report.slaTargetHours).toBe(4);
      const partner = await app.get(DemoCitySeeder).actAs(Role.BoardMember, DEMO_OUTREACH_DOMAIN);
      expect(
        (await app.get(ReportsService).report(partner, id, from.toISOString(), to.toISOString())).measures,
      ).toEqual(report.measures);
    },
    180_000,
  );
});
