import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import request from 'supertest';
import { loadConfig } from '@accord/config';
import type { ManualClock } from '@accord/identity';
import { OrgKind } from '@accord/policy';
import {
  createTestDatabase,
  type EnrolledUser,
  invite,
  login,
  nextCode,
  organizationWithAdmin,
  PASSWORD,
  type TestDatabase,
} from '@accord/testing';
import { createApiApp } from '../src/create-api-app';
import { startApiWithClock } from './test-api';

/**
 * Issue 12 items 7 and 11: what a page elsewhere can make a signed-in browser do (CSRF), and what
 * an anonymous caller learns from /health and the API docs in production.
 */
describe('browser defences (e2e)', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let clock: ManualClock;
  let owner: Client;
  let admin: EnrolledUser;
  let worker: EnrolledUser;
  let adminToken: string;
  const PUBLIC_BASE_URL = 'https://accord.riverton.example';
  const http = () => request(app.getHttpServer());

  /** A browser sign-in: the session comes back only as the HttpOnly cookie. */
  async function browserSession(user: EnrolledUser): Promise<string> {
    const res = await http()
      .post('/api/v1/auth/login')
      .set('Sec-Fetch-Site', 'same-origin')
      .send({ email: user.email, password: PASSWORD, code: nextCode(clock, user.secret) });
    expect(res.status).toBe(200);
    return String(res.headers['set-cookie']).split(';')[0]!;
  }

  const live = async (cookie: string) => (await http().get('/api/v1/me').set('Cookie', cookie)).status === 200;
  const statusOf = async (id: string) =>
    (await owner.query(`SELECT status FROM users WHERE id = $1`, [id])).rows[0].status as string;

  beforeAll(async () => {
    db = await createTestDatabase('browserdefences');
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    ({ app, clock } = await startApiWithClock(db, { PUBLIC_BASE_URL, LOGIN_THROTTLE_MAX_ATTEMPTS: '10000' }));
    ({ admin } = await organizationWithAdmin(app, clock, 'Safe Streets CSRF', OrgKind.Community, 'admin@csrf.example'));
    adminToken = await login(app, clock, admin);
    worker = await invite(app, clock, adminToken, 'worker@csrf.example', ['outreach_worker']);
  });

  afterAll(async () => {
    await app?.close();
    await owner?.end();
    await db?.drop();
  });

  describe('CSRF (item 7)', () => {
    it(
      'refuses a cross-site form post with the session cookie ' + '(415): nothing happens, the session lives on',
      async () => {
        const cookie = await browserSession(admin);
        // What a hostile page's <form method=post> sends: the cookie (where SameSite does not hold it back), a form
        // body, its own origin.
        const form = await http()
          .post(`/api/v1/users/${worker.id}/disable`)
          .set('Cookie', cookie)
          .set('Origin', 'https://evil.example')
          .set('Sec-Fetch-Site', 'cross-site')
          .type('form')
          .send('confirm=yes');
        expect(form.status).toBe(415);
        expect(form.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
        const textPlain = await http()
          .post('/api/v1/auth/logout')
          .set('Cookie', cookie)
          .set('Content-Type', 'text/plain')
          .send('{}');
        expect(textPlain.status).toBe(415);
        const emptyForm = await http()
          .post('/api/v1/auth/logout')
          .set('Cookie', cookie)
          .set('Content-Type', 'application/x-www-form-urlencoded');
        expect(emptyForm.status).toBe(415);
        expect(await statusOf(worker.id)).toBe('active');
        expect(await live(cookie)).toBe(true);
      },
    );

    it.each([
      ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
      [
        'Sec-Fetch-Site: same-site (a sibling subdomain)',
        { 'Sec-Fetch-Site': 'same-site', Origin: 'https://blog.riverton.example' },
      ],
      ['another Origin, from a browser without Sec-Fetch-Site', { Origin: 'https://evil.example' }],
      ['Origin: null (a sandboxed frame)', { Origin: 'null' }],
      ['neither header', {}],
    ])(
      'refuses a cookie-authenticated change with %s (403 CROSS_SITE_REQUEST)',
      async (_label, headers: Record<string, string>) => {
        const cookie = await browserSession(admin);
        const disable = await http().post(`/api/v1/users/${worker.id}/disable`).set('Cookie', cookie).set(headers);
        expect(disable.status).toBe(403);
        expect(disable.body.error.code).toBe('CROSS_SITE_REQUEST');
        const logout = await http().post('/api/v1/auth/logout').set('Cookie', cookie).set(headers);
        expect(logout.status).toBe(403);
        expect(await statusOf(worker.id)).toBe('active');
        expect(await live(cookie)).toBe(true);
      },
    );

    it(
      'lets the web app’s own same-origin JSON requests through ' + '(Sec-Fetch-Site, or Origin where there is none)',
      async () => {
        const cookie = await browserSession(admin);
        const reauth = await http()
          .post('/api/v1/auth/reauthenticate')
          .set('Cookie', cookie)
          .set('Origin', PUBLIC_BASE_URL)
          .send({ password: PASSWORD, code: nextCode(clock, admin.secret) });
        expect(reauth.status).toBe(200);
        const disabled = await http()
          .post(`/api/v1/users/${worker.id}/disable`)
          .set('Cookie', cookie)
          .set('Sec-Fetch-Site', 'same-origin');
        expect(disabled.status).toBe(200);
        const enabled = await http()
          .post(`/api/v1/users/${worker.id}/enable`)
          .set('Cookie', cookie)
          .set('Origin', PUBLIC_BASE_URL);
        expect(enabled.status).toBe(200);
        expect(
          (await http().post('/api/v1/auth/logout').set('Cookie', cookie).set('Sec-Fetch-Site', 'same-origin')).status,
        ).toBe(204);
        expect(await live(cookie)).toBe(false);
      },
    );

    it('leaves Bearer clients alone whatever their origin, but still wants JSON bodies', async () => {
      const token = await login(app, clock, admin);
      const res = await http()
        .post(`/api/v1/users/${worker.id}/enable`)
        .set('Authorization', `Bearer ${token}`)
        .set('Origin', 'https://evil.example')
        .set('Sec-Fetch-Site', 'cross-site');
      expect(res.status).toBe(200);
      const form = await http()
        .post('/api/v1/users')
        .set('Authorization', `Bearer ${token}`)
        .type('form')
        .send('email=x@csrf.example&roles=outreach_worker');
      expect(form.status).toBe(415);
      expect((await owner.query(`SELECT count(*)::int AS n FROM users WHERE email = 'x@csrf.example'`)).rows[0].n).toBe(
        0,
      );
    });

    it('refuses a cross-site login (login CSRF) and lets an API client without browser headers log in', async () => {
      const crossSite = await http()
        .post('/api/v1/auth/login')
        .set('Sec-Fetch-Site', 'cross-site')
        .send({ email: worker.email, password: PASSWORD, code: nextCode(clock, worker.secret) });
      expect(crossSite.status).toBe(403);
      expect(crossSite.body.error.code).toBe('CROSS_SITE_REQUEST');
      expect(await login(app, clock, worker)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });
  });

  describe('diagnostics for anonymous callers (item 11)', () => {
    it('keeps the details and the docs off in production unless PUBLIC_DIAGNOSTICS turns them on', async () => {
      const signingKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      const production = {
        NODE_ENV: 'production',
        DATABASE_URL: db.appUrl,
        AUDIT_SIGNING_KEY: signingKey,
        DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'silent',
      };
      const seen: Record<string, unknown> = {};
      for (const [name, env] of [
        ['production', production],
        ['production with PUBLIC_DIAGNOSTICS=true', { ...production, PUBLIC_DIAGNOSTICS: 'true' }],
      ] as const) {
        const config = loadConfig(env);
        const prod = await createApiApp(config, false, [], null);
        await prod.init();
        try {
          const health = await request(prod.getHttpServer()).get('/health');
          const docs = await request(prod.getHttpServer()).get('/api/docs-json');
          const page = await request(prod.getHttpServer()).get('/api/docs');
          seen[name] = {
            health: health.status,
            keys: Object.keys(health.body).sort(),
            docs: docs.status,
            page: page.status,
          };
          if (name === 'production') expect(health.body).toEqual({ status: expect.stringMatching(/^(ok|degraded)$/) });
        } finally {
          await prod.close();
        }
      }
      expect(seen).toEqual({
        production: { health: 200, keys: ['status'], docs: 404, page: 404 },
        'production with PUBLIC_DIAGNOSTICS=true': { health: 200, keys: ['checks', 'status'], docs: 200, page: 200 },
      });
    });

    it('defaults to showing them outside production (development, tests)', () => {
      expect(loadConfig({ NODE_ENV: 'test' }).publicDiagnostics).toBe(true);
      expect(loadConfig({ NODE_ENV: 'development' }).publicDiagnostics).toBe(true);
      expect(loadConfig({ NODE_ENV: 'test', PUBLIC_DIAGNOSTICS: 'false' }).publicDiagnostics).toBe(false);
    });
  });
});
