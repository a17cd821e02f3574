import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@accord/config';
import { bullRetryOptions } from './bullmq-options';
import type { JobHandlerLookup } from './job-handler.registry';
import { JOB_DEFINITIONS, type JobDefinition, type JobName, type QueueName } from './job-names';
import { errorCode } from './job-payload';
import type { JobRunner } from './job-runner';
import { JOB_CONCURRENCY, RELAY_RETRY_MAX_MS, RELAY_RETRY_MIN_MS, SCHEDULE_CHECK_INTERVAL_MS } from './jobs.constants';
import { execute } from './outbox-sql';
import { isRedisReachable, reconnectingRedis } from './redis-connection';
import { isRetryLater } from './retry-later';
import { dailyCronPattern, SCHEDULED_JOBS, type ScheduledJob } from './scheduled-jobs';
import { WakeLoop } from './wake-loop';

export interface BullMqJobRunnerOptions {
  redisUrl: string;
  keyPrefix: string;
  concurrency?: number;
  /**
   * Seconds an idle worker long-polls Redis (BullMQ's default 5). It also bounds how long a
   * worker closed by force during an outage keeps BullMQ's fetch watchdog timer alive.
   */
  drainDelaySeconds?: number;
  definitionOf?: (name: JobName) => JobDefinition;
  scheduledJobs?: readonly ScheduledJob[];
  /** Needed to size the schedules (e.g. the checkpoint interval). */
  config?: AppConfig;
  /**
   * The outbox's database: a job's row is marked completed once its handler has run, failed once
   * its last attempt failed. Without it (tests of the runner alone) only BullMQ knows.
   */
  dataSource?: DataSource;
  /** BullMQ's lock and stalled-check timings (30 s each by default); tests of a dead worker shorten them. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  scheduleCheckIntervalMs?: number;
}

/**
 * A job is never given up for stalling (its worker died, or lost Redis, while running it) before
 * it has had as many runs as it has attempts: the most attempts of any job on the queue.
 */
export function maxStalledCountFor(
  queue: QueueName,
  definitionOf: (name: JobName) => JobDefinition = (name) => JOB_DEFINITIONS[name],
): number {
  return Math.max(
    1,
    ...(Object.keys(JOB_DEFINITIONS) as JobName[])
      .map(definitionOf)
      .filter((d) => d.queue === queue)
      .map((d) => d.attempts),
  );
}

/**
 * One BullMQ Worker per queue that has jobs, each dispatching by job name to the registered
 * handler. Retries and backoff travel with each job (set by the relay from JOB_DEFINITIONS), so
 * BullMQ applies the same rules as the in-process runner.
 */
export class BullMqJobRunner implements JobRunner {
  readonly kind = 'bullmq';
  private readonly logger = new Logger('BullMqJobRunner');
  private readonly workers: Worker[] = [];
  private readonly definitionOf: (name: JobName) => JobDefinition;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private abandoned = false;
  private scheduleLoop: WakeLoop | undefined;
  private scheduleRedis: Redis | undefined;
  private schedulesRegistered = false;

  constructor(
    private readonly handlers: JobHandlerLookup,
    private readonly options: BullMqJobRunnerOptions,
  ) {
    this.definitionOf = options.definitionOf ?? ((name) => JOB_DEFINITIONS[name]);
  }

  async start(): Promise<void> {
    const scheduled = this.options.scheduledJobs ?? SCHEDULED_JOBS;
    if (scheduled.length > 0 && !this.options.config)
      throw new Error('BullMqJobRunner needs the AppConfig to run scheduled jobs');
    const queues = new Set<QueueName>(Object.values(JOB_DEFINITIONS).map((d) => d.queue));
    for (const queue of queues) {
      // Workers wait for Redis if it is away (they never fail a boot); their blocking
      // connection must retry forever rather than fail requests.
      const worker = new Worker(queue, (job: Job, token?: string) => this.process(job, token), {
        connection: { url: this.options.redisUrl, maxRetriesPerRequest: null },
        prefix: this.options.keyPrefix,
        // Kept on each job it runs (BullMQ's processedBy): which of several worker processes ran it.
        name: `${hostname()}:${process.pid}`,
        concurrency: this.options.concurrency ?? JOB_CONCURRENCY,
        drainDelay: this.options.drainDelaySeconds ?? 5,
        maxStalledCount: maxStalledCountFor(queue, this.definitionOf),
        ...(this.options.lockDurationMs ? { lockDuration: this.options.lockDurationMs } : {}),
        ...(this.options.stalledIntervalMs ? { stalledInterval: this.options.stalledIntervalMs } : {}),
        autorun: true,
      });
      worker.on('error', (error) => this.logger.warn(`worker ${queue}: ${errorCode(error)}`));
      worker.on('failed', (job, error) => {
        if (!job) return;
        this.logger.warn(`job ${job.id} attempt ${job.attemptsMade} failed (${errorCode(error)})`);
        if (job.id && job.attemptsMade >= (job.opts.attempts ?? 1))
          void this.markOutbox(job.id, 'failed', errorCode(error));
      });
      this.workers.push(worker);
    }
    // In the background: a boot while Redis is away must not hang or fail on it; and again
    // whenever Redis comes back without them (restarted empty, flushed).
    if (scheduled.length > 0) this.keepSchedules(scheduled);
  }

