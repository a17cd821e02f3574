import { resolve } from 'node:path';
import type { AppConfig } from '@accord/config';
import { clusterDirOf } from '@accord/database';
import { demoLoginInstructions } from '@accord/identity';

/** What a person starting Accord needs to know: where it is and which backends it runs on. */
export function startupBanner(config: AppConfig, port: number, appliedMigrations: string[]): string {
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  const base = `http://${host}:${port}`;
  const dataDir = clusterDirOf(resolve(config.embeddedDataDir));
  const database = config.isEmbeddedDatabase
    ? `embedded PostgreSQL (data in ${dataDir}, port ${config.embeddedPostgresPort})`
    : 'external PostgreSQL (DATABASE_URL)';
  const processedBy = config.runWorkerInProcess
    ? ', processed in this process'
    : ', processed by the worker (npm run start:worker)';
  const jobs = config.redisUrl
    ? `BullMQ on Redis${processedBy}`
    : 'in-process (no REDIS_URL): durable through the outbox table';
  const migrations = appliedMigrations.length === 0 ? 'none (schema up to date)' : appliedMigrations.length;
  const lines = [
    '',
    `  Accord is running: open ${base}/ in a browser`,
    `    API:     ${base}/api/v1   docs: ${base}/api/docs   health: ${base}/health`,
    `    Database: ${database}`,
    `    Jobs:     ${jobs}`,
    `    Migrations applied now: ${migrations}`,
  ];
  if (config.isEmbeddedDatabase) lines.push('', ...demoLoginInstructions(`http://${host}:${port}/`));
  if (config.isEmbeddedDatabase || !config.redisUrl) {
    lines.push(
      '',
      '  !! Embedded mode is for trying Accord, not for production: one machine, a bundled database,',
      '  !! development keys. Set DATABASE_URL, DATABASE_MIGRATION_URL, REDIS_URL and AUDIT_SIGNING_KEY ' +
        'to run it for real.',
    );
  }
  return `${lines.join('\n')}\n\n`;
}
