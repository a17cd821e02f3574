import { Client } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';

/** Fixed key of the advisory lock that serializes migration runs across instances. */
export const MIGRATION_LOCK_KEY = 746_415_221;

/**
 * Applies pending migrations as the schema owner. Several instances may start together: each
 * takes the same session-level advisory lock first, so exactly one applies the migrations and
 * the others find nothing left to do once they get the lock.
 */
export async function runMigrationsUnderLock(options: DataSourceOptions & { url: string }): Promise<string[]> {
  const lock = new Client({ connectionString: options.url, application_name: 'accord-migrator-lock' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const dataSource = new DataSource({ ...options, poolSize: 1 } as DataSourceOptions);
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}
