import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '@accord/config';
import { listRoutePolicies } from '@accord/policy';
import { createTestDatabase, type TestDatabase } from '@accord/testing';
import { createApiApp } from '../src/create-api-app';

/**
 * Every route of the full API with its declared policy. A change to this snapshot is a change of
 * who may do what: review it like one. A route without a declaration fails the second test.
 */
describe('route policies of the full API', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;

  beforeAll(async () => {
    db = await createTestDatabase('routes');
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

  it('matches the committed list of routes and policies', () => {
    expect(listRoutePolicies(app)).toMatchSnapshot();
  });

  it('has no route without a policy or @Public()', () => {
    const routes = listRoutePolicies(app);
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => r.policy === 'UNDECLARED')).toEqual([]);
  });
});
