import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { loadConfig } from '@accord/config';
import { DEMO_PASSWORD, demoTotpCode } from '@accord/identity';
import { DemoPartnershipSeeder } from '@accord/sharing';
import { createTestDatabase, type TestDatabase } from '@accord/testing';
import { createApiApp } from '../src/create-api-app';

/** What a newcomer finds after `npm start`: active demo agreements and an alert in the outreach worker's inbox. */
describe('demo partnerships', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;

  beforeAll(async () => {
    db = await createTestDatabase('demopartner');
    app = await createApiApp(loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.appUrl }), false);
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('seeds two active agreements and a shared sample incident, once', async () => {
    const seeder = app.get(DemoPartnershipSeeder);
    expect(await seeder.seed()).toBe(2);
    expect(await seeder.seed()).toBe(0);

    const email = 'outreach-worker@outreach.riverton.demo';
    const login = await request(app.getHttpServer()).post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD, code: demoTotpCode(email), client: 'api' });
    expect(login.status).toBe(200);
    const token = login.body.token as string;
    const until = Date.now() + 15_000;
    let items: { disclosureId: string }[] = [];
    while (items.length === 0 && Date.now() < until) {
      items = (await request(app.getHttpServer()).get('/api/v1/inbox').set('Authorization', `Bearer ${token}`)).body.items ?? [];
      if (items.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(items).toHaveLength(1);
    const alert = await request(app.getHttpServer()).get(`/api/v1/inbox/${items[0]!.disclosureId}`).set('Authorization', `Bearer ${token}`);
    expect(alert.body.payload.location.block).toBe('1400 block of W Chicago Ave');
    expect(JSON.stringify(alert.body)).not.toContain('RV-2026-0001');
  });
});
