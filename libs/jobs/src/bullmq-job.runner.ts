import { Logger } from '@nestjs/common';
import { Queue, Worker, type Job } from 'bullmq';
import type { AppConfig } from '@accord/config';
import { bullRetryOptions } from './bullmq-options';
import type { JobHandlerLookup } from './job-handler.registry';
import { JOB_DEFINITIONS, type JobDefinition, type JobName, type QueueName } from './job-names';
import { errorCode } from './job-payload';
import type { JobRunner } from './job-runner';
import { JOB_CONCURRENCY, RELAY_RETRY_MAX_MS, RELAY_RETRY_MIN_MS } from './jobs.constants';
import { isRedisReachable, openFailFastRedis } from './redis-connection';
import { dailyCronPattern, SCHEDULED_JOBS, type ScheduledJob } from './scheduled-jobs';

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
  private stopping = false;
  private scheduling: Promise<void> | undefined;
  private scheduleRetry: { timer: NodeJS.Timeout; resolve: () => void } | undefined;

  constructor(
    private readonly handlers: JobHandlerLookup,
    private readonly options: BullMqJobRunnerOptions,
  ) {
    this.definitionOf = options.definitionOf ?? ((name) => JOB_DEFINITIONS[name]);
  }

  async start(): Promise<void> {
    this.stopping = false;
    const scheduled = this.options.scheduledJobs ?? SCHEDULED_JOBS;
    if (scheduled.length > 0 && !this.options.config) throw new Error('BullMqJobRunner needs the AppConfig to run scheduled jobs');
    const queues = new Set<QueueName>(Object.values(JOB_DEFINITIONS).map((d) => d.queue));
    for (const queue of queues) {
      // Workers wait for Redis if it is away (they never fail a boot); their blocking
      // connection must retry forever rather than fail requests.
      const worker = new Worker(queue, (job: Job) => this.process(job), {
        connection: { url: this.options.redisUrl, maxRetriesPerRequest: null },
        prefix: this.options.keyPrefix,
        concurrency: this.options.concurrency ?? JOB_CONCURRENCY,
        drainDelay: this.options.drainDelaySeconds ?? 5,
        autorun: true,
      });
      worker.on('error', (error) => this.logger.warn(`worker ${queue}: ${errorCode(error)}`));
      worker.on('failed', (job, error) => {
        if (job) this.logger.warn(`job ${job.id} attempt ${job.attemptsMade} failed (${errorCode(error)})`);
      });
      this.workers.push(worker);
    }
    // In the background: a boot while Redis is away must not hang or fail on it.
    this.scheduling = this.keepUpsertingSchedules(scheduled);
  }

  /**
   * Stops fetching, lets the handlers in flight finish, then closes the workers. With Redis
   * reachable the close is graceful (the finished jobs are acknowledged); with Redis gone a
   * graceful close would wait forever for it, so the workers are closed by force and BullMQ's
   * stalled-job check re-runs any job it never heard finish (handlers are idempotent).
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.scheduleRetry) {
      clearTimeout(this.scheduleRetry.timer);
      this.scheduleRetry.resolve();
    }
    await this.scheduling;
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((worker) => worker.pause(true).catch(() => undefined)));
    await this.whenIdle();
    const reachable = await isRedisReachable(this.options.redisUrl);
    if (!reachable) this.logger.warn('Redis unreachable at shutdown: closing the workers without acknowledging');
    await Promise.all(workers.map((worker) => worker.close(!reachable)));
  }

  private async process(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    // Thrown (not swallowed) so the job is retried: a newer worker of a rolling deploy may know it.
    if (!handler) throw Object.assign(new Error(`no handler for job ${job.name} in this worker`), { code: 'NO_HANDLER' });
    this.inFlight += 1;
    try {
      await handler(job.data as Record<string, unknown>);
      return undefined;
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
    }
  }

  private whenIdle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async keepUpsertingSchedules(scheduled: readonly ScheduledJob[]): Promise<void> {
    for (let attempt = 1; !this.stopping && scheduled.length > 0; attempt += 1) {
      try {
        await this.upsertSchedules(scheduled);
        return;
      } catch (error) {
        const delay = Math.min(RELAY_RETRY_MAX_MS, RELAY_RETRY_MIN_MS * 2 ** (attempt - 1));
        if (attempt === 1) this.logger.warn(`cannot register the job schedules yet (${errorCode(error)}); retrying`);
        await new Promise<void>((resolve) => {
          this.scheduleRetry = { timer: setTimeout(resolve, delay), resolve };
        });
        this.scheduleRetry = undefined;
      }
    }
  }

  /** Upserting is idempotent, so every worker may do it: the schedule exists once per id. */
  private async upsertSchedules(scheduled: readonly ScheduledJob[]): Promise<void> {
    const redis = await openFailFastRedis(this.options.redisUrl);
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
        const repeat = 'every' in job ? { every: job.every(this.options.config!) } : { pattern: dailyCronPattern(job.dailyAtUtc), tz: 'UTC' };
        await queue.upsertJobScheduler(job.name, repeat, { name: job.name, data: {}, opts: bullRetryOptions(definition) });
      }
    } finally {
      await Promise.all([...queues.values()].map((queue) => queue.close().catch(() => undefined)));
      redis.disconnect();
    }
  }
}
