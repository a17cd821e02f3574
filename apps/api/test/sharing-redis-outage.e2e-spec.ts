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
 * docs/security.md "Reliability": with Redis down, a share still commits (its delivery waits in the
 * outbox) and the API keeps answering; when Redis returns, the relay catches up and the
 * notification reaches the inbox — exactly once.
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
    'commits the share at once, delivers nothing while Redis is ' + 'away, and delivers exactly once when it returns',
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
      // Delivery runs only as a BullMQ job, and its outbox row has not been handed to Redis: nothing
      // can have reached the inbox, and the inbox says so.
      const waiting = await p.app
        .get(DataSource)
        .query(`SELECT status FROM outbox_jobs WHERE job_id = $1`, [`delivery.disclosure/${disclosureId}`]);
      expect(waiting).toEqual([{ status: 'pending' }]);
      const meanwhile = await http().get('/api/v1/inbox').set('Authorization', `Bearer ${worker}`);
      expect(meanwhile.status).toBe(200);
      expect(meanwhile.body.items).toEqual([]);

      proxy.setUp(true);
      const inbox = await eventually(async () => {
        const res = await http().get('/api/v1/inbox').set('Authorization', `Bearer ${worker}`);
        return res.body.items?.length ? res.body.items : undefined;
      }, 30_000);
      expect(inbox.map((i: { disclosureId: string }) => i.disclosureId)).toEqual([disclosureId]);
      const view = await http()
        .get(`/api/v1/incidents/${incident.body.id}/disclosures`)
        .set('Authorization', `Bearer ${liaison}`);
      expect(view.body[0].status).toBe('delivered');
    },
  );
});
