import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@accord/config';
import { ManualClock } from '@accord/identity';
import { clockModule, type TestDatabase, testMailbox } from '@accord/testing';
import { createApiApp } from '../src/create-api-app';

/** The partnership suites' shared start: the real API on a test database, with a clock the test moves. */
export async function startApiWithClock(
  db: TestDatabase,
  env: Record<string, string> = {},
): Promise<{ app: NestExpressApplication; clock: ManualClock }> {
  const clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));
  // A mailbox by default: enrollment links reach people only by e-mail (issue 12).
  const app = await createApiApp(
    loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.appUrl, SMTP_URL: (await testMailbox()).url, ...env }),
    false,
    [clockModule(clock)],
  );
  await app.init();
  return { app, clock };
}
