import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, "Correct an incident after sharing": a correction goes out as a new disclosure that names
 * the one it updates (revision n+1 of the same source, agreement and flow), so recipients see an
 * update of the same alert and what was disclosed before stays exactly as it was. Existing rows are
 * revision 1. The application may now update the clear columns of its incidents (the sealed ones it
 * could already, to reseal).
 */
export class DisclosureRevisions1796603000000 implements MigrationInterface {
  name = 'DisclosureRevisions1796603000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE disclosures ADD COLUMN revision integer NOT NULL DEFAULT 1, ADD COLUMN revision_of uuid`,
    );
    await q.query(`ALTER TABLE disclosures DROP CONSTRAINT disclosures_source_agreement_flow_key`);
    await q.query(
      `ALTER TABLE disclosures ADD CONSTRAINT disclosures_source_agreement_flow_revision_key
        UNIQUE (source_id, agreement_id, flow_id, revision)`,
    );
    await q.query(
      `ALTER TABLE disclosures ADD CONSTRAINT disclosures_revision_of_fkey
        FOREIGN KEY (revision_of) REFERENCES disclosures (id)`,
    );
    await q.query(`CREATE INDEX disclosures_revision_of_idx ON disclosures (revision_of)`);
    // A correction rewrites the police's own record: the fields a liaison records, never its owner,
    // author or creation time. Disclosures stay insert-only for it: a revision is a new row.
    await q.query(
      `GRANT UPDATE (type, occurred_at, latitude, longitude, service_area, hospital, retaliation_risk,
        requested_response) ON incidents TO accord_app`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `REVOKE UPDATE (type, occurred_at, latitude, longitude, service_area, hospital, retaliation_risk,
        requested_response) ON incidents FROM accord_app`,
    );
    await q.query(`DROP INDEX disclosures_revision_of_idx`);
    await q.query(`ALTER TABLE disclosures DROP CONSTRAINT disclosures_revision_of_fkey`);
    // A revision is a disclosure made: going back must not erase what was shared, so it refuses instead.
    const [{ n }] = (await q.query(`SELECT count(*)::int AS n FROM disclosures WHERE revision > 1`)) as { n: number }[];
    if (n > 0) throw new Error(`${n} disclosure revisions exist; the revision key cannot be narrowed back`);
    await q.query(`ALTER TABLE disclosures DROP CONSTRAINT disclosures_source_agreement_flow_revision_key`);
    await q.query(
      `ALTER TABLE disclosures ADD CONSTRAINT disclosures_source_agreement_flow_key
        UNIQUE (source_id, agreement_id, flow_id)`,
    );
    await q.query(`ALTER TABLE disclosures DROP COLUMN revision_of, DROP COLUMN revision`);
  }
}
