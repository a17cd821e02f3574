import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@accord/config';
import { inTransaction } from '@accord/database';
import { createTestDatabase, type TestDatabase } from '@accord/testing';
import { InProcessJobRunner, type InProcessJobRunnerOptions } from './in-process-job.runner';
import type { JobHandlerFn } from './job-handler.registry';
import { JobName, QueueName } from './job-names';
import { OutboxService } from './outbox.service';
import { sleep, waitFor } from '../test/helpers';

describe('InProcessJobRunner (no Redis: the outbox table is the queue)', () => {
  const outbox = new OutboxService();
  let db: TestDatabase;
  let app: DataSource;
  let owner: Client;
  const runners: InProcessJobRunner[] = [];

  const runner = (handlers: Partial<Record<JobName, JobHandlerFn>>, options: InProcessJobRunnerOptions = {}) => {
    const created = new InProcessJobRunner(
      app,
      { get: (name) => handlers[name as JobName] },
      {
        scheduledJobs: [],
        pollIntervalMs: 100,
        definitionOf: () => ({ queue: QueueName.Audit, attempts: 4, backoffMs: 100 }),
        ...options,
      },
    );
    runners.push(created);
    return created;
  };
  const enqueue = (jobId: string, payload: Record<string, number> = {}, delayMs?: number) =>
    inTransaction(app, (tx) => outbox.enqueue(tx, JobName.AuditVerify, payload as never, { jobId, delayMs }));
  const row = async (jobId: string) =>
    (
      await owner.query<{ status: string; attempts: number; error_code: string | null }>(
        `SELECT status, attempts, error_code FROM outbox_jobs WHERE job_id = $1`,
        [`audit.verify/${jobId}`],
      )
    ).rows;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase('inprocess');
    app = await db.connectApp(8);
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await owner.query('DELETE FROM outbox_jobs');
  });

  afterAll(async () => {
    await owner.end();
    await db.drop();
  });

  it('retries a failing handler with exponential backoff and completes it exactly once', async () => {
    const calls: number[] = [];
    const r = runner({
      [JobName.AuditVerify]: async () => {
        calls.push(Date.now());
        if (calls.length <= 2) throw Object.assign(new Error('transient'), { code: 'TRANSIENT' });
      },
    });
    await r.start();
    await enqueue('flaky');
    await waitFor(async () => (await row('flaky'))[0]?.status === 'completed');
    await sleep(300);
    expect(calls).toHaveLength(3);
    // Backoff 100 ms then 200 ms (a little slack: the due time is taken from the database clock).
    expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(80);
    expect(calls[2]! - calls[1]!).toBeGreaterThanOrEqual(180);
    expect(await row('flaky')).toEqual([{ status: 'completed', attempts: 3, error_code: null }]);
  });

  it('marks a job failed with an error code after its last attempt', async () => {
    let calls = 0;
    const r = runner(
      {
        [JobName.AuditVerify]: async () => {
          calls += 1;
          throw Object.assign(new Error('John Smith broke it'), { code: 'PERMANENT' });
        },
      },
      { definitionOf: () => ({ queue: QueueName.Audit, attempts: 2, backoffMs: 20 }) },
    );
    await r.start();
    await enqueue('doomed');
    await waitFor(async () => (await row('doomed'))[0]?.status === 'failed');
    await sleep(200);
    expect(calls).toBe(2);
    expect(await row('doomed')).toEqual([{ status: 'failed', attempts: 2, error_code: 'PERMANENT' }]);
  });

  it('lets a delayed job wait until it is due', async () => {
    let ranAt = 0;
    const r = runner({
      [JobName.AuditVerify]: async () => {
        ranAt = Date.now();
      },
    });
    await r.start();
    const committedAt = Date.now();
    await enqueue('later', {}, 500);
    await sleep(250);
    expect(ranAt).toBe(0);
    await waitFor(() => ranAt > 0);
    expect(ranAt - committedAt).toBeGreaterThanOrEqual(450);
    expect(ranAt - committedAt).toBeLessThan(1_500);
  });

  it('runs each job exactly once with two runners sharing the table', async () => {
    const seen: number[] = [];
    const handler: JobHandlerFn = async (payload) => {
      seen.push(payload.n as number);
      await sleep(5);
    };
    const first = runner({ [JobName.AuditVerify]: handler });
    const second = runner({ [JobName.AuditVerify]: handler });
    await Promise.all([first.start(), second.start()]);
    for (let n = 0; n < 40; n += 1) await enqueue(`shared-${n}`, { n });
    await waitFor(() => seen.length >= 40);
    await sleep(300);
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, n) => n));
  });

  it('runs again a job whose runner died mid-run, once its lease has expired', async () => {
    await enqueue('orphan', { n: 7 });
    // What a crash leaves behind: a row leased to a process that no longer exists.
    await owner.query(
      `UPDATE outbox_jobs SET status = 'running', attempts = 1, locked_until = now() - interval '1 second'`,
    );
    const payloads: unknown[] = [];
    const r = runner({
      [JobName.AuditVerify]: async (payload) => {
        payloads.push(payload);
      },
    });
    await r.start();
    await waitFor(async () => (await row('orphan'))[0]?.status === 'completed');
    expect(payloads).toEqual([{ n: 7 }]);
    expect((await row('orphan'))[0]?.attempts).toBe(2);
  });

  it('lets the job in flight finish when stopped, and takes no new one', async () => {
    let finished = false;
    let started = 0;
    const r = runner(
      {
        [JobName.AuditVerify]: async () => {
          started += 1;
          await sleep(300);
          finished = true;
        },
      },
      { concurrency: 1 },
    );
    await r.start();
    await enqueue('slow');
    await waitFor(() => started === 1);
    await enqueue('never-started');
    await r.stop();
    expect(finished).toBe(true);
    expect(started).toBe(1);
    expect(await row('slow')).toEqual([{ status: 'completed', attempts: 1, error_code: null }]);
    expect((await row('never-started'))[0]?.status).toBe('pending');
  });

  it('turns each scheduled tick into an outbox job that runs', async () => {
    let ticks = 0;
    const r = runner(
      {
        [JobName.AuditCheckpoint]: async () => {
          ticks += 1;
        },
      },
      { scheduledJobs: [{ name: JobName.AuditCheckpoint, every: () => 150 }], config: loadConfig({}) },
    );
    await r.start();
    await waitFor(() => ticks >= 3, 3_000);
    const { rows } = await owner.query<{ job_id: string }>(
      `SELECT job_id FROM outbox_jobs WHERE name = 'audit.checkpoint'`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => /^audit\.checkpoint\/every-\d+$/.test(r.job_id))).toBe(true);
  });
});
