import { Client } from 'pg';
import { createTestDatabase, dropDatabase, TEST_ADMIN_URL, testRunId, withDatabase } from '@accord/testing';
import { accordDataSourceOptions } from '@accord/schema';
import { runMigrationsUnderLock } from './migrator';

describe('runMigrationsUnderLock', () => {
  it('applies every migration exactly once when several instances start together', async () => {
    const name = `accord_test_${testRunId()}_migrate_${process.pid}`;
    const admin = new Client({ connectionString: TEST_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    try {
      const options = accordDataSourceOptions({ url: withDatabase(TEST_ADMIN_URL, name) });
      const runs = await Promise.all([1, 2, 3, 4].map(() => runMigrationsUnderLock(options)));
      const appliedNames = runs.flat();
      expect(new Set(appliedNames).size).toBe(appliedNames.length);
      expect(runs.filter((applied) => applied.length > 0)).toHaveLength(1);
      const client = new Client({ connectionString: withDatabase(TEST_ADMIN_URL, name) });
      await client.connect();
      const { rows } = await client.query('SELECT name FROM schema_migrations');
      await client.end();
      expect(rows.length).toBe(options.migrations!.length as number);
    } finally {
      await dropDatabase(name);
    }
  });

  it('gives the application login no right to create tables', async () => {
    const db = await createTestDatabase('approle');
    try {
      const app = await db.connectApp(1);
      await expect(app.query('CREATE TABLE intruder (id int)')).rejects.toThrow(/permission denied/);
    } finally {
      await db.drop();
    }
  });
});
