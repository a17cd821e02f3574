import { randomBytes } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { loadConfig } from '@accord/config';
import {
  clearRedisPrefix,
  createTestDatabase,
  type TestDatabase,
  TEST_REDIS_URL,
  testRedisPrefix,
} from '@accord/testing';
import { createApiApp } from '../src/create-api-app';

describe('login throttle per source address', () => {
  let db: TestDatabase;
  const apps: NestExpressApplication[] = [];
  const prefix = testRedisPrefix('throttle');
  const key = randomBytes(32).toString('base64');

  async function start(env: Record<string, string>): Promise<NestExpressApplication> {
    const app = await createApiApp(
      loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: db.appUrl,
        DATA_ENCRYPTION_KEY: key,
        LOGIN_THROTTLE_MAX_ATTEMPTS: '3',
        ...env,
      }),
      false,
    );
    await app.init();
    apps.push(app);
    return app;
  }

  const attempt = (app: NestExpressApplication) =>
    request(app.getHttpServer())
      .post('/api/v1/auth/login')
      .send({ email: 'someone@example.org', password: 'a-long-wrong-password', code: '123456' });

  beforeAll(async () => {
    db = await createTestDatabase('throttle');
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await clearRedisPrefix(prefix);
    await db?.drop();
  });

  it('shares the count between API instances through Redis and answers 429 past the limit', async () => {
    const env = { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix, RUN_WORKER_IN_PROCESS: 'true' };
    const [a, b] = [await start(env), await start(env)];
    expect((await attempt(a)).status).toBe(401);
    expect((await attempt(b)).status).toBe(401);
    expect((await attempt(a)).status).toBe(401);
    const limited = await attempt(b);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
  });

  it('counts in PostgreSQL when no Redis is configured', async () => {
    const app = await start({});
    for (let i = 0; i < 3; i++) expect((await attempt(app)).status).toBe(401);
    expect((await attempt(app)).status).toBe(429);
    const owner = await db.connectApp(1);
    const rows = await owner.query<{ key: string; attempts: number }[]>(
      `SELECT key, attempts FROM login_throttle_counters`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.attempts).toBe(4);
    // The address is kept only as a keyed fingerprint.
    expect(rows[0]!.key).toMatch(/^[0-9a-f]{32}$/);
  });
});
