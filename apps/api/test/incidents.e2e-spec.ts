import { Client } from 'pg';
import request from 'supertest';
import { OrgKind, Role } from '@accord/policy';
import {
  createTestDatabase,
  type EnrolledUser,
  eventually,
  invite,
  login,
  organizationWithAdmin,
  type Partnership,
  partnership,
  sampleIncident,
  type TestDatabase,
} from '@accord/testing';
import { startApiWithClock } from './test-api';

const HOUR = 3_600_000;
/** What the police record holds and no list may show (the list opens no sealed field). */
const SEALED = ['Darnell', 'Whitfield', 'Marcus', 'JA481220', 'W Division', 'Group dispute'];

/** Issue 15: the liaison's incidents, found again by date, area and type, each with what was shared of it. */
describe('incidents list and detail (e2e)', () => {
  let db: TestDatabase;
  let p: Partnership;
  let owner: Client;
  let otherLiaison: EnrolledUser;
  /** Recorded by the partnership's liaison: A and B shared (A acknowledged in time, B left overdue), C not. */
  const ids = { a: '', b: '', c: '', foreign: '' };
  const http = () => request(p.app.getHttpServer());
  const get = (token: string, path: string, query: Record<string, string | number> = {}) =>
    http().get(`/api/v1${path}`).query(query).set('Authorization', `Bearer ${token}`);
  const post = (token: string, path: string, body: object) =>
    http().post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body);
  const liaison = () => login(p.app, p.clock, p.liaison);
  const listed = async (query: Record<string, string | number> = {}) => {
    const res = await get(await liaison(), '/incidents', query);
    expect(res.status).toBe(200);
    return res.body as { items: { id: string }[]; nextCursor: string | null };
  };
  const incidentAudit = async (action: string, actorUserId: string) =>
    (
      await owner.query<{ subject_id: string }>(
        'SELECT subject_id FROM audit_entries WHERE action = $1 AND actor_user_id = $2 ORDER BY seq',
        [action, actorUserId],
      )
    ).rows.map((r) => r.subject_id);

  beforeAll(async () => {
    db = await createTestDatabase('incidentse2e');
    const { app, clock } = await startApiWithClock(db);
    p = await partnership(app, clock);
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    const otherPolice = await organizationWithAdmin(app, clock, 'Northside PD', OrgKind.Police, 'admin@northside.test');
    otherLiaison = await invite(app, clock, await login(app, clock, otherPolice.admin), 'liaison@northside.test', [
      Role.PoliceLiaison,
    ]);

    const token = await liaison();
    const record = async (as: string, fields: { type: string; occurredAt: string; serviceArea: string }) => {
      const base = sampleIncident('Group dispute near the park; tension between two groups.');
      const res = await post(as, '/incidents', {
        ...base,
        type: fields.type,
        occurredAt: fields.occurredAt,
        location: { ...base.location, serviceArea: fields.serviceArea },
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    ids.a = await record(token, { type: 'shooting', occurredAt: '2026-11-20T10:00:00Z', serviceArea: 'D14' });
    ids.b = await record(token, { type: 'homicide', occurredAt: '2026-11-21T10:00:00Z', serviceArea: 'D14' });
    ids.c = await record(token, { type: 'shooting', occurredAt: '2026-11-22T10:00:00Z', serviceArea: 'D15' });
    ids.foreign = await record(await login(app, clock, otherLiaison), {
      type: 'shooting',
      occurredAt: '2026-11-22T11:00:00Z',
      serviceArea: 'D14',
    });
    const disclosureOf: Record<string, string> = {};
    for (const id of [ids.a, ids.b]) {
      const shared = await post(token, `/incidents/${id}/share`, { redact: false });
      expect(shared.status).toBe(200);
      disclosureOf[id] = shared.body[0].disclosureId as string;
    }
    // The partner's worker acknowledges A within the deadline (4 h); B is left open past it.
    const worker = await login(app, clock, p.worker);
    await eventually(async () => {
      const inbox = await get(worker, '/inbox');
      return inbox.body.items?.length === 2 ? true : undefined;
    });
    clock.advance(HOUR);
    // An hour idle ends the session: the worker signs in again.
    const back = await login(app, clock, p.worker);
    expect((await post(back, `/inbox/${disclosureOf[ids.a]}/acknowledge`, {})).status).toBe(200);
    clock.advance(4 * HOUR);
  }, 120_000);

  afterAll(async () => {
    await owner?.end();
    await p?.app.close();
    await db?.drop();
  });

  it('lists only the organization’s incidents, newest occurrence first, with counts and no sealed field', async () => {
    const page = await listed();
    expect(page.items.map((i) => i.id)).toEqual([ids.c, ids.b, ids.a]);
    expect(page.nextCursor).toBeNull();
    expect(page.items).toEqual([
      expect.objectContaining({
        id: ids.c,
        type: 'shooting',
        serviceArea: 'D15',
        disclosures: { shared: 0, acknowledged: 0, overdue: 0 },
      }),
      expect.objectContaining({
        id: ids.b,
        type: 'homicide',
        occurredAt: '2026-11-21T10:00:00.000Z',
        disclosures: { shared: 1, acknowledged: 0, overdue: 1 },
      }),
      expect.objectContaining({
        id: ids.a,
        retaliationRisk: 'high',
        disclosures: { shared: 1, acknowledged: 1, overdue: 0 },
      }),
    ]);
    const text = JSON.stringify(page);
    for (const secret of SEALED) expect(text).not.toContain(secret);
    // Nothing decrypted, nothing to record.
    expect(await incidentAudit('incident.read', p.liaison.id)).toEqual([]);

    const theirs = await get(await login(p.app, p.clock, otherLiaison), '/incidents');
    expect(theirs.body.items.map((i: { id: string }) => i.id)).toEqual([ids.foreign]);
  });

  it('pages with the cursor of the previous page; another organization’s cursor bounds nothing', async () => {
    const first = await listed({ limit: 2 });
    expect(first.items.map((i) => i.id)).toEqual([ids.c, ids.b]);
    expect(first.nextCursor).toBe(ids.b);
    const second = await listed({ limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((i) => i.id)).toEqual([ids.a]);
    expect(second.nextCursor).toBeNull();
    const foreignCursor = await get(await login(p.app, p.clock, otherLiaison), '/incidents', { cursor: ids.b });
    expect(foreignCursor.status).toBe(200);
    expect(foreignCursor.body.items).toEqual([]);
  });

  it('filters by when it occurred (both ends inclusive), by service area and by type', async () => {
    const idsOf = async (query: Record<string, string>) => (await listed(query)).items.map((i) => i.id);
    expect(await idsOf({ occurredFrom: '2026-11-21T10:00:00Z' })).toEqual([ids.c, ids.b]);
    expect(await idsOf({ occurredTo: '2026-11-21T10:00:00Z' })).toEqual([ids.b, ids.a]);
    expect(await idsOf({ occurredFrom: '2026-11-20T12:00:00Z', occurredTo: '2026-11-22T00:00:00Z' })).toEqual([ids.b]);
    expect(await idsOf({ serviceArea: 'D15' })).toEqual([ids.c]);
    expect(await idsOf({ type: 'homicide' })).toEqual([ids.b]);
    expect(await idsOf({ type: 'shooting', serviceArea: 'D14' })).toEqual([ids.a]);
    expect(await idsOf({ serviceArea: 'D99' })).toEqual([]);
  });

  it('refuses a bad query with 400 VALIDATION_FAILED naming the field', async () => {
    const token = await liaison();
    for (const [query, field] of [
      [{ occurredFrom: 'yesterday' }, 'occurredFrom'],
      [{ occurredFrom: '2026-11-22T00:00:00Z', occurredTo: '2026-11-21T00:00:00Z' }, 'occurredTo'],
      [{ type: 'robbery' }, 'type'],
      [{ serviceArea: 'D 14;' }, 'serviceArea'],
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ cursor: 'not-a-uuid' }, 'cursor'],
      [{ orgId: p.partnerOrgId }, 'orgId'],
    ] as const) {
      const res = await get(token, '/incidents', query);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.body.error.details)).toContain(field);
    }
    const badId = await get(token, '/incidents/not-a-uuid');
    expect(badId.status).toBe(400);
  });

  it('shows the record with each disclosure: recipient, version, delivery, when acknowledged (never who)', async () => {
    const res = await get(await liaison(), `/incidents/${ids.a}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: ids.a,
      type: 'shooting',
      occurredAt: '2026-11-20T10:00:00.000Z',
      location: { houseNumber: '1234', street: 'W Division St', serviceArea: 'D14' },
      victims: [{ age: 17, fatal: false, name: 'Darnell Whitfield' }],
      caseNumber: 'JA481220',
      otherNames: ['Marcus Bell'],
    });
    expect(res.body.disclosures).toHaveLength(1);
    const [disclosure] = res.body.disclosures;
    expect(disclosure).toMatchObject({
      recipientOrgId: p.partnerOrgId,
      recipientOrgName: 'Safe Streets Outreach',
      agreementId: p.agreementId,
      agreementVersion: 1,
      status: 'delivered',
      slaMet: true,
      overdue: false,
      escalatedAt: null,
    });
    expect(new Date(disclosure.acknowledgementDueAt).getTime() - new Date(disclosure.createdAt).getTime()).toBe(
      4 * HOUR,
    );
    expect(disclosure.deliveredAt).not.toBeNull();
    // Acknowledged a little over an hour after the share (each sign-in moves the clock a TOTP step), within 4 h.
    const took = new Date(disclosure.acknowledgedAt).getTime() - new Date(disclosure.createdAt).getTime();
    expect(took).toBeGreaterThanOrEqual(HOUR);
    expect(took).toBeLessThan(4 * HOUR);
    expect(JSON.stringify(res.body)).not.toContain('acknowledgedBy');
    expect(JSON.stringify(res.body)).not.toContain(p.worker.id);

    const open = await get(await liaison(), `/incidents/${ids.b}`);
    // B was left open five hours past its share: overdue, in the detail as in the list's count.
    expect(open.body.disclosures[0]).toMatchObject({ acknowledgedAt: null, slaMet: null, overdue: true });
    const none = await get(await liaison(), `/incidents/${ids.c}`);
    expect(none.body.disclosures).toEqual([]);

    // The same mapping answers the disclosures route.
    const sent = await get(await liaison(), `/incidents/${ids.a}/disclosures`);
    expect(sent.body).toEqual(res.body.disclosures);
    // It opened personal fields: one entry per read, naming the incident.
    expect(await incidentAudit('incident.read', p.liaison.id)).toEqual([ids.a, ids.b, ids.c]);
  });

  it('answers no record when the read cannot be audited', async () => {
    const token = await liaison();
    await owner.query('REVOKE EXECUTE ON FUNCTION audit_append FROM accord_app');
    try {
      const res = await get(token, `/incidents/${ids.a}`);
      expect(res.status).toBeGreaterThanOrEqual(500);
      for (const secret of SEALED) expect(res.text).not.toContain(secret);
    } finally {
      await owner.query('GRANT EXECUTE ON FUNCTION audit_append TO accord_app');
    }
  });

  it('audits the preview like a read (it shows the free text and its identifiers); no entry, no answer', async () => {
    const token = await liaison();
    const preview = await get(token, `/incidents/${ids.a}/preview?redact=true`);
    expect(preview.status).toBe(200);
    expect(await incidentAudit('incident.preview', p.liaison.id)).toEqual([ids.a]);
    await owner.query('REVOKE EXECUTE ON FUNCTION audit_append FROM accord_app');
    try {
      const res = await get(token, `/incidents/${ids.a}/preview?redact=true`);
      expect(res.status).toBeGreaterThanOrEqual(500);
      for (const secret of SEALED) expect(res.text).not.toContain(secret);
    } finally {
      await owner.query('GRANT EXECUTE ON FUNCTION audit_append TO accord_app');
    }
    expect(await incidentAudit('incident.preview', p.liaison.id)).toEqual([ids.a]);
  });

  it('answers 404 for another organization’s incident or one that does not exist', async () => {
    const other = await login(p.app, p.clock, otherLiaison);
    for (const path of [`/incidents/${ids.a}`, `/incidents/${ids.a}/disclosures`]) {
      const res = await get(other, path);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
      for (const secret of SEALED) expect(res.text).not.toContain(secret);
    }
    expect((await get(await liaison(), `/incidents/${ids.foreign}`)).status).toBe(404);
    expect((await get(await liaison(), '/incidents/2b1f6f8e-5c43-4a5e-9f0c-0d6a4c1f7e21')).status).toBe(404);
  });

  it('answers 403 to a role without incident reads (the police admin, the partner’s worker)', async () => {
    for (const user of [p.policeAdmin, p.worker]) {
      const token = await login(p.app, p.clock, user);
      for (const path of ['/incidents', `/incidents/${ids.a}`]) {
        const res = await get(token, path);
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
    }
  });
});
