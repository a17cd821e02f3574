import type { MigrationInterface, QueryRunner } from 'typeorm';
import { loadConfig } from '@accord/config';
import { loadSecretBox, type SecretBox } from '@accord/identity';

const SEALED = [
  ['house_number', 'house_number_sealed', 'houseNumber'],
  ['street', 'street_sealed', 'street'],
  ['victims', 'victims_sealed', 'victims'],
  ['narrative', 'narrative_sealed', 'narrative'],
  ['case_number', 'case_number_sealed', 'caseNumber'],
  ['other_names', 'other_names_sealed', 'otherNames'],
] as const;
const JSON_COLUMNS = new Set(['victims', 'other_names']);

/** The context libs/sharing seals incident fields under (incident-sealing.ts), frozen here with the migration. */
const context = (id: string, field: string) => `incident:${id}:${field}`;

/**
 * Issue 12 item 4: the incident's personal fields (victims, narrative, case number, other names,
 * house number, street) sealed at rest like referral fields — AES-256-GCM through the key ring,
 * one value per field, bound to its row and field, `key_id` naming the row's key for rotate-keys.
 * Existing rows are sealed here with the ring the application uses (DATA_ENCRYPTION_KEYS /
 * DATA_ENCRYPTION_KEY, or the development key under EMBEDDED_DATA_DIR), read only when there is a
 * row to seal. CLUSTER rewrites the table into new files inside the transaction, so the plaintext
 * of the dropped columns does not stay behind in the old heap and TOAST pages; WAL written before
 * the migration still holds it until PostgreSQL recycles those segments (docs/referrals.md).
 */
export class SealIncidents1796602544622 implements MigrationInterface {
  name = 'SealIncidents1796602544622';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE incidents
        ${[...SEALED.map(([, sealed]) => `ADD COLUMN ${sealed} text`), 'ADD COLUMN key_id text'].join(', ')}`,
    );
    const rows = (await q.query(
      `SELECT id, ${SEALED.map(([plain]) => plain).join(', ')} FROM incidents ORDER BY id FOR UPDATE`,
    )) as Record<string, unknown>[];
    let box: SecretBox | undefined;
    for (const row of rows) {
      box ??= loadSecretBox(loadConfig());
      const id = row.id as string;
      const values = SEALED.map(([plain, , field]) => {
        const value = row[plain];
        if (value === null || value === undefined) return null;
        return box!.seal(JSON_COLUMNS.has(plain) ? JSON.stringify(value) : String(value), context(id, field));
      });
      await q.query(
        `UPDATE incidents SET ${SEALED.map(([, sealed], i) => `${sealed} = $${i + 2}`).join(', ')},
          key_id = $${SEALED.length + 2} WHERE id = $1`,
        [id, ...values, box.keyId],
      );
    }
    await q.query(
      `ALTER TABLE incidents ALTER COLUMN street_sealed SET NOT NULL, ALTER COLUMN victims_sealed SET NOT NULL,
        ALTER COLUMN other_names_sealed SET NOT NULL, ALTER COLUMN key_id SET NOT NULL`,
    );
    await q.query(`ALTER TABLE incidents ${SEALED.map(([plain]) => `DROP COLUMN ${plain}`).join(', ')}`);
    await q.query(`CREATE INDEX incidents_key_id_idx ON incidents (key_id)`);
    // The application reseals (rotate-keys) and nothing else: the row's other columns stay as written.
    await q.query(
      `GRANT UPDATE (${[...SEALED.map(([, sealed]) => sealed), 'key_id'].join(', ')}) ON incidents TO accord_app`,
    );
    // A rewrite into new files (allowed in a transaction, unlike VACUUM FULL): the old pages go at commit.
    await q.query(`CLUSTER incidents USING incidents_pkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE incidents ADD COLUMN house_number text, ADD COLUMN street text, ADD COLUMN victims jsonb,
        ADD COLUMN narrative text, ADD COLUMN case_number text, ADD COLUMN other_names jsonb NOT NULL DEFAULT '[]'`,
    );
    const rows = (await q.query(
      `SELECT id, ${SEALED.map(([, sealed]) => sealed).join(', ')} FROM incidents ORDER BY id FOR UPDATE`,
    )) as Record<string, string | null>[];
    let box: SecretBox | undefined;
    for (const row of rows) {
      box ??= loadSecretBox(loadConfig());
      const id = row.id!;
      const values = SEALED.map(([, sealed, field]) => {
        const value = row[sealed];
        return value === null || value === undefined ? null : box!.open(value, context(id, field));
      });
      await q.query(
        `UPDATE incidents SET
          ${SEALED.map(([plain], i) => `${plain} = $${i + 2}${JSON_COLUMNS.has(plain) ? '::jsonb' : ''}`).join(', ')}
          WHERE id = $1`,
        [id, ...values],
      );
    }
    await q.query(`ALTER TABLE incidents ALTER COLUMN street SET NOT NULL, ALTER COLUMN victims SET NOT NULL`);
    await q.query(`DROP INDEX incidents_key_id_idx`);
    await q.query(
      `ALTER TABLE incidents
        ${[...SEALED.map(([, sealed]) => `DROP COLUMN ${sealed}`), 'DROP COLUMN key_id'].join(', ')}`,
    );
  }
}
