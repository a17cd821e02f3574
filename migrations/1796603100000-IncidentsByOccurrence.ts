import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The liaison's incidents list (GET /incidents) is the organization's incidents, newest occurrence
 * first, paged by (occurred_at, id): this index answers it in order, read backwards, however many
 * incidents the department has recorded.
 */
export class IncidentsByOccurrence1796603100000 implements MigrationInterface {
  name = 'IncidentsByOccurrence1796603100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX incidents_org_id_occurred_at_idx ON incidents (org_id, occurred_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX incidents_org_id_occurred_at_idx`);
  }
}
