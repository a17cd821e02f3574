import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { DataSource, QueryRunner } from 'typeorm';
import { JOB_DEFINITIONS, type JobDefinition, type JobName, QueueName } from './job-names';
import { bullJobOptions } from './bullmq-options';
import {
  OUTBOX_POLL_INTERVAL_MS,
  OUTBOX_RECONCILE_BATCH_SIZE,
  OUTBOX_RECONCILE_GRACE_MS,
  OUTBOX_RECONCILE_INTERVAL_MS,
  OUTBOX_RECONCILE_RECHECK_MS,
  OUTBOX_SWEEP_INTERVAL_MS,
  RELAY_BATCH_SIZE,
  RELAY_LOOKAHEAD_MS,
  RELAY_RETRY_MAX_MS,
  RELAY_RETRY_MIN_MS,
} from './jobs.constants';
import { listenerConfig, OutboxListener } from './outbox-listener';
import { sweepFinishedRows } from './outbox-sweep';
import { reconnectingRedis } from './redis-connection';
import { WakeLoop } from './wake-loop';

export interface OutboxRelayOptions {
  redisUrl: string;
  keyPrefix: string;
  batchSize?: number;
  pollIntervalMs?: number;
  retryMinMs?: number;
  retryMaxMs?: number;
  /** Retry rules per job; JOB_DEFINITIONS unless a test needs short ones. */
  definitionOf?: (name: JobName) => JobDefinition;
  /** LISTEN for commit notifications (default true); off, the relay only polls. */
  listen?: boolean;
  /** Reconciler timing (OUTBOX_RECONCILE_*) unless a test needs short ones; `false` turns it off. */
  reconcile?: false | { intervalMs?: number; graceMs?: number; recheckMs?: number };
}

/** What one reconciler pass did with the owed rows it looked at. */
export interface ReconcileResult {
  /** BullMQ had finished them: marked completed. */
  completed: number;
  /** Redis no longer held them: added again under the same job id. */
  readded: number;
  /** BullMQ gave them up without using their attempts (stalled too often): retried. */
  retried: number;
  /** Every attempt failed and the worker's record of it was lost: marked failed. */
  failed: number;
  /** Still queued, delayed or running: looked at again later. */
  waiting: number;
}

export class RedisUnavailableError extends Error {
  constructor(status: string) {
    super(`Redis connection is ${status}`);
    this.name = 'RedisUnavailableError';
  }
}

interface ClaimedRow {
  id: string;
  job_id: string;
  queue: QueueName;
  name: string;
  payload: Record<string, unknown>;
  delay_ms: number;
}

