import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The NOLOGIN group role every later migration grants to. Roles are cluster-wide and several
 * databases may migrate at once (tests, multiple instances), so creation tolerates a duplicate.
 */
export class CreateApplicationRole1763900000000 implements MigrationInterface {
  name = 'CreateApplicationRole1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'accord_app') THEN
          CREATE ROLE accord_app NOLOGIN;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$;`);
    await q.query(`GRANT USAGE ON SCHEMA public TO accord_app`);
    await q.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE USAGE ON SCHEMA public FROM accord_app`);
  }
}
