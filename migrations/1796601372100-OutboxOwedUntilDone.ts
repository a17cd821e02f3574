import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The database decides what is owed (issue 18): an outbox row handed to BullMQ stays
 * `dispatched` — owed — until its handler has run, and only then becomes `completed`. The
 * reconciler finds owed rows past their due time by `outbox_jobs_owed_idx` and re-adds the
 * ones Redis lost; the worker marks a job done by `outbox_jobs_owed_job_id_idx`.
 *
 * Rows dispatched under the old rule (done once BullMQ accepted them) are not known to be done:
 * they become owed again, and the reconciler settles each against BullMQ (completed there →
 * completed here; missing → added again under the same id; handlers are idempotent).
 */
export class OutboxOwedUntilDone1796601372100 implements MigrationInterface {
  name = 'OutboxOwedUntilDone1796601372100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE outbox_jobs SET finished_at = NULL WHERE status = 'dispatched'`);
    await q.query(`CREATE INDEX outbox_jobs_owed_idx ON outbox_jobs (available_at) WHERE status = 'dispatched'`);
    await q.query(`CREATE INDEX outbox_jobs_owed_job_id_idx ON outbox_jobs (job_id) WHERE status = 'dispatched'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_jobs_owed_job_id_idx`);
    await q.query(`DROP INDEX outbox_jobs_owed_idx`);
    await q.query(`UPDATE outbox_jobs SET finished_at = now() WHERE status = 'dispatched' AND finished_at IS NULL`);
  }
}
