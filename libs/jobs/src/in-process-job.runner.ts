import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@accord/config';
import type { JobHandlerLookup } from './job-handler.registry';
import { JOB_DEFINITIONS, type JobDefinition, type JobName, type JobPayloads } from './job-names';
import { errorCode, retryDelayMs } from './job-payload';
import type { JobRunner } from './job-runner';
import {
  IN_PROCESS_LEASE_MS,
  JOB_CONCURRENCY,
  OUTBOX_POLL_INTERVAL_MS,
  OUTBOX_SWEEP_INTERVAL_MS,
  RELAY_RETRY_MAX_MS,
  RELAY_RETRY_MIN_MS,
} from './jobs.constants';
import { listenerConfig, OutboxListener } from './outbox-listener';
import { execute } from './outbox-sql';
import { sweepFinishedRows } from './outbox-sweep';
import { OutboxService } from './outbox.service';
import { isRetryLater } from './retry-later';
import { nextDailyRun, SCHEDULED_JOBS, type ScheduledJob } from './scheduled-jobs';
import { WakeLoop } from './wake-loop';

export interface InProcessJobRunnerOptions {
  concurrency?: number;
  pollIntervalMs?: number;
  leaseMs?: number;
  /** Retry rules per job; JOB_DEFINITIONS unless a test needs short ones. */
  definitionOf?: (name: JobName) => JobDefinition;
  scheduledJobs?: readonly ScheduledJob[];
  /** Needed to size the schedules (e.g. the checkpoint interval). */
  config?: AppConfig;
  /** LISTEN for commit notifications (default true); off, the runner only polls. */
  listen?: boolean;
}

const MIN_WAIT_MS = 20;

interface ClaimedRow {
  id: string;
  job_id: string;
  name: JobName;
  payload: Record<string, unknown>;
  attempts: number;
}

/**
 * Runs jobs without Redis (embedded mode). The outbox table is the queue: a row is leased to a
 * handler, and it is done only once the handler succeeded. A failure puts it back with
 * exponential backoff (BullMQ's rule, same JOB_DEFINITIONS); after the last attempt it is marked
 * failed with an error code. A process that dies mid-job lets the lease run out, and the row
 * runs again — at least once, as with BullMQ, so handlers stay idempotent.
 */