/**
 * Turns committed outbox rows into BullMQ jobs. Rows are claimed with FOR UPDATE SKIP LOCKED,
 * so any number of relays share the work without handing a row out twice, and marked
 * dispatched in the same transaction only after Redis accepted the job. A crash between the
 * two leaves the row pending; the next add carries the same job id and BullMQ ignores it while
 * the first job is kept (COMPLETED_JOB_KEEP_SECONDS).
 *
 * A dispatched row is still owed: Redis is not the record. The worker marks it completed once
 * its handler has run, and the reconciler re-adds, under the same job id, an owed row past its
 * due time that Redis lost (see `reconcileOnce`).
 *
 * Redis being away never blocks anyone: the relay's connection has no offline queue and short
 * timeouts, so an add fails at once, the rows stay, and the relay retries with backoff.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private readonly redis: Redis;
  private readonly queues = new Map<QueueName, Queue>();
  private readonly loop: WakeLoop;
  private readonly reconcileLoop: WakeLoop | undefined;
  private readonly listener: OutboxListener | undefined;
  private readonly definitionOf: (name: JobName) => JobDefinition;
  private lastSweep = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: OutboxRelayOptions,
  ) {
    this.definitionOf = options.definitionOf ?? ((name) => JOB_DEFINITIONS[name]);
    this.redis = reconnectingRedis(options.redisUrl);
    this.loop = new WakeLoop(() => this.pass(), {
      minBackoffMs: options.retryMinMs ?? RELAY_RETRY_MIN_MS,
      maxBackoffMs: options.retryMaxMs ?? RELAY_RETRY_MAX_MS,
      logger: this.logger,
      what: 'outbox relay',
    });
    if (options.listen !== false)
      this.listener = new OutboxListener(listenerConfig(dataSource), () => this.loop.wake(), this.logger);
    if (options.reconcile !== false) {
      this.reconcileLoop = new WakeLoop(() => this.reconcilePass(), {
        minBackoffMs: options.retryMinMs ?? RELAY_RETRY_MIN_MS,
        maxBackoffMs: options.retryMaxMs ?? RELAY_RETRY_MAX_MS,
        logger: this.logger,
        what: 'outbox reconciler',
      });
    }
  }

  async start(): Promise<void> {
    this.openRedis().catch(() => undefined);
    this.loop.start();
    // At start too: what a crashed worker or an emptied Redis left owed is re-added at once.
    this.reconcileLoop?.start();
    await this.listener?.start();
  }

  /** Stops claiming, lets the batch in progress finish, then closes the connections. */
  async stop(): Promise<void> {
    await this.listener?.stop();
    await this.reconcileLoop?.stop();
    await this.loop.stop();
    await Promise.all([...this.queues.values()].map((queue) => queue.close().catch(() => undefined)));
    this.queues.clear();
    this.redis.disconnect();
  }

  /**
   * Connects to Redis; rejects when Redis is unreachable, and keeps reconnecting in the
   * background either way until `stop()`.
   */
  async openRedis(): Promise<void> {
    if (this.redis.status === 'wait') await this.redis.connect();
  }

  get redisReady(): boolean {
    return this.redis.status === 'ready';
  }

  /** Wakes the relay now (tests, or a caller that knows rows were just committed). */
  wake(): void {
    this.loop.wake();
  }

  /**
   * One relay transaction: claims up to a batch of pending rows, adds them to BullMQ, marks the
   * added ones dispatched. Returns how many rows were dispatched. Throws when Redis is away.
   */
  async relayOnce(): Promise<number> {
    await this.sweepIfDue();
    if (this.redis.status !== 'ready') throw new RedisUnavailableError(this.redis.status);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      // PostgreSQL's default level, READ COMMITTED: naming it would cost a SET TRANSACTION round trip.
      await runner.startTransaction();
      try {
        const claimed = await this.claim(runner);
        const dispatched: string[] = [];
        let failure: unknown;
        for (const [queueName, rows] of groupByQueue(claimed)) {
          try {
            const queue = await this.queue(queueName);
            await queue.addBulk(
              rows.map((row) => ({
                name: row.name,
                data: row.payload,
                opts: bullJobOptions(row.job_id, this.definitionOf(row.name as JobName), row.delay_ms),
              })),
            );
            dispatched.push(...rows.map((row) => row.id));
          } catch (error) {
            failure = error;
            break;
          }
        }
        if (dispatched.length > 0) {
          // Owed until the handler has run (the worker marks it completed); not done because Redis has it.
          await runner.query(
            `UPDATE outbox_jobs SET status = 'dispatched', locked_until = NULL WHERE id = ANY($1::uuid[])`,
            [dispatched],
            true,
          );
        }
        await runner.commitTransaction();
        if (failure !== undefined) throw failure;
        return dispatched.length;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * One reconciler transaction: the owed rows past their due time (plus the grace) that nobody
   * looked at recently, each settled against BullMQ. Cheap when all is well: an index range scan
   * that finds nothing. Throws when Redis is away (nothing can be settled; the rows stay owed).
   */
  async reconcileOnce(): Promise<ReconcileResult> {
    if (this.redis.status !== 'ready') throw new RedisUnavailableError(this.redis.status);
    const timing = this.options.reconcile || {};
    const result: ReconcileResult = { completed: 0, readded: 0, retried: 0, failed: 0, waiting: 0 };
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      // PostgreSQL's default level, READ COMMITTED: naming it would cost a SET TRANSACTION round trip.
      await runner.startTransaction();
      try {
        const owed = (
          await runner.query(
            `SELECT id, job_id, queue, name, payload, 0::float8 AS delay_ms
               FROM outbox_jobs
              WHERE status = 'dispatched' AND available_at < now() - $2 * interval '1 millisecond'
                AND (locked_until IS NULL OR locked_until < now()) AND name = ANY($3::text[])
              ORDER BY available_at
              LIMIT $1
              FOR UPDATE SKIP LOCKED`,
            [OUTBOX_RECONCILE_BATCH_SIZE, timing.graceMs ?? OUTBOX_RECONCILE_GRACE_MS, Object.keys(JOB_DEFINITIONS)],
            true,
          )
        ).records as ClaimedRow[];
        const done: string[] = [];
        const givenUp: string[] = [];
        const lost: ClaimedRow[] = [];
        for (const row of owed) {
          const queue = await this.queue(row.queue);
          const state = await queue.getJobState(row.job_id);
          if (state === 'completed') done.push(row.id);
          else if (state === 'unknown') lost.push(row);
          else if (state === 'failed') {
            const job = await queue.getJob(row.job_id);
            // A job failed for stalling never used up its attempts: a dead worker is no reason to give up.
            if (
              job &&
              (job.attemptsMade < this.definitionOf(row.name as JobName).attempts ||
                /stalled/.test(job.failedReason ?? ''))
            ) {
              await job.retry('failed', { resetAttemptsMade: true });
              result.retried += 1;
            } else {
              givenUp.push(row.id);
            }
          } else result.waiting += 1;
        }
        for (const [queueName, rows] of groupByQueue(lost)) {
          await (
            await this.queue(queueName)
          ).addBulk(
            rows.map((row) => ({
              name: row.name,
              data: row.payload,
              opts: bullJobOptions(row.job_id, this.definitionOf(row.name as JobName)),
            })),
          );
          result.readded += rows.length;
        }
        const settled = [...done, ...givenUp];
        if (done.length > 0)
          await runner.query(
            `UPDATE outbox_jobs SET status = 'completed', finished_at = now(), locked_until = NULL
              WHERE id = ANY($1::uuid[])`,
            [done],
            true,
          );
        if (givenUp.length > 0) {
          await runner.query(
            `UPDATE outbox_jobs SET status = 'failed', finished_at = now(), locked_until = NULL,
              error_code = coalesce(error_code, 'GIVEN_UP') WHERE id = ANY($1::uuid[])`,
            [givenUp],
            true,
          );
        }
        const later = owed.filter((row) => !settled.includes(row.id)).map((row) => row.id);
        if (later.length > 0) {
          await runner.query(
            `UPDATE outbox_jobs SET locked_until = now() + $2 * interval '1 millisecond' WHERE id = ANY($1::uuid[])`,
            [later, timing.recheckMs ?? OUTBOX_RECONCILE_RECHECK_MS],
            true,
          );
        }
        await runner.commitTransaction();
        result.completed = done.length;
        result.failed = givenUp.length;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
    if (result.readded + result.retried + result.failed > 0) {
      // Loud on purpose: work went missing from Redis (emptied, evicted) or was given up by a dead worker.
      this.logger.warn({ event: 'outbox.reconciled', ...result });
    }
    return result;
  }

  private async reconcilePass(): Promise<number> {
    const result = await this.reconcileOnce();
    const looked = result.completed + result.readded + result.retried + result.failed + result.waiting;
    return looked >= OUTBOX_RECONCILE_BATCH_SIZE
      ? 0
      : ((this.options.reconcile || {}).intervalMs ?? OUTBOX_RECONCILE_INTERVAL_MS);
  }

  private async pass(): Promise<number> {
    const dispatched = await this.relayOnce();
    // A full batch means more may be waiting: go again at once.
    return dispatched >= (this.options.batchSize ?? RELAY_BATCH_SIZE)
      ? 0
      : (this.options.pollIntervalMs ?? OUTBOX_POLL_INTERVAL_MS);
  }

  private async claim(runner: QueryRunner): Promise<ClaimedRow[]> {
    const result = await runner.query(
      `SELECT id, job_id, queue, name, payload,
              greatest(0, extract(epoch FROM available_at - now()) * 1000)::float8 AS delay_ms
         FROM outbox_jobs
        WHERE status = 'pending' AND name = ANY($2::text[])
          AND available_at <= now() + $3 * interval '1 millisecond'
        ORDER BY available_at
        LIMIT $1
        FOR UPDATE SKIP LOCKED`,
      // During a rolling deploy an older relay leaves the jobs it does not know to a newer one. Rows due later than the
      // lookahead wait here, where they are the record (RELAY_LOOKAHEAD_MS).
      [this.options.batchSize ?? RELAY_BATCH_SIZE, Object.keys(JOB_DEFINITIONS), RELAY_LOOKAHEAD_MS],
      true,
    );
    return result.records as ClaimedRow[];
  }

  /**
   * Queues are made only once the connection is ready: BullMQ's queue setup fails for good when
   * it starts without Redis, so a queue made during an outage would stay broken after it.
   */
  private async queue(name: QueueName): Promise<Queue> {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis, prefix: this.options.keyPrefix, skipWaitingForReady: true });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    try {
      await queue.waitUntilReady();
      return queue;
    } catch (error) {
      this.queues.delete(name);
      await queue.close().catch(() => undefined);
      throw error;
    }
  }

  private async sweepIfDue(): Promise<void> {
    if (Date.now() - this.lastSweep < OUTBOX_SWEEP_INTERVAL_MS) return;
    this.lastSweep = Date.now();
    const deleted = await sweepFinishedRows(this.dataSource);
    if (deleted > 0) this.logger.log(`deleted ${deleted} finished outbox rows past retention`);
  }
}

function groupByQueue(rows: ClaimedRow[]): Map<QueueName, ClaimedRow[]> {
  const groups = new Map<QueueName, ClaimedRow[]>();
  for (const row of rows) groups.set(row.queue, [...(groups.get(row.queue) ?? []), row]);
  return groups;
}
