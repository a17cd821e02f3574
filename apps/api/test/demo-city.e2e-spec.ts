import { randomBytes } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { loadConfig } from '@accord/config';
import {
  DEMO_PASSWORD,
  DemoCitySeeder,
  demoAccounts,
  demoAccountsListing,
  demoJourneys,
  demoTotpCode,
} from '@accord/identity';
import { createTestDatabase, type TestDatabase } from '@accord/testing';
import { createApiApp } from '../src/create-api-app';

describe('demo city', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;

  beforeAll(async () => {
    db = await createTestDatabase('democity');
    app = await createApiApp(
      loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: db.appUrl,
        DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      }),
      false,
    );
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('seeds one account per role in four organizations plus an operator, idempotently', async () => {
    const seeder = app.get(DemoCitySeeder);
    expect(await seeder.seed()).toBe(demoAccounts().length);
    expect(await seeder.seed()).toBe(0);
    const owner = await db.connectApp(1);
    const orgs = await owner.query<{ kind: string }[]>(`SELECT kind FROM organizations ORDER BY kind`);
    expect(orgs.map((o) => o.kind)).toEqual(['city', 'community', 'hospital', 'platform', 'police']);
    // Each person has a (made-up) name, so a program manager picks workers by name.
    const people = await owner.query<{ email: string; display_name: string | null }[]>(
      `SELECT email, display_name FROM users WHERE is_demo ORDER BY email`,
    );
    expect(people).toEqual(
      demoAccounts()
        .map((a) => ({ email: a.email, display_name: a.displayName }))
        .sort((a, b) => a.email.localeCompare(b.email)),
    );
    const audited = await owner.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_entries WHERE action = 'user.create' AND reason = 'DEMO_SEED'`,
    );
    expect(audited[0]!.n).toBe(demoAccounts().length);
  });

  it(
    'lists each journey with its accounts, then every other ' + 'account, once each (npm run accord -- demo-accounts)',
    () => {
      const listing = demoAccountsListing();
      for (const journey of demoJourneys()) expect(listing).toContain(`${journey.summary} (${journey.key}):`);
      for (const account of demoAccounts())
        expect(listing.filter((line) => line.includes(`${account.email} `))).toHaveLength(1);
      expect(listing.join('\n')).toContain(DEMO_PASSWORD);
    },
  );

  it('lets a person log in as a demo account with the printed password and demo-code', async () => {
    const email = 'police-liaison@police.riverton.demo';
    const res = await request(app.getHttpServer())
      .post('/api/v1/auth/login')
      .send({ email, password: DEMO_PASSWORD, code: demoTotpCode(email), client: 'api' });
    expect(res.status).toBe(200);
    const me = await request(app.getHttpServer()).get('/api/v1/me').set('Authorization', `Bearer ${res.body.token}`);
    expect(me.body.roles).toEqual(['police_liaison']);
    expect(demoTotpCode('someone@else.example')).toBeNull();
  });
});
