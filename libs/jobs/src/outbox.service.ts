import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assertInTransaction } from '@accord/database';
import { JOB_DEFINITIONS, type JobName, type JobPayloads } from './job-names';
import { isJobName, JobPayloadError, jobIdFor, validateJobPayload } from './job-payload';
import { MAX_JOB_DELAY_MS } from './jobs.constants';

export interface EnqueueOptions {
  /** Names the work (e.g. the disclosure id); the job's name is prefixed. Default: a hash of the payload. */
  jobId?: string;
  /** Run no sooner than this many milliseconds after commit. */
  delayMs?: number;
}

/** One job asked for: what `enqueue` takes, as a value. */
export type JobRequest = {
  [N in JobName]: { name: N; payload: JobPayloads[N]; options?: EnqueueOptions };
}[JobName];

export interface EnqueueResult {
  jobId: string;
  /** False when a pending job with the same id already exists: the work is already asked for. */
  created: boolean;
}

/**
 * The only way to ask for a job. The row is written with the caller's transaction, so it
 * commits or rolls back with the change that needs it, and the caller never waits for Redis.
 */
@Injectable()
export class OutboxService {
  async enqueue<N extends JobName>(
    tx: EntityManager,
    name: N,
    payload: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<EnqueueResult> {
    const [result] = await this.enqueueAll(tx, [{ name, payload, options } as JobRequest]);
    return result!;
  }

  /**
   * Several jobs in one statement (a delivery asks for its live event's fallback and its deadline
   * together: issue 17, statements on an alert's path). Each is checked as `enqueue` checks it, all
   * before anything is written; the results follow the requests' order.
   */
  async enqueueAll(tx: EntityManager, requests: readonly JobRequest[]): Promise<EnqueueResult[]> {
    assertInTransaction(tx, 'OutboxService.enqueue');
    const rows = requests.map(({ name, payload, options = {} }) => {
      if (!isJobName(name)) throw new JobPayloadError(String(name), 'unknown job name');
      const clean = validateJobPayload(name, payload);
      const delayMs = options.delayMs ?? 0;
      if (!Number.isInteger(delayMs) || delayMs < 0 || delayMs > MAX_JOB_DELAY_MS) {
        throw new JobPayloadError(
          name,
          `delayMs must be a whole number of milliseconds between 0 and ${MAX_JOB_DELAY_MS}`,
        );
      }
      return [jobIdFor(name, clean, options.jobId), JOB_DEFINITIONS[name].queue, name, JSON.stringify(clean), delayMs];
    });
    if (rows.length === 0) return [];
    // A second request for the same still-open job is a no-op: the unique index over open rows
    // decides, so concurrent transactions cannot both insert it.
    const values = rows.map(
      (_, i) =>
        `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}::jsonb, ` +
        `now() + $${i * 5 + 5} * interval '1 millisecond')`,
    );
    const created: { job_id: string }[] = await tx.query(
      `INSERT INTO outbox_jobs (job_id, queue, name, payload, available_at)
       VALUES ${values.join(', ')}
       ON CONFLICT (job_id) WHERE status IN ('pending', 'running') DO NOTHING
       RETURNING job_id`,
      rows.flat(),
    );
    const made = new Set(created.map((row) => row.job_id));
    // The same job asked for twice in one call is made once: the first request made it, the second found it.
    return rows.map(([jobId]) => {
      const first = made.delete(jobId as string);
      return { jobId: jobId as string, created: first };
    });
  }

  /**
   * Withdraws a delayed job that is no longer needed (a live event's fallback, once the event went
   * out): its row goes while it still waits, so the relay never hands it to Redis and no worker runs
   * it. Returns false when it no longer waits — claimed, run, or never asked for —; its handler must
   * then find for itself that there is nothing to do. Outside any transaction: the caller's work has
   * committed.
   */
  async withdraw(manager: EntityManager, name: JobName, jobId: string): Promise<boolean> {
    // A SELECT around the DELETE: TypeORM answers a bare DELETE with [rows, count], a SELECT with its rows.
    const [gone] = await manager.query<{ n: number }[]>(
      `WITH gone AS (DELETE FROM outbox_jobs WHERE job_id = $1 AND status = 'pending' RETURNING id)
       SELECT count(*)::int AS n FROM gone`,
      [jobIdFor(name, {}, jobId)],
    );
    return gone?.n === 1;
  }
}
