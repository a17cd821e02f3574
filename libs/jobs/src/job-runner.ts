/**
 * What runs jobs in a process: BullMQ workers fed by the outbox relay (Redis configured), or the
 * in-process runner driven by the outbox table itself (no Redis). Both use the same handler
 * registry, the same retry rules (JOB_DEFINITIONS) and the same schedules (SCHEDULED_JOBS).
 */
export interface JobRunner {
  readonly kind: 'bullmq' | 'in-process';
  start(): Promise<void>;
  /** Stops taking new jobs and resolves once the jobs in flight have finished. */
  stop(): Promise<void>;
}
