import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ensureApplicationLogin, runMigrationsUnderLock, urlForRole } from '@accord/database';
import { accordDataSourceOptions } from '@accord/schema';

/** Server the tests use; the machine's PostgreSQL unless told otherwise. */
export const TEST_ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_APP_ROLE = 'accord_app_test';
export const TEST_APP_PASSWORD = 'accord-app-test-password';

/** Identifies one `npm test` run; global teardown drops whatever this run left behind. */
export function testRunId(): string {
  return process.env.ACCORD_TEST_RUN ?? 'adhoc';
}

export interface TestDatabase {
  name: string;
  /** Schema owner (superuser on the test server): migrations, tampering in tests. */
  ownerUrl: string;
  /** The least-privileged application login, as the API and worker use it. */
  appUrl: string;
  /** A data source connected as the application role. */
  connectApp(poolSize?: number): Promise<DataSource>;
  drop(): Promise<void>;
}

/** An empty database of this run (no migration applied), dropped with the run's others; returns its name. */
export async function createEmptyDatabase(label: string): Promise<string> {
  const name = `accord_test_${testRunId()}_${label
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(0, 20)}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return name;
}

/**
 * A fresh database with every migration applied, for one test suite. Suites never share data,
 * and a run's databases are dropped at the end (even after a crash, by the next global teardown).
 */
export async function createTestDatabase(label = 'suite'): Promise<TestDatabase> {
  const name = await createEmptyDatabase(label);
  const ownerUrl = withDatabase(TEST_ADMIN_URL, name);
  await runMigrationsUnderLock(accordDataSourceOptions({ url: ownerUrl, applicationName: 'accord-test-migrate' }));
  await ensureApplicationLogin(ownerUrl, TEST_APP_ROLE, TEST_APP_PASSWORD);
  const appUrl = urlForRole(ownerUrl, TEST_APP_ROLE, TEST_APP_PASSWORD);
  const opened: DataSource[] = [];
  return {
    name,
    ownerUrl,
    appUrl,
    async connectApp(poolSize = 10) {
      const dataSource = new DataSource(
        accordDataSourceOptions({ url: appUrl, poolSize, applicationName: 'accord-test-app' }),
      );
      await dataSource.initialize();
      opened.push(dataSource);
      return dataSource;
    },
    async drop() {
      await Promise.all(opened.filter((d) => d.isInitialized).map((d) => d.destroy()));
      await dropDatabase(name);
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: TEST_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Drops every database whose name starts with `prefix` (global teardown). */
export async function dropDatabasesWithPrefix(prefix: string): Promise<number> {
  const admin = new Client({ connectionString: TEST_ADMIN_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `${prefix}%`,
    ]);
    for (const row of rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    return rows.length;
  } finally {
    await admin.end();
  }
}
