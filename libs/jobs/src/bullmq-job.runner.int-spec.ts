import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { loadConfig } from '@accord/config';
import { clearRedisPrefix, TEST_REDIS_URL, testRedisPrefix } from '@accord/testing';
import { BullMqJobRunner } from './bullmq-job.runner';
import { bullJobOptions } from './bullmq-options';
import type { JobHandlerFn } from './job-handler.registry';
import { JOB_DEFINITIONS, JobName, QueueName } from './job-names';
import { redisProxy, sleep, waitFor } from '../test/helpers';
import { SCHEDULED_JOBS } from './scheduled-jobs';

describe('BullMqJobRunner when Redis comes and goes', () => {
  let prefix: string;
  let queue: Queue;

  beforeAll(() => {
    Logger.overrideLogger(false);
    prefix = testRedisPrefix('bullrun');
    queue = new Queue(QueueName.Audit, { connection: { url: TEST_REDIS_URL }, prefix });
  });

  afterAll(async () => {
    await queue.close();
    await clearRedisPrefix(prefix);
  });

  const runnerFor = (redisUrl: string, handler: JobHandlerFn, scheduled = false) =>
    new BullMqJobRunner(
      { get: (name) => (name === JobName.AuditVerify ? handler : undefined) },
      {
        redisUrl,
        keyPrefix: prefix,
        drainDelaySeconds: 1,
        scheduledJobs: scheduled ? undefined : [],
        config: loadConfig({ AUDIT_CHECKPOINT_INTERVAL_SECONDS: '5' }),
      },
    );

  it('boots while Redis is away and registers the schedules once it is back', async () => {
    const proxy = await redisProxy(false);
    const runner = runnerFor(proxy.url, async () => undefined, true);
    try {
      const started = Date.now();
      await runner.start();
      expect(Date.now() - started).toBeLessThan(1_000);
      await sleep(300);
      expect(await queue.getJobSchedulers()).toEqual([]);
      proxy.setUp(true);
      await waitFor(
        async () =>
          (await queue.getJobSchedulers()).length ===
          SCHEDULED_JOBS.filter((job) => JOB_DEFINITIONS[job.name].queue === QueueName.Audit).length,
      );
      expect((await queue.getJobScheduler(JobName.AuditCheckpoint))?.every).toBe(5_000);
    } finally {
      await runner.stop();
      await proxy.close();
      // Every queue's schedules go (not just the audit queue's): a delayed scheduler job lengthens
      // the next test's worker long-polls, and with them the timers a forced close leaves behind.
      await clearRedisPrefix(prefix);
    }
  });

  it('keeps on each job the process that ran it (several workers share the queues)', async () => {
    const runner = runnerFor(TEST_REDIS_URL, async () => undefined);
    try {
      await runner.start();
      await queue.add(
        JobName.AuditVerify,
        {},
        bullJobOptions('audit.verify/who-ran-it', JOB_DEFINITIONS[JobName.AuditVerify]),
      );
      await waitFor(async () => (await queue.getJobState('audit.verify/who-ran-it')) === 'completed');
      expect((await queue.getJob('audit.verify/who-ran-it'))?.processedBy).toBe(`${hostname()}:${process.pid}`);
    } finally {
      await runner.stop();
      await queue.obliterate({ force: true });
    }
  });

  it('stops without hanging when Redis vanished mid-job, after the handler finished', async () => {
    const proxy = await redisProxy(true);
    let started = false;
    let finished = false;
    const runner = runnerFor(proxy.url, async () => {
      started = true;
      await sleep(300);
      finished = true;
    });
    try {
      await runner.start();
      await queue.add(
        JobName.AuditVerify,
        {},
        bullJobOptions('audit.verify/mid-outage', JOB_DEFINITIONS[JobName.AuditVerify]),
      );
      await waitFor(() => started);
      proxy.setUp(false);
      const stopping = Date.now();
      await runner.stop();
      expect(finished).toBe(true);
      expect(Date.now() - stopping).toBeLessThan(5_000);
      // Never acknowledged: BullMQ's stalled check will hand it out again (at least once).
      expect(await queue.getJobState('audit.verify/mid-outage')).toBe('active');
      // BullMQ's fetch watchdog (drain delay + 1 s) outlives a forced close; let it run out.
      await sleep(2_100);
    } finally {
      await proxy.close();
      await queue.obliterate({ force: true });
    }
  });
});