  /**
   * Stops fetching, lets the handlers in flight finish, then closes the workers. With Redis
   * reachable the close is graceful (the finished jobs are acknowledged); with Redis gone a
   * graceful close would wait forever for it, so the workers are closed by force and BullMQ's
   * stalled-job check re-runs any job it never heard finish (handlers are idempotent).
   */
  async stop(): Promise<void> {
    await this.scheduleLoop?.stop();
    this.scheduleLoop = undefined;
    this.scheduleRedis?.disconnect();
    this.scheduleRedis = undefined;
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((worker) => worker.pause(true).catch(() => undefined)));
    await this.whenIdle();
    const reachable = await isRedisReachable(this.options.redisUrl);
    if (!reachable) this.logger.warn('Redis unreachable at shutdown: closing the workers without acknowledging');
    await Promise.all(workers.map((worker) => worker.close(!reachable)));
  }

  /**
   * What a killed worker process leaves behind, for fault drills and tests: the workers are closed
   * by force, nothing is acknowledged and the handlers in flight are abandoned, so their jobs'
   * locks lapse and BullMQ's stalled check hands them to another worker.
   */
  async closeAbruptly(): Promise<void> {
    await this.scheduleLoop?.stop();
    this.scheduleRedis?.disconnect();
    this.abandoned = true;
    await Promise.all(this.workers.splice(0).map((worker) => worker.close(true)));
  }

  private async process(job: Job, token?: string): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    // Thrown (not swallowed) so the job is retried: a newer worker of a rolling deploy may know it.
    if (!handler)
      throw Object.assign(new Error(`no handler for job ${job.name} in this worker`), { code: 'NO_HANDLER' });
    this.inFlight += 1;
    try {
      await handler(job.data as Record<string, unknown>);
      // Done here, so no longer owed in the database. If this write fails the reconciler finds
      // the job completed in BullMQ and marks the row then.
      if (job.id) await this.markOutbox(job.id, 'completed', null);
      return undefined;
    } catch (error) {
      // Not a failure: back to delayed, its attempts untouched (BullMQ's DelayedError protocol).
      if (!isRetryLater(error)) throw error;
      await job.moveToDelayed(Date.now() + error.afterMs, token);
      throw new DelayedError();
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
    }
  }

  private whenIdle(): Promise<void> {
    return this.inFlight === 0 || this.abandoned
      ? Promise.resolve()
      : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Marks the owed outbox row(s) of a job; schedule runs and jobs added by hand have none. A job
   * can finish before the relay that added it has committed: its row is then still `pending`,
   * locked by the relay, and this update waits for that commit and applies to the row as
   * dispatched. (A pending row under the same id enqueued meanwhile was a no-op for BullMQ too.)
   */
  private async markOutbox(jobId: string, status: 'completed' | 'failed', code: string | null): Promise<void> {
    if (!this.options.dataSource) return;
    await execute(
      this.options.dataSource,
      `UPDATE outbox_jobs SET status = $2, error_code = $3, finished_at = now(), locked_until = NULL WHERE job_id = $1
        AND status IN ('pending', 'dispatched')`,
      [jobId, status, code],
    ).catch((error: unknown) =>
      this.logger.warn(
        `could not mark job ${jobId} ${status} in the outbox (${errorCode(error)}); the reconciler will`,
      ),
    );
  }

  /**
   * Keeps the schedules in Redis: registers them once Redis answers, then checks every few
   * seconds for the marker written with them. A Redis restarted empty or flushed has lost both,
   * and gets them again — otherwise checkpoints and retention would stop until a restart.
   */
  private keepSchedules(scheduled: readonly ScheduledJob[]): void {
    const markerKey = `${this.options.keyPrefix}:accord:schedules`;
    this.scheduleRedis = reconnectingRedis(this.options.redisUrl);
    const redis = this.scheduleRedis;
    this.scheduleLoop = new WakeLoop(
      async () => {
        if (redis.status === 'wait') await redis.connect();
        if ((await redis.exists(markerKey)) === 0) {
          await this.upsertSchedules(scheduled, redis);
          await redis.set(markerKey, String(Date.now()));
          if (this.schedulesRegistered)
            this.logger.warn({
              event: 'jobs.schedules-restored',
              note: 'Redis had lost the job schedules (restarted empty or flushed); registered again',
            });
          this.schedulesRegistered = true;
        }
        return this.options.scheduleCheckIntervalMs ?? SCHEDULE_CHECK_INTERVAL_MS;
      },
      {
        minBackoffMs: RELAY_RETRY_MIN_MS,
        maxBackoffMs: RELAY_RETRY_MAX_MS,
        logger: this.logger,
        what: 'job schedules',
      },
    );
    this.scheduleLoop.start();
  }

  /** Upserting is idempotent, so every worker may do it: the schedule exists once per id. */
  private async upsertSchedules(scheduled: readonly ScheduledJob[], redis: Redis): Promise<void> {
    const queues = new Map<QueueName, Queue>();
    try {
      for (const job of scheduled) {
        const definition = this.definitionOf(job.name);
        let queue = queues.get(definition.queue);
        if (!queue) {
          queue = new Queue(definition.queue, { connection: redis, prefix: this.options.keyPrefix });
          queue.on('error', () => undefined);
          queues.set(definition.queue, queue);
        }
        const repeat =
          'every' in job
            ? { every: job.every(this.options.config!) }
            : { pattern: dailyCronPattern(job.dailyAtUtc), tz: 'UTC' };
        await queue.upsertJobScheduler(job.name, repeat, {
          name: job.name,
          data: {},
          opts: bullRetryOptions(definition),
        });
      }
    } finally {
      await Promise.all([...queues.values()].map((queue) => queue.close().catch(() => undefined)));
    }
  }
}