export class InProcessJobRunner implements JobRunner {
  readonly kind = 'in-process';
  private readonly logger = new Logger('InProcessJobRunner');
  private readonly loop: WakeLoop;
  private readonly listener: OutboxListener | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly outbox = new OutboxService();
  private readonly definitionOf: (name: JobName) => JobDefinition;
  private readonly concurrency: number;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private lastSweep = 0;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly handlers: JobHandlerLookup,
    private readonly options: InProcessJobRunnerOptions = {},
  ) {
    this.definitionOf = options.definitionOf ?? ((name) => JOB_DEFINITIONS[name]);
    this.concurrency = options.concurrency ?? JOB_CONCURRENCY;
    this.pollIntervalMs = options.pollIntervalMs ?? OUTBOX_POLL_INTERVAL_MS;
    this.leaseMs = options.leaseMs ?? IN_PROCESS_LEASE_MS;
    this.loop = new WakeLoop(() => this.pass(), {
      minBackoffMs: RELAY_RETRY_MIN_MS,
      maxBackoffMs: RELAY_RETRY_MAX_MS,
      logger: this.logger,
      what: 'in-process job runner',
    });
    if (options.listen !== false)
      this.listener = new OutboxListener(listenerConfig(dataSource), () => this.loop.wake(), this.logger);
  }

  async start(): Promise<void> {
    this.stopping = false;
    this.loop.start();
    await this.listener?.start();
    this.startSchedules();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.listener?.stop();
    await this.loop.stop();
    await Promise.all([...this.inFlight]);
  }

  /** Wakes the runner now (tests, or a caller that knows rows were just committed). */
  wake(): void {
    this.loop.wake();
  }

  private async pass(): Promise<number> {
    await this.sweepIfDue();
    const capacity = this.concurrency - this.inFlight.size;
    if (capacity > 0) {
      const claimed = await this.claim(capacity);
      for (const row of claimed) this.track(this.run(row));
    }
    // When every slot is busy, a finishing job wakes the loop; no need to look sooner.
    if (this.inFlight.size >= this.concurrency) return this.pollIntervalMs;
    // The floor keeps a due row another process holds from turning this into a busy loop.
    return Math.max(MIN_WAIT_MS, await this.nextDueInMs());
  }

  private async claim(limit: number): Promise<ClaimedRow[]> {
    const result = await execute(
      this.dataSource,
      `UPDATE outbox_jobs
          SET status = 'running', attempts = attempts + 1, locked_until = now() + $2 * interval '1 millisecond'
        WHERE id IN (
          SELECT id FROM outbox_jobs
           WHERE ((status = 'pending' AND available_at <= now()) OR (status = 'running' AND locked_until < now()))
             AND name = ANY($3::text[])
           ORDER BY available_at
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
        RETURNING id, job_id, name, payload, attempts`,
      [limit, this.leaseMs, Object.keys(JOB_DEFINITIONS)],
    );
    return result.records as ClaimedRow[];
  }

  /** Sleeps until the next delayed row or lease is due, or the poll interval, whichever is sooner. */
  private async nextDueInMs(): Promise<number> {
    const result = await execute(
      this.dataSource,
      `SELECT greatest(0, extract(epoch FROM min(due) - now()) * 1000)::float8 AS ms FROM (
         SELECT min(available_at) AS due FROM outbox_jobs WHERE status = 'pending' AND name = ANY($1::text[])
         UNION ALL
         SELECT min(locked_until) FROM outbox_jobs WHERE status = 'running' AND name = ANY($1::text[])) d`,
      [Object.keys(JOB_DEFINITIONS)],
    );
    const ms = (result.records[0] as { ms: number | null } | undefined)?.ms;
    return ms === null || ms === undefined ? this.pollIntervalMs : Math.min(this.pollIntervalMs, Math.ceil(ms));
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => {
      this.inFlight.delete(work);
      // A slot came free: look for more work (a no-op once stopping).
      if (!this.stopping) this.loop.wake();
    });
  }

  private async run(row: ClaimedRow): Promise<void> {
    // Long jobs keep their lease, so a job is never run twice at once by this or another process.
    const heartbeat = setInterval(
      () => {
        void execute(
          this.dataSource,
          `UPDATE outbox_jobs SET locked_until = now() + $3 * interval '1 millisecond' WHERE id = $1
            AND status = 'running' AND attempts = $2`,
          [row.id, row.attempts, this.leaseMs],
        ).catch(() => undefined);
      },
      Math.max(50, Math.floor(this.leaseMs / 3)),
    );
    try {
      const handler = this.handlers.get(row.name);
      if (!handler) throw Object.assign(new Error(`no handler for job ${row.name}`), { code: 'NO_HANDLER' });
      await handler(row.payload);
      await this.finish(row, 'completed', null);
    } catch (error) {
      await this.fail(row, error);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async fail(row: ClaimedRow, error: unknown): Promise<void> {
    const definition = this.definitionOf(row.name);
    const code = errorCode(error);
    if (isRetryLater(error)) {
      // Waiting for another run's claim is not a failed attempt: the attempt is given back.
      await execute(
        this.dataSource,
        `UPDATE outbox_jobs
            SET status = 'pending', locked_until = NULL, attempts = attempts - 1,
            available_at = now() + $3 * interval '1 millisecond'
          WHERE id = $1 AND status = 'running' AND attempts = $2`,
        [row.id, row.attempts, error.afterMs],
      ).catch((e: unknown) =>
        this.logger.error(`could not put job ${row.job_id} back (${errorCode(e)}); its lease will expire`),
      );
      return;
    }
    if (row.attempts >= definition.attempts) {
      this.logger.error(`job ${row.job_id} failed for good after ${row.attempts} attempts (${code})`);
      await this.finish(row, 'failed', code);
      return;
    }
    const delay = retryDelayMs(definition, row.attempts);
    this.logger.warn(`job ${row.job_id} attempt ${row.attempts} failed (${code}); retrying in ${delay} ms`);
    await execute(
      this.dataSource,
      `UPDATE outbox_jobs
          SET status = 'pending', locked_until = NULL, error_code = $3,
          available_at = now() + $4 * interval '1 millisecond'
        WHERE id = $1 AND status = 'running' AND attempts = $2`,
      [row.id, row.attempts, code, delay],
    ).catch((e: unknown) =>
      this.logger.error(`could not record the failure of job ${row.job_id} (${errorCode(e)}); its lease will expire`),
    );
  }

  private async finish(row: ClaimedRow, status: 'completed' | 'failed', code: string | null): Promise<void> {
    // The attempts guard ignores a stale finish after the lease was lost and the row re-claimed.
    await execute(
      this.dataSource,
      `UPDATE outbox_jobs SET status = $3, locked_until = NULL, error_code = $4, finished_at = now()
        WHERE id = $1 AND status = 'running' AND attempts = $2`,
      [row.id, row.attempts, status, code],
    ).catch((e: unknown) =>
      this.logger.error(`could not record the end of job ${row.job_id} (${errorCode(e)}); its lease will expire`),
    );
  }

  private async sweepIfDue(): Promise<void> {
    if (Date.now() - this.lastSweep < OUTBOX_SWEEP_INTERVAL_MS) return;
    this.lastSweep = Date.now();
    const deleted = await sweepFinishedRows(this.dataSource);
    if (deleted > 0) this.logger.log(`deleted ${deleted} finished outbox rows past retention`);
  }

  private startSchedules(): void {
    const scheduled = this.options.scheduledJobs ?? SCHEDULED_JOBS;
    if (scheduled.length > 0 && !this.options.config)
      throw new Error('InProcessJobRunner needs the AppConfig to run scheduled jobs');
    for (const job of scheduled) {
      if ('every' in job) {
        const everyMs = job.every(this.options.config!);
        const tick = () => void this.enqueueTick(job.name, `every-${Math.floor(Date.now() / everyMs)}`);
        tick();
        const timer = setInterval(tick, everyMs);
        this.timers.add(timer);
      } else {
        const arm = () => {
          const at = nextDailyRun(job.dailyAtUtc, new Date());
          const timer = setTimeout(() => {
            this.timers.delete(timer);
            void this.enqueueTick(job.name, `daily-${at.toISOString().slice(0, 10)}`);
            arm();
          }, at.getTime() - Date.now());
          this.timers.add(timer);
        };
        arm();
      }
    }
  }

  /** A tick becomes an outbox row (id per time slot), so it gets the same retries as any job. */
  private async enqueueTick(name: JobName, slot: string): Promise<void> {
    if (this.stopping) return;
    try {
      await this.dataSource.transaction((tx) =>
        this.outbox.enqueue(tx, name, {} as JobPayloads[JobName], { jobId: slot }),
      );
    } catch (error) {
      this.logger.warn(`could not enqueue scheduled job ${name} (${errorCode(error)})`);
    }
  }
}
