import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { type AppConfig, loadConfig } from '@accord/config';
import { DEMO_PASSWORD, demoJourneys, totpCodeAt, demoTotpSecret } from '@accord/identity';
import { createTestDatabase, type TestDatabase } from '@accord/testing';
import { createApiApp } from '../src/create-api-app';

const LIAISON = 'police-liaison@police.riverton.demo';

async function start(config: AppConfig): Promise<NestExpressApplication> {
  const app = await createApiApp(config, false, [], null);
  await app.init();
  return app;
}

/**
 * The sign-in page's demo panel asks these routes. They exist for the embedded demo city only:
 * with an external database (production or tests) they answer exactly like a route that does not
 * exist, so a real deployment never lists accounts or hands out codes.
 */
describe('demo accounts for the sign-in page', () => {
  let db: TestDatabase;
  const dataDir = mkdtempSync(join(tmpdir(), 'accord-demo-accounts-'));

  beforeAll(async () => {
    db = await createTestDatabase('demoaccounts');
  });

  afterAll(async () => {
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 404 in production and in tests, like an unknown route', async () => {
    const signingKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const production = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: db.appUrl,
      AUDIT_SIGNING_KEY: signingKey,
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    });
    for (const config of [production, loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.appUrl })]) {
      const app = await start(config);
      try {
        for (const path of ['/api/v1/demo/accounts', `/api/v1/demo/accounts/${LIAISON}/code`]) {
          const res = await request(app.getHttpServer()).get(path);
          expect({ env: config.nodeEnv, path, status: res.status, code: res.body.error?.code }).toEqual({
            env: config.nodeEnv,
            path,
            status: 404,
            code: 'ROUTE_NOT_FOUND',
          });
        }
      } finally {
        await app.close();
      }
    }
  });

  describe('on the embedded demo city', () => {
    let app: NestExpressApplication;

    beforeAll(async () => {
      // What `npm start` builds without DATABASE_URL: embedded mode, its address filled in by the
      // launcher (here the test database instead of the bundled server).
      const config = loadConfig({ NODE_ENV: 'development', EMBEDDED_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
      config.databaseUrl = db.appUrl;
      expect(config.isEmbeddedDatabase).toBe(true);
      app = await start(config);
    });

    afterAll(async () => {
      await app?.close();
    });

    it('lists the banner’s journeys with the demo password, never stored', async () => {
      const res = await request(app.getHttpServer()).get('/api/v1/demo/accounts');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual({ password: DEMO_PASSWORD, journeys: demoJourneys() });
      expect(res.body.journeys.length).toBeGreaterThan(0);
    });

    it('hands out a current code that signs the demo account in, and nothing for other addresses', async () => {
      const res = await request(app.getHttpServer()).get(`/api/v1/demo/accounts/${LIAISON}/code`);
      expect(res.status).toBe(200);
      const now = Date.now();
      const secret = demoTotpSecret(LIAISON);
      expect([totpCodeAt(secret, now), totpCodeAt(secret, now - 30_000)]).toContain(res.body.code);
      expect(new Date(res.body.validUntil).getTime()).toBeGreaterThan(now - 30_000);
      const login = await request(app.getHttpServer())
        .post('/api/v1/auth/login')
        .send({ email: LIAISON, password: DEMO_PASSWORD, code: res.body.code, client: 'api' });
      expect(login.status).toBe(200);
      const other = await request(app.getHttpServer()).get('/api/v1/demo/accounts/someone@example.org/code');
      expect(other.status).toBe(404);
      expect(other.body.error.code).toBe('NOT_FOUND');
    });
  });
});
