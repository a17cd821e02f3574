import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { inTransaction } from '@accord/database';
import {
  clearRedisPrefix,
  createTestDatabase,
  TEST_REDIS_URL,
  testRedisPrefix,
  type TestDatabase,
} from '@accord/testing';
import { JobName, QueueName } from './job-names';
import { JobPayloadError } from './job-payload';
import { RELAY_LOOKAHEAD_MS } from './jobs.constants';
import { OutboxRelay, RedisUnavailableError } from './outbox.relay';
import { OutboxService } from './outbox.service';
import { redisProxy, sleep, waitFor } from '../test/helpers';

describe('transactional outbox and relay', () => {
  const outbox = new OutboxService();
  let db: TestDatabase;
  let app: DataSource;
  let owner: Client;
  let prefix: string;
  let auditQueue: Queue;
  const relays: OutboxRelay[] = [];

  const relay = (redisUrl: string, extra: Partial<ConstructorParameters<typeof OutboxRelay>[1]> = {}) => {
    const created = new OutboxRelay(app, {
      redisUrl,
      keyPrefix: prefix,
      pollIntervalMs: 50,
      retryMinMs: 20,
      retryMaxMs: 200,
      ...extra,
    });
    relays.push(created);
    return created;
  };
  const enqueue = (jobId: string) => inTransaction(app, (tx) => outbox.enqueue(tx, JobName.AuditVerify, {}, { jobId }));
  const rows = async () =>
    (await owner.query<{ job_id: string; status: string }>(`SELECT job_id, status FROM outbox_jobs ORDER BY job_id`))
      .rows;
  const jobIdsInRedis = async () =>
    (await auditQueue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).map((job) => job.id).sort();
  const drain = async (r: OutboxRelay) => {
    let total = 0;
    for (let n = await r.relayOnce(); n > 0; n = await r.relayOnce()) total += n;
    return total;
  };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase('outbox');
    app = await db.connectApp(8);
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    prefix = testRedisPrefix('outbox');
    auditQueue = new Queue(QueueName.Audit, { connection: { url: TEST_REDIS_URL }, prefix });
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await owner.query('DELETE FROM outbox_jobs');
    await auditQueue.obliterate({ force: true });
  });

  afterAll(async () => {
    await auditQueue.close();
    await owner.end();
    await db.drop();
    await clearRedisPrefix(prefix);
  });

  it('writes no row and produces no job when the transaction rolls back', async () => {
    await expect(
      inTransaction(app, async (tx) => {
        await outbox.enqueue(tx, JobName.AuditVerify, {}, { jobId: 'rolled-back' });
        throw new Error('the use case failed after enqueueing');
      }),
    ).rejects.toThrow('the use case failed');
    expect(await rows()).toEqual([]);
    const live = relay(TEST_REDIS_URL, { listen: false });
    await live.openRedis();
    expect(await live.relayOnce()).toBe(0);
    expect(await jobIdsInRedis()).toEqual([]);
  });

  it('refuses to enqueue outside a transaction', async () => {
    await expect(outbox.enqueue(app.manager, JobName.AuditVerify, {})).rejects.toThrow(
      /OutboxService.enqueue must be called with the EntityManager of an open transaction/,
    );
    expect(await rows()).toEqual([]);
  });

  it('refuses a payload carrying free text (a name) and writes nothing', async () => {
    const attempt = inTransaction(app, (tx) =>
      outbox.enqueue(tx, JobName.AuditVerify, { person: 'John Smith' } as never),
    );
    await expect(attempt).rejects.toThrow(JobPayloadError);
    await expect(attempt).rejects.toThrow(/field "person" must be an id/);
    expect(await rows()).toEqual([]);
  });

  it('keeps a single pending row per job id', async () => {
    const first = await enqueue('same-work');
    const second = await enqueue('same-work');
    expect(first).toEqual({ jobId: 'audit.verify/same-work', created: true });
    expect(second).toEqual({ jobId: 'audit.verify/same-work', created: false });
    expect(await rows()).toEqual([{ job_id: 'audit.verify/same-work', status: 'pending' }]);
  });

  it('asks for several jobs in one statement; one asked for twice, or already pending, is made once', async () => {
    await enqueue('pending-already');
    const results = await inTransaction(app, (tx) =>
      outbox.enqueueAll(tx, [
        { name: JobName.AuditVerify, payload: {}, options: { jobId: 'one' } },
        { name: JobName.AuditVerify, payload: {}, options: { jobId: 'pending-already' } },
        { name: JobName.AuditVerify, payload: {}, options: { jobId: 'two' } },
        { name: JobName.AuditVerify, payload: {}, options: { jobId: 'one' } },
      ]),
    );
    expect(results).toEqual([
      { jobId: 'audit.verify/one', created: true },
      { jobId: 'audit.verify/pending-already', created: false },
      { jobId: 'audit.verify/two', created: true },
      { jobId: 'audit.verify/one', created: false },
    ]);
    expect(await rows()).toEqual([
      { job_id: 'audit.verify/one', status: 'pending' },
      { job_id: 'audit.verify/pending-already', status: 'pending' },
      { job_id: 'audit.verify/two', status: 'pending' },
    ]);
    // All checked before anything is written: one bad request writes none of them.
    const mixed = inTransaction(app, (tx) =>
      outbox.enqueueAll(tx, [
        { name: JobName.AuditVerify, payload: {}, options: { jobId: 'three' } },
        { name: JobName.AuditVerify, payload: { person: 'John Smith' } as never },
      ]),
    );
    await expect(mixed).rejects.toThrow(JobPayloadError);
    expect((await rows()).map((r) => r.job_id)).not.toContain('audit.verify/three');
  });

  it(
    'keeps rows while Redis is unreachable without slowing the ' + 'enqueuer, then relays each into exactly one job',
    async () => {
      const down = relay('redis://127.0.0.1:1');
      await down.start();
      const ids = Array.from({ length: 20 }, (_, i) => `row-${String(i).padStart(2, '0')}`);
      const durations: number[] = [];
      for (const id of ids) {
        const started = Date.now();
        await enqueue(id);
        durations.push(Date.now() - started);
      }
      // The enqueuer only writes to Postgres: no request ever waits for Redis.
      expect(Math.max(...durations)).toBeLessThan(500);
      await sleep(300);
      const started = Date.now();
      await expect(down.relayOnce()).rejects.toThrow(RedisUnavailableError);
      expect(Date.now() - started).toBeLessThan(500);
      expect((await rows()).map((r) => r.status)).toEqual(ids.map(() => 'pending'));
      await down.stop();

      // Two relays against the real Redis share the rows; neither hands one out twice.
      const first = relay(TEST_REDIS_URL, { listen: false, batchSize: 3 });
      const second = relay(TEST_REDIS_URL, { listen: false, batchSize: 3 });
      await Promise.all([first.openRedis(), second.openRedis()]);
      const [a, b] = await Promise.all([drain(first), drain(second)]);
      expect(a + b).toBe(ids.length);
      expect((await rows()).map((r) => r.status)).toEqual(ids.map(() => 'dispatched'));
      const expected = ids.map((id) => `audit.verify/${id}`).sort();
      expect(await jobIdsInRedis()).toEqual(expected);

      // A relay that died between `add` and "mark dispatched" leaves rows pending: the re-add is ignored.
      await owner.query(`UPDATE outbox_jobs SET status = 'pending', finished_at = NULL`);
      expect(await drain(first)).toBe(ids.length);
      expect(await jobIdsInRedis()).toEqual(expected);
      const job = await auditQueue.getJob('audit.verify/row-00');
      expect(job?.opts.attempts).toBe(3);
      expect(job?.opts.backoff).toEqual({ type: 'exponential', delay: 10_000 });
    },
  );

  it('catches up by itself when Redis comes back, woken by the commit notification', async () => {
    const proxy = await redisProxy();
    try {
      // Polling is slowed right down, so a prompt dispatch after recovery shows the relay's own retry.
      const r = relay(proxy.url, { pollIntervalMs: 60_000, retryMinMs: 20, retryMaxMs: 100 });
      await r.start();
      await enqueue('while-down');
      await sleep(300);
      expect(await rows()).toEqual([{ job_id: 'audit.verify/while-down', status: 'pending' }]);
      proxy.setUp(true);
      await waitFor(async () => (await rows())[0]?.status === 'dispatched');
      expect(await jobIdsInRedis()).toEqual(['audit.verify/while-down']);

      // Once healthy, a commit wakes the relay at once through LISTEN/NOTIFY, not the poll.
      await enqueue('after-recovery');
      await waitFor(async () => (await rows()).every((row) => row.status === 'dispatched'), 3_000);

      // Down again mid-run: rows wait, and flow again once it is back.
      proxy.setUp(false);
      await waitFor(() => !r.redisReady);
      await enqueue('second-outage');
      await sleep(200);
      expect((await rows()).find((row) => row.job_id === 'audit.verify/second-outage')?.status).toBe('pending');
      proxy.setUp(true);
      await waitFor(async () => (await rows()).every((row) => row.status === 'dispatched'));
      expect(await jobIdsInRedis()).toEqual([
        'audit.verify/after-recovery',
        'audit.verify/second-outage',
        'audit.verify/while-down',
      ]);
    } finally {
      await Promise.all(relays.splice(0).map((r) => r.stop()));
      await proxy.close();
    }
  });

  it('passes a requested delay on to BullMQ once the job is due within the lookahead', async () => {
    const soon = RELAY_LOOKAHEAD_MS - 500;
    await inTransaction(app, (tx) => outbox.enqueue(tx, JobName.AuditVerify, {}, { jobId: 'soon', delayMs: soon }));
    const live = relay(TEST_REDIS_URL, { listen: false });
    await live.openRedis();
    expect(await live.relayOnce()).toBe(1);
    const job = await auditQueue.getJob('audit.verify/soon');
    expect(await job?.getState()).toBe('delayed');
    expect(job?.delay).toBeGreaterThan(soon - 1_000);
    expect(job?.delay).toBeLessThanOrEqual(soon);
  });

  it('keeps a job due later than the lookahead in the database, where it can still be withdrawn', async () => {
    await inTransaction(app, (tx) => outbox.enqueue(tx, JobName.AuditVerify, {}, { jobId: 'later', delayMs: 60_000 }));
    const live = relay(TEST_REDIS_URL, { listen: false });
    await live.openRedis();
    expect(await live.relayOnce()).toBe(0);
    expect(await auditQueue.getJob('audit.verify/later')).toBeUndefined();
    expect(await outbox.withdraw(app.manager, JobName.AuditVerify, 'later')).toBe(true);
    expect(await app.query(`SELECT id FROM outbox_jobs WHERE job_id = 'audit.verify/later'`)).toEqual([]);
    // Gone: a second withdrawal finds nothing, and nothing is left to relay.
    expect(await outbox.withdraw(app.manager, JobName.AuditVerify, 'later')).toBe(false);
    expect(await live.relayOnce()).toBe(0);
  });
});
