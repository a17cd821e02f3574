import { Client } from 'pg';
import request from 'supertest';
import { Role } from '@accord/policy';
import {
  createTestDatabase,
  type EnrolledUser,
  invite,
  login,
  type Partnership,
  partnership,
  type TestDatabase,
} from '@accord/testing';
import { startApiWithClock } from './test-api';

const PERSON = (n: number) => ({
  name: `Jordan Testperson-${n}`,
  contact: `312-555-01${String(n).padStart(2, '0')}`,
  dateOfBirth: '2008-04-17',
  age: 18,
  reason: 'Shot at twice this month',
  riskFactors: ['prior_victimization'],
});
const CONSENT = { basis: 'written', givenOn: '2026-11-20', expiresOn: '2027-11-20' };

/** Issue 13, item 2: every answer that carries decrypted personal data leaves an audit entry, lists included. */
describe('reads of personal data are audited', () => {
  let db: TestDatabase;
  let p: Partnership;
  let owner: Client;
  let manager: EnrolledUser;
  let board: EnrolledUser;
  let agreementId: string;
  const referralIds: string[] = [];
  const http = () => request(p.app.getHttpServer());
  const get = (token: string, path: string) => http().get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
  const post = (token: string, path: string, body: object = {}) =>
    http().post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body);
  const entries = async (action: string, actorUserId: string) =>
    (
      await owner.query<{ stream: string; subject_id: string | null; details: Record<string, unknown> }>(
        'SELECT stream, subject_id, details FROM audit_entries WHERE action = $1 AND actor_user_id = $2 ORDER BY seq',
        [action, actorUserId],
      )
    ).rows;

  beforeAll(async () => {
    db = await createTestDatabase('pdreads');
    const { app, clock } = await startApiWithClock(db);
    p = await partnership(app, clock);
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    const partnerAdmin = await login(app, clock, p.partnerAdmin);
    manager = await invite(app, clock, partnerAdmin, 'pm@safestreets.test', [Role.ProgramManager]);
    board = await invite(app, clock, partnerAdmin, 'board@safestreets.test', [Role.BoardMember]);
    const police = await login(app, clock, p.policeAdmin);
    const created = await post(police, '/agreements', {
      counterpartOrgId: p.partnerOrgId,
      title: 'Referrals',
      templateKey: 'two-way-referrals-and-status',
      boardMemberIds: [board.id],
    });
    const versionId = created.body.versions[0].id as string;
    await post(police, `/agreement-versions/${versionId}/propose`);
    await post(police, `/agreement-versions/${versionId}/approve`);
    expect(
      (await post(await login(app, clock, p.partnerAdmin), `/agreement-versions/${versionId}/approve`)).body.status,
    ).toBe('active');
    agreementId = created.body.id as string;
    const liaison = await login(app, clock, p.liaison);
    for (let n = 1; n <= 11; n++) {
      const referral = await post(liaison, '/referrals', { agreementId, person: PERSON(n), consent: CONSENT });
      expect(referral.status).toBe(201);
      referralIds.push(referral.body.id as string);
    }
  }, 120_000);

  afterAll(async () => {
    await owner?.end();
    await p?.app.close();
    await db?.drop();
  });

  it('GET /referrals leaves one entry in the agreement’s stream naming exactly the referrals it returned', async () => {
    const liaison = await login(p.app, p.clock, p.liaison);
    const listed = await get(liaison, '/referrals');
    expect(listed.status).toBe(200);
    const ids = (listed.body.items as { id: string }[]).map((r) => r.id);
    expect(ids).toHaveLength(11);
    const [entry, ...more] = await entries('referral.list', p.liaison.id);
    expect(more).toHaveLength(0);
    expect(entry).toEqual({
      stream: `agreement:${agreementId}`,
      subject_id: null,
      details: { count: 11, referralIds: ids.join(',') },
    });

    const pm = await login(p.app, p.clock, manager);
    const partnerIds = ((await get(pm, '/referrals')).body.items as { id: string }[]).map((r) => r.id);
    expect([...partnerIds].sort()).toEqual([...referralIds].sort());
    expect((await entries('referral.list', manager.id)).map((e) => e.details)).toEqual([
      { count: 11, referralIds: partnerIds.join(',') },
    ]);

    // Nothing decrypted, nothing to record: a worker with no assignment lists nothing.
    const worker = await login(p.app, p.clock, p.worker);
    expect((await get(worker, '/referrals')).body.items).toEqual([]);
    expect(await entries('referral.list', p.worker.id)).toHaveLength(0);
  });

  it('GET /referrals/:id/notes leaves an entry naming the notes it decrypted', async () => {
    const pm = await login(p.app, p.clock, manager);
    const id = referralIds[0]!;
    const noteIds = [];
    for (const body of ['Called twice, no answer.', 'Met at the rec center.'])
      noteIds.push((await post(pm, `/referrals/${id}/notes`, { body })).body.id as string);
    const notes = await get(pm, `/referrals/${id}/notes`);
    expect(notes.status).toBe(200);
    expect(notes.body.items).toHaveLength(2);
    expect(await entries('referral.notes.read', manager.id)).toEqual([
      { stream: `agreement:${agreementId}`, subject_id: id, details: { count: 2, noteIds: noteIds.join(',') } },
    ]);
  });

  it(
    'answers no personal data when the read cannot be audited (the entry is written in the read’s own ' +
      'transaction)',
    async () => {
      const liaison = await login(p.app, p.clock, p.liaison);
      const pm = await login(p.app, p.clock, manager);
      await owner.query('REVOKE EXECUTE ON FUNCTION audit_append FROM accord_app');
      try {
        const list = await get(liaison, '/referrals');
        const notes = await get(pm, `/referrals/${referralIds[0]}/notes`);
        for (const res of [list, notes]) {
          expect(res.status).toBeGreaterThanOrEqual(500);
          expect(res.text).not.toContain('Testperson');
          expect(res.text).not.toContain('rec center');
        }
      } finally {
        await owner.query('GRANT EXECUTE ON FUNCTION audit_append TO accord_app');
      }
    },
  );

  it(
    'counts referral reads, a list as each referral it returned, ' + 'in the report’s days of unusual police viewing',
    async () => {
      const liaison = await login(p.app, p.clock, p.liaison);
      for (const id of referralIds.slice(0, 3)) expect((await get(liaison, `/referrals/${id}`)).status).toBe(200);
      // A usual day is one referral read: the three reads are moved to the three days before (as
      // the schema owner, triggers off), so that today's list of 11 stands out against them.
      await owner.query('BEGIN');
      await owner.query('SET LOCAL session_replication_role = replica');
      await owner.query(
        `UPDATE audit_entries e SET occurred_at = e.occurred_at - (r.n || ' days')::interval
       FROM (SELECT id, row_number() OVER (ORDER BY seq) AS n FROM audit_entries WHERE action = 'referral.read'
       AND actor_user_id = $1) r WHERE e.id = r.id`,
        [p.liaison.id],
      );
      await owner.query('COMMIT');
      const token = await login(p.app, p.clock, board);
      // Audit times are the database's real time, not the test clock.
      const day = 86_400_000;
      const period =
        `from=${new Date(Date.now() - 5 * day).toISOString()}&to=` + `${new Date(Date.now() + day).toISOString()}`;
      const report = await get(token, `/agreements/${agreementId}/report?${period}`);
      expect(report.status).toBe(200);
      const today = new Date().toISOString().slice(0, 10);
      // Days of 1, 1, 1 and 11 reads: the median is 1, so the threshold is the floor of 10, and only today is unusual.
      expect(report.body.unusualPoliceViewDays).toEqual([{ day: today, reads: 11 }]);
    },
  );
});
