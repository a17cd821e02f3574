import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An organization's service areas (issue 15): its own polygons, each with a code and a name, loaded
 * whole by its admin (PUT /service-areas replaces the set: delete, then insert). An incident recorded
 * with coordinates takes its service area from them (docs/sharing.md, "Service areas").
 */
export class CreateServiceAreas1796603500000 implements MigrationInterface {
  name = 'CreateServiceAreas1796603500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE service_areas (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL,
        code text NOT NULL,
        position integer NOT NULL,
        name text NOT NULL,
        geometry jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT service_areas_pkey PRIMARY KEY (id),
        CONSTRAINT service_areas_org_id_code_key UNIQUE (org_id, code),
        CONSTRAINT service_areas_org_id_fkey FOREIGN KEY (org_id) REFERENCES organizations (id)
      )`);
    await q.query(`GRANT SELECT, INSERT, DELETE ON service_areas TO accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE service_areas`);
  }
}
