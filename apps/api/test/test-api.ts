import type { DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type AppConfig, loadConfig } from '@accord/config';
import { ManualClock } from '@accord/identity';
import { clockModule, type TestDatabase, testMailbox } from '@accord/testing';
import { createApiApp } from '../src/create-api-app';

export interface StartOptions {
  /** The clock's first reading (a suite whose rules depend on the hour picks its own). */
  now?: Date;
  /** A clock the suite already holds, e.g. one shared by several API instances. */
  clock?: ManualClock;
  /** Modules added to the app, e.g. a probe a suite inspects. */
  modules?: NonNullable<DynamicModule['imports']>;
  /** Listen on a loopback port (for real HTTP clients: event streams, webhooks) instead of only initialising. */
  listen?: boolean;
}

export interface StartedApi {
  app: NestExpressApplication;
  clock: ManualClock;
  config: AppConfig;
  /** `http://127.0.0.1:<port>/api/v1` when started with `listen`, else undefined. */
  base?: string;
}

/** The suites' shared start: the real API on a test database, with a clock the test moves. */
export async function startApiWithClock(
  db: TestDatabase,
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<StartedApi> {
  const clock = options.clock ?? new ManualClock(options.now ?? new Date('2026-11-23T02:00:00Z'));
  // A mailbox by default: enrollment links reach people only by e-mail (issue 12).
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.appUrl, SMTP_URL: (await testMailbox()).url, ...env });
  const app = await createApiApp(config, false, [clockModule(clock), ...(options.modules ?? [])]);
  if (!options.listen) {
    await app.init();
    return { app, clock, config };
  }
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, clock, config, base: `http://127.0.0.1:${port}/api/v1` };
}
