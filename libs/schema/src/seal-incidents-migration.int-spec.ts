import { randomBytes } from 'node:crypto';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { SecretBox } from '@accord/identity';
import { openIncident, type SealedIncidentData } from '@accord/sharing';
import { createEmptyDatabase, dropDatabase, TEST_ADMIN_URL, withDatabase } from '@accord/testing';
import { accordDataSourceOptions } from './data-source-options';
import { MIGRATIONS } from '../../../migrations';
import { SealIncidents1796602544622 } from '../../../migrations/1796602544622-SealIncidents';

/**
 * Issue 12 item 4: incidents stored in plaintext before the migration are sealed by it (and opened again by its down).
 */
describe('migration SealIncidents', () => {
  let name: string;
  let url: string;
  const key = randomBytes(32);
  const previousKeys = process.env.DATA_ENCRYPTION_KEYS;

  beforeAll(async () => {
    name = await createEmptyDatabase('sealincidents');
    url = withDatabase(TEST_ADMIN_URL, name);
  });

  afterAll(async () => {
    if (previousKeys === undefined) delete process.env.DATA_ENCRYPTION_KEYS;
    else process.env.DATA_ENCRYPTION_KEYS = previousKeys;
    await dropDatabase(name);
  });

  async function migrate(migrations: DataSourceOptions['migrations']): Promise<DataSource> {
    const dataSource = new DataSource({ ...accordDataSourceOptions({ url }), migrations } as DataSourceOptions);
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    return dataSource;
  }

  it(
    'seals the personal fields of existing rows with the configured ring, drops the plaintext columns, and its ' +
      'down opens them again',
    async () => {
      const at = MIGRATIONS.indexOf(SealIncidents1796602544622);
      expect(at).toBeGreaterThan(0);
      const before = await migrate(MIGRATIONS.slice(0, at));
      const [org] = await before.query(
        `INSERT INTO organizations (name, kind) VALUES ('Eastside PD', 'police') RETURNING id`,
      );
      const [user] = await before.query(
        `INSERT INTO users (org_id, email, roles) VALUES ($1, 'liaison@example.test', '{police_liaison}') RETURNING id`,
        [org.id],
      );
      const victims = [{ age: 19, fatal: false, name: 'José Núñez' }];
      const [incident] = await before.query(
        `INSERT INTO incidents (org_id, created_by, type, occurred_at, latitude, longitude, house_number, street,
        service_area, victims, retaliation_risk, narrative, case_number, other_names)
       VALUES ($1, $2, 'shooting', now(), 41.9, -87.7, '1432', 'W Chicago Ave', 'D12', $3, 'high',
       'Hit near the corner store.', 'JA481220', '["Marcus Bell"]') RETURNING id`,
        [org.id, user.id, JSON.stringify(victims)],
      );
      // A second row without the optional fields.
      const [bare] = await before.query(
        `INSERT INTO incidents (org_id, created_by, type, occurred_at, latitude, longitude, street, service_area,
        victims, retaliation_risk)
       VALUES ($1, $2, 'homicide', now(), 41.9, -87.7, 'S Halsted St', 'D7', '[]', 'unknown') RETURNING id`,
        [org.id, user.id],
      );
      await before.destroy();

      process.env.DATA_ENCRYPTION_KEYS = `mig-key:${key.toString('base64')}`;
      const after = await migrate(MIGRATIONS);
      try {
        const columns = (
          await after.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'incidents'`)
        ).map((c: { column_name: string }) => c.column_name);
        for (const plain of ['house_number', 'street', 'victims', 'narrative', 'case_number', 'other_names'])
          expect(columns).not.toContain(plain);
        const rows = await after.query(
          `SELECT id, key_id, house_number_sealed AS "houseNumberSealed", street_sealed AS "streetSealed",
          victims_sealed AS "victimsSealed", narrative_sealed AS "narrativeSealed",
                case_number_sealed AS "caseNumberSealed", other_names_sealed AS "otherNamesSealed",
                to_jsonb(i)::text AS raw FROM incidents i ORDER BY id = $1 DESC`,
          [incident.id],
        );
        expect(rows).toHaveLength(2);
        for (const row of rows) {
          expect(row.key_id).toBe('mig-key');
          for (const plain of ['Núñez', 'Chicago', 'Halsted', 'corner store', 'JA481220', 'Marcus'])
            expect(row.raw).not.toContain(plain);
        }
        const box = new SecretBox([{ id: 'mig-key', key }]);
        expect(openIncident(box, incident.id, rows[0] as SealedIncidentData)).toEqual({
          houseNumber: '1432',
          street: 'W Chicago Ave',
          victims,
          narrative: 'Hit near the corner store.',
          caseNumber: 'JA481220',
          otherNames: ['Marcus Bell'],
        });
        expect(openIncident(box, bare.id, rows[1] as SealedIncidentData)).toEqual({
          houseNumber: null,
          street: 'S Halsted St',
          victims: [],
          narrative: null,
          caseNumber: null,
          otherNames: [],
        });

        const runner = after.createQueryRunner();
        try {
          await new SealIncidents1796602544622().down(runner);
          const [opened] = await runner.query(
            `SELECT house_number, street, victims, narrative, case_number, other_names FROM incidents WHERE id = $1`,
            [incident.id],
          );
          expect(opened).toEqual({
            house_number: '1432',
            street: 'W Chicago Ave',
            victims,
            narrative: 'Hit near the corner store.',
            case_number: 'JA481220',
            other_names: ['Marcus Bell'],
          });
        } finally {
          await runner.release();
        }
      } finally {
        await after.destroy();
      }
    },
  );
});
