/**
 * Named retention, timing and sizing constants of the job system. Retry counts and first
 * backoffs per job live in JOB_DEFINITIONS (job-names.ts).
 */

/** Postgres channel the outbox trigger notifies on commit; relays and runners LISTEN to it. */
export const OUTBOX_CHANNEL = 'accord_outbox';

/**
 * How long BullMQ keeps a completed job. While it is kept, a re-add with the same job id is
 * ignored — which is what makes a relay crash between `add` and "mark dispatched" harmless.
 */
export const COMPLETED_JOB_KEEP_SECONDS = 24 * 60 * 60;
/** Failed jobs stay longer, for operators to look at. */
export const FAILED_JOB_KEEP_SECONDS = 7 * 24 * 60 * 60;

/** Dispatched/completed outbox rows are deleted after this (same horizon as the BullMQ keep). */
export const OUTBOX_DONE_RETENTION_MS = COMPLETED_JOB_KEEP_SECONDS * 1000;
/** Rows given up by the in-process runner are kept longer, for operators. */
export const OUTBOX_FAILED_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/** How often a relay/runner deletes expired rows, and how many per statement. */
export const OUTBOX_SWEEP_INTERVAL_MS = 10 * 60 * 1000;
export const OUTBOX_SWEEP_BATCH = 1_000;

/** Fallback poll when no notification arrives (a lost LISTEN connection, a missed wake-up). */
export const OUTBOX_POLL_INTERVAL_MS = 1_000;
/**
 * How far ahead of its due time the relay hands a delayed row to BullMQ (as a delayed job, to the
 * millisecond): more than a poll interval, so no row is handed over late. A row due later stays in
 * the database, the record, until then: withdrawing it (OutboxService.withdraw) costs one DELETE, and
 * an escalation due in hours does not sit in Redis meanwhile.
 */
export const RELAY_LOOKAHEAD_MS = 2 * OUTBOX_POLL_INTERVAL_MS;
/** Rows claimed per relay transaction. */
export const RELAY_BATCH_SIZE = 100;
/** Relay backoff while Redis or Postgres is unavailable: doubles from min to max. */
export const RELAY_RETRY_MIN_MS = 200;
export const RELAY_RETRY_MAX_MS = 10_000;
/** The relay's Redis connection fails fast instead of queueing commands while Redis is away. */
export const RELAY_REDIS_CONNECT_TIMEOUT_MS = 1_000;
export const RELAY_REDIS_COMMAND_TIMEOUT_MS = 2_000;

/** Jobs a BullMQ worker (per queue) or the in-process runner runs at the same time. */
export const JOB_CONCURRENCY = 4;
/**
 * In-process runner: a claimed row is leased this long. If the process dies mid-job the lease
 * expires and the row runs again (at least once; handlers are idempotent).
 */
export const IN_PROCESS_LEASE_MS = 15 * 60 * 1000;

/** Longest delay a caller may ask for; longer waits belong in a schedule, not the outbox. */
export const MAX_JOB_DELAY_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The reconciler (docs/jobs.md): every few seconds, and at start, it looks at the
 * owed (`dispatched`) rows this long past their due time and settles each against BullMQ —
 * done there → done here; lost (Redis emptied) → added again under the same job id; given up
 * because it stalled → retried. A row still queued or running is looked at again after the recheck.
 */
export const OUTBOX_RECONCILE_INTERVAL_MS = 5_000;
export const OUTBOX_RECONCILE_GRACE_MS = 10_000;
export const OUTBOX_RECONCILE_RECHECK_MS = 30_000;
export const OUTBOX_RECONCILE_BATCH_SIZE = 200;

/** How often a BullMQ runner checks that the job schedules are still in Redis (they go with a wiped Redis). */
export const SCHEDULE_CHECK_INTERVAL_MS = 5_000;
