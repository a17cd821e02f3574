import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Legal holds (issue 7): while a hold on an agreement is in place, nothing shared under it is
 * purged at the end of its retention. Holds are set and lifted by a party's org admin, audited.
 */
export class CreateLegalHolds1763900800000 implements MigrationInterface {
  name = 'CreateLegalHolds1763900800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE legal_holds (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL,
        reason text NOT NULL,
        set_by uuid NOT NULL,
        set_at timestamptz NOT NULL,
        lifted_by uuid,
        lifted_at timestamptz,
        CONSTRAINT legal_holds_pkey PRIMARY KEY (id),
        CONSTRAINT legal_holds_agreement_id_fkey FOREIGN KEY (agreement_id) REFERENCES agreements (id),
        CONSTRAINT legal_holds_set_by_fkey FOREIGN KEY (set_by) REFERENCES users (id),
        CONSTRAINT legal_holds_reason_check CHECK (reason IN ('litigation', 'investigation', 'records_request',
          'other'))
      )`);
    await q.query(`CREATE INDEX legal_holds_agreement_id_idx ON legal_holds (agreement_id) WHERE lifted_at IS NULL`);
    await q.query(`GRANT SELECT, INSERT ON legal_holds TO accord_app`);
    await q.query(`GRANT UPDATE (lifted_by, lifted_at) ON legal_holds TO accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE legal_holds`);
  }
}
