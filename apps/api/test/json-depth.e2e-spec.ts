import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { listRoutePolicies, OrgKind } from '@accord/policy';
import { createTestDatabase, login, organizationWithAdmin, type TestDatabase } from '@accord/testing';
import { startApiWithClock } from './test-api';

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/**
 * A 24 kB body of 3,000 nested objects once overflowed the stack of the validators (a 500, on
 * unauthenticated routes too). Every route that takes a body must refuse it with 400 BODY_TOO_DEEP,
 * before authentication, validation or anything else walks it.
 */
describe('deeply nested JSON bodies', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let token: string;
  let bodyRoutes: Array<{ method: 'post' | 'put' | 'patch'; path: string }>;

  beforeAll(async () => {
    db = await createTestDatabase('jsondepth');
    const started = await startApiWithClock(db);
    app = started.app;
    const { admin } = await organizationWithAdmin(
      app,
      started.clock,
      'Riverside Outreach',
      OrgKind.Community,
      'admin@riverside.test',
    );
    token = await login(app, started.clock, admin);
    bodyRoutes = listRoutePolicies(app)
      .map(({ route }) => route.split(' ') as [string, string])
      .filter(([method]) => ['POST', 'PUT', 'PATCH'].includes(method))
      .map(([method, path]) => ({
        method: method.toLowerCase() as 'post' | 'put' | 'patch',
        path: `/api/v1${path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000')}`,
      }));
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('refuses a 3,000-deep body on every JSON route, signed in or not, with 400 BODY_TOO_DEEP', async () => {
    expect(bodyRoutes.length).toBeGreaterThan(20);
    expect(bodyRoutes.map((r) => r.path)).toContain('/api/v1/auth/login');
    const body = nested(3000);
    const answers: Array<{ route: string; status: number; code: unknown }> = [];
    for (const route of bodyRoutes) {
      for (const auth of [undefined, `Bearer ${token}`]) {
        let req = request(app.getHttpServer())[route.method](route.path).set('Content-Type', 'application/json');
        if (auth) req = req.set('Authorization', auth);
        const res = await req.send(body);
        answers.push({
          route: `${route.method} ${route.path}`,
          status: res.status,
          code: (res.body as { error?: { code?: unknown } }).error?.code,
        });
      }
    }
    expect(answers.length).toBe(bodyRoutes.length * 2);
    expect(answers.filter((a) => a.status !== 400 || a.code !== 'BODY_TOO_DEEP')).toEqual([]);
  });

  it('lets a body nested up to the limit through to validation', async () => {
    const res = await request(app.getHttpServer())
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send(nested(64));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});
