import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@accord/config';
import { BullMqJobRunner } from './bullmq-job.runner';
import { InProcessJobRunner } from './in-process-job.runner';
import { JobHandlerRegistry } from './job-handler.registry';
import type { JobRunner } from './job-runner';
import { JOBS_WORKER_OPTIONS, type JobsWorkerOptions } from './jobs-worker.options';
import { OutboxRelay } from './outbox.relay';
import { checkRedisSettings } from './redis-connection';

/**
 * Starts what runs jobs in this process once every module is initialised (so the registry has
 * already refused a bad set of handlers), and stops it before the database closes: the relay
 * stops claiming, then the runner lets the jobs in flight finish.
 */
@Injectable()
export class JobsWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobsWorker');
  private relay: OutboxRelay | undefined;
  private runner: JobRunner | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly registry: JobHandlerRegistry,
    @Optional() @Inject(JOBS_WORKER_OPTIONS) private readonly options: JobsWorkerOptions = {},
  ) {}

  /** Which runner this process uses: BullMQ with REDIS_URL, else the outbox-driven in-process one. */
  get mode(): JobRunner['kind'] {
    return this.config.redisUrl ? 'bullmq' : 'in-process';
  }

  async onApplicationBootstrap(): Promise<void> {
    const options = this.options ?? {};
    const common = {
      definitionOf: options.definitionOf,
      scheduledJobs: options.scheduledJobs,
      config: this.config,
      concurrency: options.concurrency,
    };
    if (this.config.redisUrl) {
      this.relay = new OutboxRelay(this.dataSource, {
        redisUrl: this.config.redisUrl,
        keyPrefix: this.config.redisKeyPrefix,
        pollIntervalMs: options.pollIntervalMs,
        retryMinMs: options.retryMinMs,
        retryMaxMs: options.retryMaxMs,
        definitionOf: options.definitionOf,
        reconcile: options.reconcile,
      });
      this.runner = new BullMqJobRunner(this.registry, {
        ...common,
        redisUrl: this.config.redisUrl,
        keyPrefix: this.config.redisKeyPrefix,
        dataSource: this.dataSource,
        lockDurationMs: options.lockDurationMs,
        stalledIntervalMs: options.stalledIntervalMs,
        scheduleCheckIntervalMs: options.scheduleCheckIntervalMs,
      });
    } else {
      this.runner = new InProcessJobRunner(this.dataSource, this.registry, {
        ...common,
        pollIntervalMs: options.pollIntervalMs,
      });
    }
    await this.runner.start();
    await this.relay?.start();
    // In the background: one warning line if Redis would lose or evict jobs (a boot never waits on Redis).
    if (this.config.redisUrl) checkRedisSettings(this.config.redisUrl, this.logger).catch(() => undefined);
    this.logger.log(
      this.mode === 'bullmq'
        ? 'jobs run on BullMQ (Redis), fed by the outbox relay'
        : 'jobs run in-process from the outbox table (no Redis)',
    );
  }

  /**
   * Runs `work` with this process's in-process runner paused, then resumes it. For the demo's history: its steps
   * deliver their own alerts at the time they stand for, and a delivery job claiming one first would deliver it at
   * the real time (after the recorded acknowledgement). With BullMQ the jobs run in worker processes this one does
   * not pause: `work` then just runs.
   */
  async whilePaused<T>(work: () => Promise<T>): Promise<T> {
    const paused = this.runner instanceof InProcessJobRunner ? this.runner : undefined;
    await paused?.stop();
    try {
      return await work();
    } finally {
      // Unless the application shut down meanwhile.
      if (paused && this.runner === paused) await paused.start();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.runner?.stop();
    this.relay = undefined;
    this.runner = undefined;
  }
}
