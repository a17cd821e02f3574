import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  clearRedisPrefix,
  createTestDatabase,
  eventually,
  login,
  type Partnership,
  partnership,
  type RedisProxy,
  redisProxy,
  sampleIncident,
  type TestDatabase,
  testRedisPrefix,
} from '@accord/testing';
import { startApiWithClock } from './test-api';

/**
 * docs/security.md "Reliability": with Redis down, a share still commits and reaches the inbox (its
 * delivery is part of its transaction) and the API keeps answering; its jobs wait in the outbox, and
 * when Redis returns the relay catches up — each job runs once.
 */
describe('sharing while Redis is down (BullMQ worker in this process)', () => {
  let db: TestDatabase;
  let prefix: string;
  let proxy: RedisProxy;
  let p: Partnership;

  beforeAll(async () => {
    db = await createTestDatabase('redisoutage');
    prefix = testRedisPrefix('redisoutage');
    proxy = await redisProxy(true);
    const { app, clock } = await startApiWithClock(db, {
      REDIS_URL: proxy.url,
      REDIS_KEY_PREFIX: prefix,
      RUN_WORKER_IN_PROCESS: 'true',
    });
    p = await partnership(app, clock);
  }, 120_000);

  afterAll(async () => {
    proxy?.setUp(true);
    await p?.app.close();
    await proxy?.close();
    await db?.drop();
    await clearRedisPrefix(prefix);
  });

  it(
    'commits and delivers the share at once while Redis is away; its live event waits in the outbox and runs once ' +
      'when Redis returns',
    async () => {
      const http = () => request(p.app.getHttpServer());
      const liaison = await login(p.app, p.clock, p.liaison);
      const worker = await login(p.app, p.clock, p.worker);
      const incident = await http()
        .post('/api/v1/incidents')
        .set('Authorization', `Bearer ${liaison}`)
        .send(sampleIncident('Dispute near the park.'));

      proxy.setUp(false);
      const started = Date.now();
      const shared = await http()
        .post(`/api/v1/incidents/${incident.body.id}/share`)
        .set('Authorization', `Bearer ${liaison}`)
        .send({ redact: false });
      expect(shared.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(3000);
      const disclosureId = shared.body[0].disclosureId as string;

      const health = await http().get('/health');
      expect(health.status).toBe(200);
      expect(health.body.checks.redis.status).toBe('down');
      // The alert is delivered inside the share's transaction (docs/sharing.md "Delivery"): it is in the inbox
      // although Redis is away. What needs Redis — the live event's fallback — waits in the outbox, not handed over.
      const meanwhile = await http().get('/api/v1/inbox').set('Authorization', `Bearer ${worker}`);
      expect(meanwhile.status).toBe(200);
      expect(meanwhile.body.items.map((i: { disclosureId: string }) => i.disclosureId)).toEqual([disclosureId]);
      const fallbackOf = () =>
        p.app
          .get(DataSource)
          .query(`SELECT status FROM outbox_jobs WHERE job_id = $1`, [`delivery.inbox-event/${disclosureId}`]);
      expect(await fallbackOf()).toEqual([{ status: 'pending' }]);

      proxy.setUp(true);
      // The relay hands the fallback over once Redis is back and the worker runs it (the announcement during the
      // outage failed, so it is the one that tells the streams); the inbox still holds the alert once.
      await eventually(async () => {
        const [job] = await fallbackOf();
        return job?.status === 'completed' ? job : undefined;
      }, 30_000);
      const inbox = await http().get('/api/v1/inbox').set('Authorization', `Bearer ${worker}`);
      expect(inbox.body.items.map((i: { disclosureId: string }) => i.disclosureId)).toEqual([disclosureId]);
      const view = await http()
        .get(`/api/v1/incidents/${incident.body.id}/disclosures`)
        .set('Authorization', `Bearer ${liaison}`);
      expect(view.body[0].status).toBe('delivered');
    },
  );
});
