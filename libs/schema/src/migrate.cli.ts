import 'reflect-metadata';
import { loadConfig } from '@accord/config';
import { ensureApplicationLogin, runMigrationsUnderLock } from '@accord/database';
import { accordDataSourceOptions } from './data-source-options';

/**
 * `npm run db:migrate`: the deployment's migration step. Connects as the schema owner
 * (DATABASE_MIGRATION_URL), applies pending migrations under the advisory lock, and makes sure the
 * login named in DATABASE_URL exists as a member of the accord_app group with that password, so the
 * API and worker never need owner rights.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseMigrationUrl || !config.databaseUrl) {
    process.stderr.write(
      'db:migrate needs DATABASE_MIGRATION_URL (schema owner) and DATABASE_URL (application login)\n',
    );
    process.exit(2);
  }
  const applied = await runMigrationsUnderLock(
    accordDataSourceOptions({ url: config.databaseMigrationUrl, applicationName: 'accord-migrate' }),
  );
  const app = new URL(config.databaseUrl);
  const owner = new URL(config.databaseMigrationUrl);
  if (decodeURIComponent(app.username) !== decodeURIComponent(owner.username)) {
    await ensureApplicationLogin(
      config.databaseMigrationUrl,
      decodeURIComponent(app.username),
      decodeURIComponent(app.password),
    );
  }
  process.stdout.write(
    applied.length === 0 ? 'Schema up to date.\n' : `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
