import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox (docs/jobs.md). A use case inserts its job row in its own
 * transaction; a trigger notifies relays on commit, and a unique index over the open rows keeps
 * one pending row per job id. The application role may insert, read, delete and move a row
 * through its lifecycle, but never rewrite what job it is or what it carries.
 */
export class CreateOutbox1763900200000 implements MigrationInterface {
  name = 'CreateOutbox1763900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_jobs (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        job_id text NOT NULL,
        queue text NOT NULL,
        name text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        available_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        error_code text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CONSTRAINT outbox_jobs_pkey PRIMARY KEY (id),
        CONSTRAINT outbox_jobs_queue_check CHECK (queue IN ('delivery', 'escalation', 'retention', 'audit',
          'accounts')),
        CONSTRAINT outbox_jobs_name_check CHECK (name ~ '^[a-z][a-z0-9_-]*([.][a-z0-9_-]+)+$'),
        CONSTRAINT outbox_jobs_payload_check CHECK (jsonb_typeof(payload) = 'object'),
        CONSTRAINT outbox_jobs_status_check CHECK (status IN ('pending', 'running', 'dispatched', 'completed',
          'failed')),
        CONSTRAINT outbox_jobs_attempts_check CHECK (attempts >= 0)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX outbox_jobs_open_job_id_key ON outbox_jobs (job_id) WHERE status IN ('pending', 'running')`,
    );
    await q.query(`CREATE INDEX outbox_jobs_pending_idx ON outbox_jobs (available_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX outbox_jobs_finished_idx ON outbox_jobs (finished_at) WHERE finished_at IS NOT NULL`);
    // One notification per inserting statement; Postgres delivers it only if the transaction commits.
    await q.query(`
      CREATE FUNCTION outbox_jobs_notify() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog AS $$
      BEGIN
        PERFORM pg_notify('accord_outbox', '');
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER outbox_jobs_notify AFTER INSERT ON outbox_jobs FOR EACH STATEMENT
        EXECUTE FUNCTION outbox_jobs_notify()`,
    );
    await q.query(`GRANT SELECT, INSERT, DELETE ON outbox_jobs TO accord_app`);
    await q.query(
      `GRANT UPDATE (status, attempts, available_at, locked_until, error_code, finished_at) ON outbox_jobs
        TO accord_app`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox_jobs`);
    await q.query(`DROP FUNCTION outbox_jobs_notify()`);
  }
}
