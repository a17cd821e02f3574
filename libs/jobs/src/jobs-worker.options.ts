import type { JobDefinition, JobName } from './job-names';
import type { ScheduledJob } from './scheduled-jobs';

/** Tuning of JobsWorkerModule. Production uses the defaults; tests shorten the waits. */
export interface JobsWorkerOptions {
  /** Jobs run at once per queue (BullMQ) or in total (in-process). Default JOB_CONCURRENCY. */
  concurrency?: number;
  /** Fallback poll of the outbox. Default OUTBOX_POLL_INTERVAL_MS. */
  pollIntervalMs?: number;
  /** Relay backoff while Redis is away. Defaults RELAY_RETRY_MIN_MS / RELAY_RETRY_MAX_MS. */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** Retry rules per job. Default JOB_DEFINITIONS. */
  definitionOf?: (name: JobName) => JobDefinition;
  /** Default SCHEDULED_JOBS. */
  scheduledJobs?: readonly ScheduledJob[];
  /** Reconciler timing (OUTBOX_RECONCILE_*). */
  reconcile?: { intervalMs?: number; graceMs?: number; recheckMs?: number };
  /** BullMQ lock and stalled-check timings (30 s by default): how soon a dead worker's job runs again. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  scheduleCheckIntervalMs?: number;
}

export const JOBS_WORKER_OPTIONS = Symbol('JOBS_WORKER_OPTIONS');
