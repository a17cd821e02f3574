import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AppConfig } from '@accord/config';
import { ensureApplicationLogin, runMigrationsUnderLock, startEmbeddedPostgres, urlForRole } from '@accord/database';
import { accordDataSourceOptions } from './data-source-options';

export interface PreparedDatabase {
  /** The config with `databaseUrl` pointing at the application role's connection. */
  config: AppConfig;
  appliedMigrations: string[];
  stop(): Promise<void>;
}

const EMBEDDED_APP_ROLE = 'accord_app_login';

async function persistentSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(18).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * Gets the database ready before Nest starts: in embedded mode starts the bundled PostgreSQL,
 * migrates it as the superuser and logs the app in as a least-privileged member of accord_app;
 * otherwise migrates with DATABASE_MIGRATION_URL when one is given.
 */
export async function prepareDatabase(config: AppConfig, log: (line: string) => void): Promise<PreparedDatabase> {
  if (config.databaseMode === 'external') {
    const applied = config.databaseMigrationUrl
      ? await runMigrationsUnderLock(
          accordDataSourceOptions({ url: config.databaseMigrationUrl, applicationName: 'accord-migrate' }),
        )
      : [];
    return { config, appliedMigrations: applied, stop: async () => undefined };
  }
  const dataDir = resolve(config.embeddedDataDir);
  await mkdir(dataDir, { recursive: true });
  const embedded = await startEmbeddedPostgres({
    dataDir,
    port: config.embeddedPostgresPort,
    onLog: (line) => log(`postgres: ${line}`),
  });
  try {
    const applied = await runMigrationsUnderLock(
      accordDataSourceOptions({ url: embedded.ownerUrl, applicationName: 'accord-migrate' }),
    );
    const password = await persistentSecret(join(dataDir, 'postgres-app-password'));
    await ensureApplicationLogin(embedded.ownerUrl, EMBEDDED_APP_ROLE, password);
    const resolved = Object.assign(Object.create(Object.getPrototypeOf(config) as object) as AppConfig, config, {
      databaseUrl: urlForRole(embedded.ownerUrl, EMBEDDED_APP_ROLE, password),
      databaseMigrationUrl: embedded.ownerUrl,
    });
    return { config: resolved, appliedMigrations: applied, stop: () => embedded.stop() };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}
