import { resolve } from 'node:path';
import type { AppConfig } from '@accord/config';
import { clusterDirOf } from '@accord/database';
import { demoLoginInstructions } from '@accord/identity';

/** What a person starting Accord needs to know: where it is and which backends it runs on. */
export function startupBanner(config: AppConfig, port: number, appliedMigrations: string[]): string {
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  const lines = [
    '',
    `  Accord is running: open http://${host}:${port}/ in a browser`,
    `    API:     http://${host}:${port}/api/v1   docs: http://${host}:${port}/api/docs   health: http://${host}:${port}/health`,
    `    Database: ${config.isEmbeddedDatabase ? `embedded PostgreSQL (data in ${clusterDirOf(resolve(config.embeddedDataDir))}, port ${config.embeddedPostgresPort})` : 'external PostgreSQL (DATABASE_URL)'}`,
    `    Jobs:     ${config.redisUrl ? `BullMQ on Redis${config.runWorkerInProcess ? ', processed in this process' : ', processed by the worker (npm run start:worker)'}` : 'in-process (no REDIS_URL): durable through the outbox table'}`,
    `    Migrations applied now: ${appliedMigrations.length === 0 ? 'none (schema up to date)' : appliedMigrations.length}`,
  ];
  if (config.isEmbeddedDatabase) lines.push('', ...demoLoginInstructions(`http://${host}:${port}/`));
  if (config.isEmbeddedDatabase || !config.redisUrl) {
    lines.push(
      '',
      '  !! Embedded mode is for trying Accord, not for production: one machine, a bundled database,',
      '  !! development keys. Set DATABASE_URL, DATABASE_MIGRATION_URL, REDIS_URL and AUDIT_SIGNING_KEY to run it for real.',
    );
  }
  return `${lines.join('\n')}\n\n`;
}
