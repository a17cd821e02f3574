import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import {
  createTestDatabase,
  login,
  type Partnership,
  partnership,
  sampleIncident,
  type TestDatabase,
} from '@accord/testing';
import { startApiWithClock } from './test-api';

/** Every regular file under `dir`, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/**
 * docs/security.md "Data", issue 12 item 4: the police's incident records are sealed at rest. The raw
 * check reads what an attacker with a copy of the disk would: after a CHECKPOINT, the database's
 * relation files (heap, TOAST, indexes) and the WAL hold none of the record's personal values.
 * The test database runs on the local PostgreSQL; its data directory must be readable by the test.
 */
describe('incidents at rest', () => {
  let db: TestDatabase;
  let p: Partnership;
  let owner: Client;
  const http = () => request(p.app.getHttpServer());
  // One marker per field, unique to this run (letters only, so screening sees no number in it), so nothing another
  // suite wrote can match.
  const run = randomBytes(8)
    .toString('hex')
    .replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!);
  const marker = (field: string) => `Qx${run}${field}`;

  beforeAll(async () => {
    db = await createTestDatabase('incidentsatrest');
    const { app, clock } = await startApiWithClock(db);
    p = await partnership(app, clock);
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
  }, 120_000);

  afterAll(async () => {
    await owner?.end();
    await p?.app.close();
    await db?.drop();
  });

  it(
    'stores no personal value of an incident in the table, the relation files or the WAL; the police still ' +
      'preview it',
    async () => {
      const started = Date.now();
      const liaison = await login(p.app, p.clock, p.liaison);
      const base = sampleIncident(`Dispute after the game; ${marker('narrative')} spoke to officers.`);
      const incident = {
        ...base,
        location: { ...base.location, houseNumber: '1432', street: `W ${marker('street')} Ave` },
        victims: [{ age: 17, fatal: false, name: `Darnell ${marker('victim')}` }],
        caseNumber: marker('case'),
        otherNames: [`Marcus ${marker('other')}`],
      };
      const created = await http().post('/api/v1/incidents').set('Authorization', `Bearer ${liaison}`).send(incident);
      expect(created.status).toBe(201);
      const markers = ['narrative', 'street', 'victim', 'case', 'other'].map(marker);

      // SQL alone reads sealed values with key ids, nothing else.
      const { rows } = await owner.query(`SELECT to_jsonb(i) AS row FROM incidents i WHERE id = $1`, [created.body.id]);
      expect(rows).toHaveLength(1);
      const row = rows[0].row as Record<string, unknown>;
      for (const m of markers) expect(JSON.stringify(row)).not.toContain(m);
      for (const column of [
        'house_number_sealed',
        'street_sealed',
        'victims_sealed',
        'narrative_sealed',
        'case_number_sealed',
        'other_names_sealed',
      ])
        expect(row[column]).toMatch(/^v1\.[A-Za-z0-9_-]+\./);

      // The police's own view opens them: the preview screens the narrative with the names on the record and shows the
      // block.
      const preview = await http()
        .get(`/api/v1/incidents/${created.body.id}/preview?redact=true`)
        .set('Authorization', `Bearer ${liaison}`);
      expect(preview.status).toBe(200);
      expect(preview.body).toHaveLength(1);
      expect(preview.body[0].payload.location.block).toBe(`1400 block of W ${marker('street')} Ave`);
      expect(preview.body[0].payload.narrative).toContain(marker('narrative'));

      // The raw files: a CHECKPOINT flushes every dirty page, then the database's files and the WAL are searched byte
      // for byte.
      await owner.query('CHECKPOINT');
      const dataDirectory = (await owner.query<{ data_directory: string }>('SHOW data_directory')).rows[0]!
        .data_directory;
      await access(dataDirectory, constants.R_OK | constants.X_OK).catch(() => {
        throw new Error(
          `The raw-file check reads PostgreSQL's data directory (${dataDirectory}); run the tests as a user who may ` +
            `read it, against the local server`,
        );
      });
      const databaseOid = (
        await owner.query<{ oid: number }>('SELECT oid FROM pg_database WHERE datname = current_database()')
      ).rows[0]!.oid;
      const relationFile = (await owner.query<{ path: string }>(`SELECT pg_relation_filepath('incidents') AS path`))
        .rows[0]!.path;
      const relationFiles = await filesUnder(join(dataDirectory, 'base', String(databaseOid)));
      // The incidents heap is among what is searched.
      expect(relationFiles).toContain(join(dataDirectory, relationFile));
      const walFiles = [];
      for (const file of await filesUnder(join(dataDirectory, 'pg_wal'))) {
        if ((await stat(file)).mtimeMs >= started - 60_000) walFiles.push(file); // segments written during this test
      }
      expect(walFiles.length).toBeGreaterThan(0);
      const found: string[] = [];
      for (const file of [...relationFiles, ...walFiles]) {
        const bytes = await readFile(file);
        for (const m of markers) if (bytes.includes(m)) found.push(`${m} in ${file}`);
      }
      expect(found).toEqual([]);
    },
  );
});
