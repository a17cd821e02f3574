import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@accord/config';
import { createRootLogger, PinoLoggerService } from '@accord/http';
import { prepareDatabase } from '@accord/schema';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (config.isEmbeddedDatabase) {
    // The embedded PostgreSQL belongs to the API process, which then runs the jobs itself.
    process.stderr.write('The worker needs DATABASE_URL. Without it, `npm start` runs the API with jobs in-process.\n');
    process.exit(2);
  }
  const root = createRootLogger(config.logLevel);
  // Migrates first when DATABASE_MIGRATION_URL is set (under the advisory lock, so API and
  // worker instances starting together apply each migration once).
  const database = await prepareDatabase(config, (line) => root.debug({ context: 'Database' }, line));
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(database.config), {
    logger: new PinoLoggerService(root),
    abortOnError: false,
  });
  // SIGTERM/SIGINT close the context: the relay stops claiming, in-flight jobs finish, then the
  // connections close (JobsWorker.beforeApplicationShutdown, then the database module).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  root.info({ event: 'worker.started', jobs: config.redisUrl ? 'bullmq' : 'in-process' }, 'Accord worker started');
}

main().catch((error: unknown) => {
  process.stderr.write(`Accord worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
