import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@accord/config';
import { inTransaction } from '@accord/database';
import {
  clearRedisPrefix,
  createTestDatabase,
  TEST_REDIS_URL,
  testRedisPrefix,
  type TestDatabase,
} from '@accord/testing';
import { BullMqJobRunner, maxStalledCountFor } from './bullmq-job.runner';
import type { JobHandlerFn } from './job-handler.registry';
import { JOB_DEFINITIONS, JobName, QueueName } from './job-names';
import { OutboxRelay } from './outbox.relay';
import { OutboxService } from './outbox.service';
import { RetryLaterError } from './retry-later';
import { SCHEDULED_JOBS } from './scheduled-jobs';
import { waitFor } from '../test/helpers';

/**
 * The database decides what is owed (issue 18): a row handed to BullMQ stays owed until its
 * handler ran, and the reconciler re-adds what Redis lost. Each suite's Redis keys live under
 * its own prefix; "Redis emptied" deletes exactly those keys, never anyone else's.
 */
describe('owed outbox rows and the reconciler', () => {
  const outbox = new OutboxService();
  const config = loadConfig({ AUDIT_CHECKPOINT_INTERVAL_SECONDS: '60' });
  let db: TestDatabase;
  let app: DataSource;
  let prefix: string;
  const calls: string[] = [];
  const stops: Array<() => Promise<void>> = [];

  const relay = () => {
    const created = new OutboxRelay(app, {
      redisUrl: TEST_REDIS_URL,
      keyPrefix: prefix,
      pollIntervalMs: 50,
      retryMinMs: 20,
      retryMaxMs: 200,
      reconcile: { intervalMs: 100, graceMs: 200, recheckMs: 300 },
    });
    stops.push(() => created.stop());
    return created;
  };
  const runner = (handler: JobHandlerFn, extra: Partial<ConstructorParameters<typeof BullMqJobRunner>[1]> = {}) => {
    const created = new BullMqJobRunner(
      {
        get: (name) => (name === JobName.AuditVerify || name === JobName.EscalateUnacknowledged ? handler : undefined),
      },
      {
        redisUrl: TEST_REDIS_URL,
        keyPrefix: prefix,
        drainDelaySeconds: 1,
        scheduledJobs: [],
        config,
        dataSource: app,
        ...extra,
      },
    );
    stops.push(() => created.stop());
    return created;
  };
  const record: JobHandlerFn = async (payload) => {
    calls.push(String(payload.disclosureId ?? payload.n));
  };
  const enqueue = (jobId: string, delayMs = 0) =>
    inTransaction(app, (tx) =>
      outbox.enqueue(tx, JobName.EscalateUnacknowledged, { disclosureId: jobId }, { jobId, delayMs }),
    );
  const statuses = async () =>
    (await app.query(`SELECT status, count(*)::int AS n FROM outbox_jobs GROUP BY status ORDER BY status`)) as {
      status: string;
      n: number;
    }[];
  const owedCount = async () =>
    Number((await app.query(`SELECT count(*)::int AS n FROM outbox_jobs WHERE status <> 'completed'`))[0].n);
  const ids = (n: number) =>
    Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase('reconcile');
    app = await db.connectApp(8);
    prefix = testRedisPrefix('reconcile');
  });

  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
    calls.length = 0;
    await app.query('DELETE FROM outbox_jobs');
    await clearRedisPrefix(prefix);
  });

  afterAll(async () => {
    await app.destroy();
    await db.drop();
    await clearRedisPrefix(prefix);
  });

  it('keeps a handed-over row owed until its handler has run, then marks it completed', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    await runner(async () => {
      started = true;
      await gate;
    }).start();
    await relay().start();
    try {
      await enqueue(ids(1)[0]!);
      await waitFor(() => started);
      // The worker may start before the relay's commit lands; then the row is dispatched, not done.
      await waitFor(async () => (await statuses())[0]?.status === 'dispatched');
      expect(await statuses()).toEqual([{ status: 'dispatched', n: 1 }]);
    } finally {
      release();
    }
    // Marked by the worker itself, sooner than the reconciler's grace would let it look.
    await waitFor(async () => (await owedCount()) === 0, 150);
    expect(await statuses()).toEqual([{ status: 'completed', n: 1 }]);
  });

  it('runs every owed job exactly once when Redis is emptied with the work in flight', async () => {
    const r = relay();
    await r.start();
    const work = ids(30);
    for (const id of work) await enqueue(id);
    // Handed to BullMQ, nobody has run them yet — then Redis loses everything under our prefix.
    await waitFor(
      async () =>
        (await statuses()).every((s) => s.status === 'dispatched') && (await statuses())[0]?.n === work.length,
    );
    expect(await clearRedisPrefix(prefix)).toBeGreaterThan(0);
    await runner(record).start();
    await waitFor(async () => (await owedCount()) === 0, 20_000);
    expect(calls.length).toBe(work.length);
    expect([...calls].sort()).toEqual(work);
  });

  it('still escalates at the due time when Redis was emptied while the timers waited', async () => {
    await runner(record).start();
    await relay().start();
    const enqueuedAt = Date.now();
    const timers = ids(5);
    for (const id of timers) await enqueue(id, 1_500);
    const queue = new Queue(QueueName.Escalation, { connection: { url: TEST_REDIS_URL }, prefix });
    try {
      await waitFor(async () => (await queue.getDelayedCount()) === timers.length);
    } finally {
      await queue.close();
    }
    // The delayed jobs (the timers) vanish with Redis; the due times are still in the database.
    await clearRedisPrefix(prefix);
    await waitFor(async () => (await owedCount()) === 0, 20_000);
    expect(Date.now() - enqueuedAt).toBeGreaterThanOrEqual(1_500);
    expect(calls.length).toBe(timers.length);
    expect([...calls].sort()).toEqual(timers);
  });

  it('never gives a job up because its worker died while running it, however often', async () => {
    // BullMQ's default gives a job up after its second stall; ours allows as many as its attempts.
    expect(maxStalledCountFor(QueueName.Delivery)).toBe(JOB_DEFINITIONS[JobName.DeliverEmail].attempts);
    expect(maxStalledCountFor(QueueName.Escalation)).toBe(JOB_DEFINITIONS[JobName.EscalateUnacknowledged].attempts);
    await relay().start();
    const job = ids(1)[0]!;
    // Three workers in a row take the job and die holding it (closed by force, their lock never renewed).
    for (let death = 1; death <= 3; death++) {
      let taken = false;
      const dying = runner(
        () => {
          taken = true;
          return new Promise<never>(() => undefined);
        },
        { lockDurationMs: 300, stalledIntervalMs: 200 },
      );
      await dying.start();
      if (death === 1) await enqueue(job);
      await waitFor(() => taken, 10_000);
      await dying.closeAbruptly();
    }
    await runner(record, { lockDurationMs: 300, stalledIntervalMs: 200 }).start();
    await waitFor(async () => (await owedCount()) === 0, 20_000);
    expect(calls).toEqual([job]);
  });

  it('brings back a job that waits for another run (a live send claim) without using up its attempts', async () => {
    let runs = 0;
    await runner(async () => {
      runs += 1;
      // More waits than the job has attempts: waiting is not failing.
      if (runs <= JOB_DEFINITIONS[JobName.AuditVerify].attempts + 2)
        throw new RetryLaterError('claimed by another run', 50);
    }).start();
    await relay().start();
    await inTransaction(app, (tx) => outbox.enqueue(tx, JobName.AuditVerify, {}, { jobId: 'waits' }));
    await waitFor(async () => (await owedCount()) === 0, 20_000);
    expect(await statuses()).toEqual([{ status: 'completed', n: 1 }]);
    expect(runs).toBe(JOB_DEFINITIONS[JobName.AuditVerify].attempts + 3);
  });

  it('registers the schedules again when Redis lost them', async () => {
    const scheduled = SCHEDULED_JOBS.filter((s) => JOB_DEFINITIONS[s.name].queue === QueueName.Audit);
    const withSchedules = new BullMqJobRunner(
      { get: () => record },
      {
        redisUrl: TEST_REDIS_URL,
        keyPrefix: prefix,
        drainDelaySeconds: 1,
        scheduledJobs: scheduled,
        config,
        scheduleCheckIntervalMs: 100,
      },
    );
    stops.push(() => withSchedules.stop());
    await withSchedules.start();
    const queue = new Queue(QueueName.Audit, { connection: { url: TEST_REDIS_URL }, prefix });
    try {
      await waitFor(async () => (await queue.getJobSchedulers()).length === scheduled.length);
      await clearRedisPrefix(prefix);
      expect(await queue.getJobSchedulers()).toEqual([]);
      await waitFor(async () => (await queue.getJobSchedulers()).length === scheduled.length);
    } finally {
      await queue.close();
    }
  });
});
