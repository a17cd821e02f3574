import 'reflect-metadata';
import { loadConfig, ConfigError } from '@accord/config';
import { createRootLogger, PinoLoggerService } from '@accord/http';
import { prepareDatabase } from '@accord/schema';
import { createApiApp } from './create-api-app';
import { startupBanner } from './startup-banner';

async function main(): Promise<void> {
  let loaded;
  try {
    loaded = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const root = createRootLogger(loaded.logLevel);
  const logger = new PinoLoggerService(root);
  const database = await prepareDatabase(loaded, (line) => root.debug({ context: 'EmbeddedPostgres' }, line));
  const config = database.config;
  const app = await createApiApp(config, logger);
  // Signals are handled below and nowhere else: Nest's own shutdown hooks would re-raise the
  // signal once the app is closed, killing the process before the embedded database stops.
  const server = await app.listen(config.port, config.host);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  process.stdout.write(startupBanner(config, port, database.appliedMigrations));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    root.info({ event: 'shutdown', signal }, 'shutting down');
    await app.close();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Accord failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
