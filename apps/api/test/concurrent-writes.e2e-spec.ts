import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ManualClock } from '@accord/identity';
import {
  createTestDatabase,
  login,
  sampleIncident,
  type TestDatabase,
  type TwoWayPartnership,
  twoWayPartnership,
  waitForDeliveries,
} from '@accord/testing';
import { startApiWithClock } from './test-api';

const REFERRALS = 50;
/** Referral lifecycles in flight at once; the rest wait for a free lane. */
const LANES = 10;
const INCIDENTS = 20;
const LIFECYCLE = ['accepted', 'assigned', 'contact_attempted', 'engaged'] as const;

const PERSON = (i: number) => ({
  name: `Person Number${i} Testcase`,
  contact: `312-555-${String(1000 + i)}`,
  age: 19,
  reason: 'Shot at this month; friends talk of getting even',
  riskFactors: ['prior_victimization'],
});
const CONSENT = { basis: 'written', givenOn: '2026-11-20' };

/**
 * The class of bug in issue 10: a write path that takes its agreement's audit-stream lock before
 * its row locks deadlocks with one that takes them the other way round (the delivery job). Here
 * everything that writes under one agreement runs at once — referral steps (each sending a status
 * back), incident shares, and the in-process deliveries of both — and PostgreSQL must have
 * detected no deadlock at all, not even one a retry would have hidden.
 */
describe('concurrent referral transitions, shares and deliveries on one agreement', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let clock: ManualClock;
  let p: TwoWayPartnership;
  let owner: Client;
  let closed = false;

  const deadlocks = async (): Promise<number> => {
    await owner.query('SELECT pg_stat_clear_snapshot()');
    return Number(
      (await owner.query<{ deadlocks: string }>('SELECT deadlocks FROM pg_stat_database WHERE datname = $1', [db.name]))
        .rows[0]!.deadlocks,
    );
  };

  beforeAll(async () => {
    db = await createTestDatabase('concurrentwrites');
    ({ app, clock } = await startApiWithClock(db));
    p = await twoWayPartnership(app, clock);
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
  }, 180_000);

  afterAll(async () => {
    await owner?.end();
    if (!closed) await app?.close();
    await db?.drop();
  });

  it(
    `drives ${REFERRALS} referrals from sent to engaged while ${INCIDENTS} incidents are shared and delivered: no ` +
      `deadlock, no 5xx`,
    async () => {
      const deadlocksBefore = await deadlocks();
      const [liaison, manager, worker] = [
        await login(app, clock, p.liaison),
        await login(app, clock, p.manager),
        await login(app, clock, p.worker),
      ];
      const http = () => request(app.getHttpServer());
      const failures: string[] = [];
      const expectStatus = (what: string, res: request.Response, status: number) => {
        if (res.status !== status)
          failures.push(`${what}: ${res.status} ${JSON.stringify(res.body?.error ?? res.body)}`);
        return res;
      };

      const referralIds: string[] = [];
      const lifecycle = async (i: number) => {
        const created = expectStatus(
          'create',
          await http()
            .post('/api/v1/referrals')
            .set('Authorization', `Bearer ${liaison}`)
            .send({ agreementId: p.agreementId, person: PERSON(i), consent: CONSENT }),
          201,
        );
        const id = created.body.id as string;
        if (!id) return;
        referralIds.push(id);
        for (const to of LIFECYCLE) {
          const token = to === 'accepted' || to === 'assigned' ? manager : worker;
          const body = to === 'assigned' ? { to, assigneeId: p.worker.id } : { to };
          const moved = expectStatus(
            `${to} #${i}`,
            await http().post(`/api/v1/referrals/${id}/transitions`).set('Authorization', `Bearer ${token}`).send(body),
            200,
          );
          if (moved.status !== 200) return;
        }
      };
      let next = 0;
      const lane = async () => {
        while (next < REFERRALS) await lifecycle(next++);
      };
      const shares = async () => {
        for (let i = 0; i < INCIDENTS; i++) {
          const incident = expectStatus(
            'incident',
            await http()
              .post('/api/v1/incidents')
              .set('Authorization', `Bearer ${liaison}`)
              .send(sampleIncident('Dispute near the park.')),
            201,
          );
          expectStatus(
            'share',
            await http()
              .post(`/api/v1/incidents/${incident.body.id}/share`)
              .set('Authorization', `Bearer ${liaison}`)
              .send({ redact: false }),
            200,
          );
        }
      };
      await Promise.all([...Array.from({ length: LANES }, lane), shares()]);
      await waitForDeliveries(app.get(DataSource), { timeoutMs: 60_000 });

      expect(failures).toEqual([]);
      expect(referralIds).toHaveLength(REFERRALS);
      const referrals = (
        await owner.query<{ status: string; n: number }>(
          'SELECT status, count(*)::int AS n FROM referrals GROUP BY status',
        )
      ).rows;
      expect(referrals).toEqual([{ status: 'engaged', n: REFERRALS }]);
      // Every copy, status back and alert was delivered, and each status back says engaged.
      const disclosures = (
        await owner.query<{ category: string; status: string; n: number }>(
          'SELECT category, status, count(*)::int AS n FROM disclosures GROUP BY category, status ORDER BY category',
        )
      ).rows;
      expect(disclosures).toEqual([
        { category: 'incident_notification', status: 'delivered', n: INCIDENTS },
        { category: 'referral', status: 'delivered', n: REFERRALS },
        { category: 'referral_status', status: 'delivered', n: REFERRALS },
      ]);
      const statusBack = (
        await owner.query<{ status: string; n: number }>(
          `SELECT payload->>'status' AS status, count(*)::int AS n FROM disclosures WHERE category = 'referral_status'
          GROUP BY 1`,
        )
      ).rows;
      expect(statusBack).toEqual([{ status: 'engaged', n: REFERRALS }]);
      const failedJobs = (
        await owner.query<{ job_id: string; error_code: string }>(
          `SELECT job_id, error_code FROM outbox_jobs WHERE status = 'failed'`,
        )
      ).rows;
      expect(failedJobs).toEqual([]);

      // A backend counts a deadlock in its statistics when it flushes them, at the latest when it
      // exits: close every connection of the app, wait until they are gone, then read the counter.
      closed = true;
      await app.close();
      const deadline = Date.now() + 30_000;
      while (
        Number(
          (
            await owner.query(
              'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
              [db.name],
            )
          ).rows[0].n,
        ) > 0
      ) {
        if (Date.now() > deadline) throw new Error('the app’s connections did not close');
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await deadlocks()) - deadlocksBefore).toBe(0);
    },
    300_000,
  );
});
