import { Client } from 'pg';
import request from 'supertest';
import { OrgKind, Role } from '@accord/policy';
import { RetentionService } from '@accord/sharing';
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

const DAY = 24 * 3_600_000;
const VICTIM = { age: 17, name: 'Darnell Whitfield' };

/** Issue 15: a correction after sharing goes out as the next revision of the same alert, under the same rules. */
describe('incident corrections (e2e)', () => {
  let db: TestDatabase;
  let p: Partnership;
  let owner: Client;
  let otherLiaison: EnrolledUser;
  const http = () => request(p.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const liaison = () => login(p.app, p.clock, p.liaison);
  const worker = () => login(p.app, p.clock, p.worker);
  const correct = async (incidentId: string, body: object, token?: string) =>
    http()
      .patch(`/api/v1/incidents/${incidentId}`)
      .set(as(token ?? (await liaison())))
      .send(body);
  const disclosureRows = async (incidentId: string) =>
    (
      await owner.query<{ id: string; revision: number; revision_of: string | null; expires_at: Date }>(
        'SELECT id, revision, revision_of, expires_at FROM disclosures WHERE source_id = $1 ORDER BY revision',
        [incidentId],
      )
    ).rows;

  /** A shared incident whose alert has reached the worker's inbox: its id and its first disclosure's. */
  async function sharedIncident(narrative: string): Promise<{ incidentId: string; first: string }> {
    const token = await liaison();
    const created = await http().post('/api/v1/incidents').set(as(token)).send(sampleIncident(narrative));
    expect(created.status).toBe(201);
    const shared = await http()
      .post(`/api/v1/incidents/${created.body.id}/share`)
      .set(as(token))
      .send({ redact: false });
    expect(shared.status).toBe(200);
    const first = shared.body[0].disclosureId as string;
    const workerToken = await worker();
    await eventually(async () => {
      const inbox = await http().get('/api/v1/inbox').set(as(workerToken));
      return inbox.body.items?.some((i: { disclosureId: string }) => i.disclosureId === first) ? true : undefined;
    });
    return { incidentId: created.body.id as string, first };
  }

  beforeAll(async () => {
    db = await createTestDatabase('corrections');
    const { app, clock } = await startApiWithClock(db);
    p = await partnership(app, clock);
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    const otherPolice = await organizationWithAdmin(app, clock, 'Northside PD', OrgKind.Police, 'admin@northside.test');
    otherLiaison = await invite(app, clock, await login(app, clock, otherPolice.admin), 'liaison@northside.test', [
      Role.PoliceLiaison,
    ]);
  }, 120_000);

  afterAll(async () => {
    await owner?.end();
    await p?.app.close();
    await db?.drop();
  });

  it('sends the correction as the next revision of the alert; the worker sees one alert, updated', async () => {
    const { incidentId, first } = await sharedIncident('Group dispute near the park.');
    const res = await correct(incidentId, { victims: [{ ...VICTIM, fatal: true }], redact: false });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      expect.objectContaining({ revision: 2, revisionOf: first, recipientOrgId: p.partnerOrgId, agreementVersion: 1 }),
    ]);
    const second = res.body[0].disclosureId as string;

    const workerToken = await worker();
    const inbox = await eventually(async () => {
      const page = await http().get('/api/v1/inbox').set(as(workerToken));
      const mine = (page.body.items as { disclosureId: string }[]).filter((i) =>
        [first, second].includes(i.disclosureId),
      );
      return mine.some((i) => i.disclosureId === second) ? mine : undefined;
    });
    // Listed once, as the update of the alert it replaces.
    expect(inbox).toEqual([expect.objectContaining({ disclosureId: second, revision: 2, revisionOf: first })]);
    const updated = await http().get(`/api/v1/inbox/${second}`).set(as(workerToken));
    expect(updated.body.payload.fatal).toBe(true);
    // What was disclosed before stays exactly as it was.
    const before = await http().get(`/api/v1/inbox/${first}`).set(as(workerToken));
    expect(before.body.payload.fatal).toBe(false);
    expect(JSON.stringify(updated.body)).not.toContain('Darnell');

    // Acknowledging the update acknowledges the alert it updates: neither is left to escalate.
    expect((await http().post(`/api/v1/inbox/${second}/acknowledge`).set(as(workerToken))).status).toBe(200);
    const detail = await http()
      .get(`/api/v1/incidents/${incidentId}`)
      .set(as(await liaison()));
    expect(detail.body.victims).toEqual([{ ...VICTIM, fatal: true }]);
    expect(detail.body.disclosures).toEqual([
      expect.objectContaining({ disclosureId: first, revision: 1, revisionOf: null, slaMet: true }),
      expect.objectContaining({ disclosureId: second, revision: 2, revisionOf: first, slaMet: true }),
    ]);
    const listed = await http()
      .get('/api/v1/incidents')
      .set(as(await liaison()));
    const line = (listed.body.items as { id: string }[]).find((i) => i.id === incidentId);
    expect(line).toMatchObject({ disclosures: { shared: 1, acknowledged: 1, overdue: 0 } });

    // Audited: the correction (field names, never values) and the revision, under the agreement.
    const audit = await owner.query<{ action: string; subject_id: string; details: Record<string, unknown> }>(
      `SELECT action, subject_id, details FROM audit_entries
        WHERE action IN ('incident.update', 'disclosure.create') AND subject_id IN ($1, $2) ORDER BY action`,
      [incidentId, second],
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({
        action: 'disclosure.create',
        subject_id: second,
        details: expect.objectContaining({ revision: 2, revisionOf: first }),
      }),
      { action: 'incident.update', subject_id: incidentId, details: { fields: 'victims', revisions: 1 } },
    ]);
    // A correction never lengthens what the recipient keeps.
    const [one, two] = await disclosureRows(incidentId);
    expect(two!.expires_at).toEqual(one!.expires_at);
  });

  it('re-screens the correction: identifiers in new text refuse it, changing nothing, unless redacted', async () => {
    const { incidentId } = await sharedIncident('Group dispute near the park.');
    const narrative = 'Witness reachable at 312-555-0142 after the dispute.';
    const refused = await correct(incidentId, { narrative, redact: false });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('IDENTIFIERS_FOUND');
    const unchanged = await http()
      .get(`/api/v1/incidents/${incidentId}`)
      .set(as(await liaison()));
    expect(unchanged.body.narrative).toBe('Group dispute near the park.');
    expect(await disclosureRows(incidentId)).toHaveLength(1);

    const redacted = await correct(incidentId, { narrative, redact: true });
    expect(redacted.status).toBe(200);
    const revision = redacted.body[0].disclosureId as string;
    const workerToken = await worker();
    const read = await eventually(async () => {
      const res = await http().get(`/api/v1/inbox/${revision}`).set(as(workerToken));
      return res.status === 200 ? res.body : undefined;
    });
    expect(read.payload.narrative).not.toContain('312-555-0142');
    expect(read.payload.narrative).toContain('Witness reachable at');
  });

  it('sends no revision when recipients would see nothing new, and still records the correction', async () => {
    const { incidentId } = await sharedIncident('Group dispute near the park.');
    const res = await correct(incidentId, { caseNumber: 'JA999999', redact: false });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    expect(await disclosureRows(incidentId)).toHaveLength(1);
    const detail = await http()
      .get(`/api/v1/incidents/${incidentId}`)
      .set(as(await liaison()));
    expect(detail.body.caseNumber).toBe('JA999999');
  });

  it('refuses an empty correction (400), another organization’s incident (404), a role without it (403)', async () => {
    const { incidentId } = await sharedIncident('Group dispute near the park.');
    for (const body of [{}, { redact: false }, { redact: false, type: 'robbery' }]) {
      const res = await correct(incidentId, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const foreign = await correct(
      incidentId,
      { hospital: 'Elsewhere', redact: false },
      await login(p.app, p.clock, otherLiaison),
    );
    expect(foreign.status).toBe(404);
    const admin = await correct(
      incidentId,
      { hospital: 'Elsewhere', redact: false },
      await login(p.app, p.clock, p.policeAdmin),
    );
    expect(admin.status).toBe(403);
    expect(await disclosureRows(incidentId)).toHaveLength(1);
  });

  it('clears an optional field given as null (the hospital), refuses to clear a required one', async () => {
    const { incidentId, first } = await sharedIncident('Group dispute near the park.');
    const res = await correct(incidentId, { hospital: null, redact: false });
    expect(res.status).toBe(200);
    const detail = await http()
      .get(`/api/v1/incidents/${incidentId}`)
      .set(as(await liaison()));
    expect(detail.body).toEqual(
      expect.objectContaining({ hospital: null, narrative: 'Group dispute near the park.', caseNumber: 'JA481220' }),
    );
    // A recipient whose flow released the hospital gets the revision without it.
    const workerToken = await worker();
    const before = await http().get(`/api/v1/inbox/${first}`).set(as(workerToken));
    if ('hospital' in before.body.payload) {
      expect(res.body).toHaveLength(1);
      const updated = await eventually(async () => {
        const r = await http().get(`/api/v1/inbox/${res.body[0].disclosureId}`).set(as(workerToken));
        return r.status === 200 ? r : undefined;
      });
      expect(updated.body.payload.hospital).toBeNull();
    }
    // A required field cannot be cleared: refused, and the record stays as it was.
    const refused = await correct(incidentId, { type: null, redact: false });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    const kept = await http()
      .get(`/api/v1/incidents/${incidentId}`)
      .set(as(await liaison()));
    expect(kept.body.type).toBe('shooting');
  });

  it('brings back nothing already purged: an alert past its retention gets no revision', async () => {
    const { incidentId } = await sharedIncident('Group dispute near the park.');
    p.clock.advance(91 * DAY);
    await p.app.get(RetentionService).purgeExpired();
    const res = await correct(incidentId, { victims: [{ ...VICTIM, fatal: true }], redact: false });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    expect(await disclosureRows(incidentId)).toHaveLength(1);
    const detail = await http()
      .get(`/api/v1/incidents/${incidentId}`)
      .set(as(await liaison()));
    expect(detail.body.disclosures).toEqual([expect.objectContaining({ status: 'purged', revision: 1 })]);
  });
});
