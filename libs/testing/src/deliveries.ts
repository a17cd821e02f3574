import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';

export interface WaitForDeliveriesOptions {
  /** Give up (and fail the test with what is still open) after this long. */
  timeoutMs?: number;
  /** Queues whose open rows count even when they are not due yet (a retry waiting out its backoff). */
  queues?: readonly string[];
}

const POLL_MS = 25;

/**
 * Waits, with a deadline, until the background work the test caused has run: no outbox row left
 * to run — pending or running — in the delivery queue (inbox entries, live events, e-mails,
 * webhooks, retries included), nor any other row that is already due. Rows scheduled for later
 * (an acknowledgement deadline hours away) do not count: they are not work that should have
 * happened yet; nor does a live event's fallback before it is due (the delivery announced the
 * event itself; the fallback runs later only to find that done).
 *
 * For apps whose jobs run in-process (no Redis: the outbox table is the queue). With Redis the
 * rows are handed to BullMQ, and the test waits for the effect it expects instead.
 */
export async function waitForDeliveries(dataSource: DataSource, options: WaitForDeliveriesOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const queues = options.queues ?? ['delivery'];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open: { job_id: string; status: string }[] = await dataSource.query(
      `SELECT job_id, status FROM outbox_jobs
        WHERE status IN ('pending', 'running') AND (queue = ANY($1::text[]) OR available_at <= now())
          AND NOT (payload ->> 'fallback' = 'true' AND available_at > now())
        ORDER BY created_at LIMIT 5`,
      [queues],
    );
    if (open.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(
        `background jobs still open after ${timeoutMs} ms: ${open.map((r) => `${r.job_id} (${r.status})`).join(', ')}`,
      );
    await sleep(POLL_MS);
  }
}

/**
 * Waits, with a deadline, until the job with this id (`<job name>/<given id>`) has run to the end
 * — in-process, or on BullMQ (whose worker marks the row completed once the handler ran); fails at
 * once if it failed for good. For a test that made one delayed job due.
 */
export async function waitForJob(dataSource: DataSource, jobId: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows: { status: string; error_code: string | null }[] = await dataSource.query(
      `SELECT status, error_code FROM outbox_jobs WHERE job_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [jobId],
    );
    const status = rows[0]?.status;
    if (status === 'completed') return;
    if (status === 'failed') throw new Error(`job ${jobId} failed (${rows[0]!.error_code})`);
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${status ?? 'missing'} after ${timeoutMs} ms`);
    await sleep(POLL_MS);
  }
}

/**
 * Makes the pending delayed job with this id due now, as it would be once its delay ran out (the
 * test has already moved the app's clock past its deadline), then waits until it has run
 * (`waitForJob`). Fails at once when no such job is pending.
 */
export async function runDelayedJob(dataSource: DataSource, jobId: string, timeoutMs = 30_000): Promise<void> {
  const [, made] = (await dataSource.query(
    `UPDATE outbox_jobs SET available_at = now() WHERE job_id = $1 AND status = 'pending' RETURNING id`,
    [jobId],
  )) as [unknown[], number];
  if (made !== 1) throw new Error(`no pending job ${jobId} to run`);
  await waitForJob(dataSource, jobId, timeoutMs);
}
