import { Logger } from '@nestjs/common';
import { Queue, Worker, type Job } from 'bullmq';
import type { AppConfig } from '@accord/config';
import type { JobHandlerLookup } from './job-handler.registry';
import { JOB_DEFINITIONS, type JobDefinition, type JobName, type QueueName } from './job-names';
import { errorCode } from './job-payload';
import type { JobRunner } from './job-runner';
import { JOB_CONCURRENCY } from './jobs.constants';
import { bullRetryOptions } from './bullmq-options';
import { dailyCronPattern, SCHEDULED_JOBS, type ScheduledJob } from './scheduled-jobs';

export interface BullMqJobRunnerOptions {
  redisUrl: string;
  keyPrefix: string;
  concurrency?: number;
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

  constructor(
    private readonly handlers: JobHandlerLookup,
    private readonly options: BullMqJobRunnerOptions,
  ) {
    this.definitionOf = options.definitionOf ?? ((name) => JOB_DEFINITIONS[name]);
  }

  async start(): Promise<void> {
    const queues = new Set<QueueName>(Object.values(JOB_DEFINITIONS).map((d) => d.queue));
    for (const queue of queues) {
      const worker = new Worker(queue, (job: Job) => this.process(job), {
        // Workers block on Redis: their connection must retry forever rather than fail requests.
        connection: { url: this.options.redisUrl, maxRetriesPerRequest: null },
        prefix: this.options.keyPrefix,
        concurrency: this.options.concurrency ?? JOB_CONCURRENCY,
        autorun: true,
      });
      worker.on('error', (error) => this.logger.warn(`worker ${queue}: ${errorCode(error)}`));
      worker.on('failed', (job, error) => {
        if (job) this.logger.warn(`job ${job.id} attempt ${job.attemptsMade} failed (${errorCode(error)})`);
      });
      this.workers.push(worker);
    }
    await this.upsertSchedules();
  }

  /** `worker.close()` waits for the jobs in flight to finish before it resolves. */
  async stop(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((worker) => worker.close()));
  }

  private async process(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    // Thrown (not swallowed) so the job is retried: a newer worker of a rolling deploy may know it.
    if (!handler) throw Object.assign(new Error(`no handler for job ${job.name} in this worker`), { code: 'NO_HANDLER' });
    await handler(job.data as Record<string, unknown>);
    return undefined;
  }

  /** Upserting is idempotent, so every worker may do it: the schedule exists once per id. */
  private async upsertSchedules(): Promise<void> {
    const scheduled = this.options.scheduledJobs ?? SCHEDULED_JOBS;
    if (scheduled.length === 0) return;
    if (!this.options.config) throw new Error('BullMqJobRunner needs the AppConfig to run scheduled jobs');
    const queues = new Map<QueueName, Queue>();
    try {
      for (const job of scheduled) {
        const definition = this.definitionOf(job.name);
        let queue = queues.get(definition.queue);
        if (!queue) {
          queue = new Queue(definition.queue, { connection: { url: this.options.redisUrl }, prefix: this.options.keyPrefix });
          queues.set(definition.queue, queue);
        }
        const repeat = 'every' in job ? { every: job.every(this.options.config) } : { pattern: dailyCronPattern(job.dailyAtUtc), tz: 'UTC' };
        await queue.upsertJobScheduler(job.name, repeat, { name: job.name, data: {}, opts: bullRetryOptions(definition) });
      }
    } finally {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
    }
  }
}
