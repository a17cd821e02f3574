import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum OutboxJobStatus {
  /** Committed, waiting for a relay (Redis) or the in-process runner. */
  Pending = 'pending',
  /** In-process runner only: leased to a handler until `locked_until`. */
  Running = 'running',
  /**
   * Handed to BullMQ and still owed: it becomes `completed` only once its handler has run. The
   * reconciler re-adds (same job id) an owed row past its due time that Redis no longer holds.
   */
  Dispatched = 'dispatched',
  /** The handler succeeded (in-process runner, or a BullMQ worker); kept for the retention period, then deleted. */
  Completed = 'completed',
  /** Every attempt failed; `error_code` says how. */
  Failed = 'failed',
}

/**
 * One job a committed change asked for. Written in the caller's transaction, so the job exists
 * exactly when the change does; Redis only ever sees it after commit (docs/jobs.md).
 */
@Entity({ name: 'outbox_jobs' })
@Check('outbox_jobs_queue_check', `queue IN ('delivery', 'escalation', 'retention', 'audit', 'accounts')`)
@Check('outbox_jobs_name_check', `name ~ '^[a-z][a-z0-9_-]*([.][a-z0-9_-]+)+$'`)
@Check('outbox_jobs_payload_check', `jsonb_typeof(payload) = 'object'`)
@Check('outbox_jobs_status_check', `status IN ('pending', 'running', 'dispatched', 'completed', 'failed')`)
@Check('outbox_jobs_attempts_check', `attempts >= 0`)
@Index('outbox_jobs_open_job_id_key', ['jobId'], { unique: true, where: `status IN ('pending', 'running')` })
@Index('outbox_jobs_pending_idx', ['availableAt'], { where: `status = 'pending'` })
@Index('outbox_jobs_finished_idx', ['finishedAt'], { where: `finished_at IS NOT NULL` })
@Index('outbox_jobs_owed_idx', ['availableAt'], { where: `status = 'dispatched'` })
@Index('outbox_jobs_owed_job_id_idx', ['jobId'], { where: `status = 'dispatched'` })
export class OutboxJob {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'outbox_jobs_pkey' })
  id!: string;

  @Column({ name: 'job_id', type: 'text' })
  jobId!: string;

  @Column({ name: 'queue', type: 'text' })
  queue!: string;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'payload', type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'status', type: 'text', default: OutboxJobStatus.Pending })
  status!: OutboxJobStatus;

  @Column({ name: 'attempts', type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'available_at', type: 'timestamptz', default: () => 'now()' })
  availableAt!: Date;

  /** In-process: the lease of a running row. Dispatched: when the reconciler may look at the row again. */
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
