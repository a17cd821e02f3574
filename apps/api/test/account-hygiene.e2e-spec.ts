import request from 'supertest';
import { DataSource } from 'typeorm';
import { AccountHygieneService } from '@accord/identity';
import { OrgKind, Role } from '@accord/policy';
import {
  createTestDatabase,
  invite,
  login,
  nextCode,
  organizationWithAdmin,
  PASSWORD,
  type TestDatabase,
} from '@accord/testing';
import { startApiWithClock } from './test-api';

const DAY = 24 * 60 * 60 * 1000;

/** Issue 7 item 5 (CJIS AC-2(3)): accounts unused for 90 days are disabled by a scheduled job, audited. */
describe('account hygiene', () => {
  let db: TestDatabase;

  afterAll(async () => {
    await db?.drop();
  });

  it('disables accounts idle for 90 days, keeps active ones, and audits each', async () => {
    db = await createTestDatabase('hygiene');
    const { app, clock } = await startApiWithClock(db);
    try {
      const { admin } = await organizationWithAdmin(
        app,
        clock,
        'Safe Streets Outreach',
        OrgKind.Community,
        'admin@safestreets.test',
      );
      const idle = await invite(app, clock, await login(app, clock, admin), 'idle@safestreets.test', [
        Role.OutreachWorker,
      ]);
      await login(app, clock, idle);

      clock.advance(60 * DAY);
      await login(app, clock, admin); // the admin keeps using Accord
      clock.advance(31 * DAY);
      await login(app, clock, admin);

      const ds = app.get(DataSource);
      expect(await app.get(AccountHygieneService).disableInactive()).toBe(1);
      const statuses = await ds.query(`SELECT email, status FROM users ORDER BY email`);
      expect(statuses).toEqual([
        { email: 'admin@safestreets.test', status: 'active' },
        { email: 'idle@safestreets.test', status: 'disabled' },
      ]);
      const refused = await request(app.getHttpServer())
        .post('/api/v1/auth/login')
        .send({ email: idle.email, password: PASSWORD, code: nextCode(clock, idle.secret), client: 'api' });
      expect(refused.status).toBe(401);
      const [entry] = await ds.query(
        `SELECT actor_user_id, reason FROM audit_entries WHERE action = 'user.disable' AND subject_id = $1`,
        [idle.id],
      );
      expect(entry).toEqual({ actor_user_id: null, reason: 'INACTIVE_90_DAYS' });
      expect(await app.get(AccountHygieneService).disableInactive()).toBe(0);
    } finally {
      await app.close();
    }
  });
});
