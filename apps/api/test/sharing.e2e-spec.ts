import request from 'supertest';
import { DataSource } from 'typeorm';
import { DeliveryService } from '@accord/sharing';
import {
  clearRedisPrefix,
  createTestDatabase,
  eventually,
  login,
  type Partnership,
  partnership,
  type TwoWayPartnership,
  twoWayPartnership,
  sampleIncident,
  type TestDatabase,
  TEST_REDIS_URL,
  testRedisPrefix,
} from '@accord/testing';
import { startApiWithClock } from './test-api';

const VICTIM = 'Darnell Whitfield';
const incidentBody = sampleIncident;

describe('shooting notifications end to end (jobs in-process)', () => {
  let db: TestDatabase;
  let p: Partnership;

  beforeAll(async () => {
    db = await createTestDatabase('sharinge2e');
    const { app, clock } = await startApiWithClock(db);
    p = await partnership(app, clock);
  }, 120_000);

  afterAll(async () => {
    await p?.app.close();
    await db?.drop();
  });

  const http = () => request(p.app.getHttpServer());

  it(
    'shares a generalized notification that reaches the worker’s inbox; the police see the organization ' +
      'acknowledge, never who',
    async () => {
      const liaison = await login(p.app, p.clock, p.liaison);
      const incident = await http()
        .post('/api/v1/incidents')
        .set('Authorization', `Bearer ${liaison}`)
        .send(incidentBody('Group dispute near the park; tension between two groups.'));
      expect(incident.status).toBe(201);

      const preview = await http()
        .get(`/api/v1/incidents/${incident.body.id}/preview`)
        .set('Authorization', `Bearer ${liaison}`);
      expect(preview.status).toBe(200);
      expect(preview.body).toHaveLength(1);
      expect(preview.body[0]).toMatchObject({
        recipientOrgId: p.partnerOrgId,
        recipientOrgName: 'Safe Streets Outreach',
        ok: true,
      });
      expect(preview.body[0].payload.location).toEqual({
        precision: 'block',
        block: '1200 block of W Division St',
        serviceArea: 'D14',
      });

      const shared = await http()
        .post(`/api/v1/incidents/${incident.body.id}/share`)
        .set('Authorization', `Bearer ${liaison}`)
        .send({ redact: false });
      expect(shared.status).toBe(200);
      expect(shared.body).toHaveLength(1);
      const disclosureId = shared.body[0].disclosureId as string;

      const worker = await login(p.app, p.clock, p.worker);
      const inbox = await eventually(async () => {
        const res = await http().get('/api/v1/inbox').set('Authorization', `Bearer ${worker}`);
        return res.body.items?.length ? res.body : undefined;
      });
      expect(inbox.items[0].disclosureId).toBe(disclosureId);

      const read = await http().get(`/api/v1/inbox/${disclosureId}`).set('Authorization', `Bearer ${worker}`);
      expect(read.status).toBe(200);
      expect(read.body.payload.occurredAt).toBe('2026-11-23T01:00:00.000Z');
      const body = JSON.stringify(read.body);
      for (const secret of ['Darnell', 'Whitfield', 'Marcus', 'JA481220', '1234 W Division'])
        expect(body).not.toContain(secret);

      const ack = await http()
        .post(`/api/v1/inbox/${disclosureId}/acknowledge`)
        .set('Authorization', `Bearer ${worker}`);
      expect(ack.status).toBe(200);
      // A stay that ends before it starts is refused by name, and nothing is recorded.
      const backwards = await http()
        .put(`/api/v1/inbox/${disclosureId}/response`)
        .set('Authorization', `Bearer ${worker}`)
        .send({ responded: true, startedAt: '2026-11-23T03:00:00Z', endedAt: '2026-11-23T02:00:00Z' });
      expect(backwards.status).toBe(400);
      expect(backwards.body.error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(backwards.body.error.details)).toContain('endedAt');
      expect(
        (await http().get(`/api/v1/inbox/${disclosureId}`).set('Authorization', `Bearer ${worker}`)).body.response,
      ).toBeNull();
      const response = await http()
        .put(`/api/v1/inbox/${disclosureId}/response`)
        .set('Authorization', `Bearer ${worker}`)
        .send({ responded: true, responseTypes: ['post_incident_walk'], services: ['mental_health'] });
      expect(response.status).toBe(200);

      const policeView = await http()
        .get(`/api/v1/incidents/${incident.body.id}/disclosures`)
        .set('Authorization', `Bearer ${liaison}`);
      expect(policeView.status).toBe(200);
      expect(policeView.body[0]).toMatchObject({
        disclosureId,
        recipientOrgId: p.partnerOrgId,
        status: 'delivered',
        slaMet: true,
      });
      expect(policeView.body[0].acknowledgedAt).not.toBeNull();
      const policeText = JSON.stringify(policeView.body);
      expect(policeText).not.toContain(p.worker.id);
      expect(policeText).not.toContain('post_incident_walk');

      // Sharing again changes nothing.
      const again = await http()
        .post(`/api/v1/incidents/${incident.body.id}/share`)
        .set('Authorization', `Bearer ${liaison}`)
        .send({ redact: false });
      expect(again.body[0]).toMatchObject({ disclosureId, alreadyShared: true });
    },
  );

  it('refuses a narrative with identifiers unless the liaison redacts, writing nothing meanwhile', async () => {
    const liaison = await login(p.app, p.clock, p.liaison);
    const incident = await http()
      .post('/api/v1/incidents')
      .set('Authorization', `Bearer ${liaison}`)
      .send(incidentBody(`${VICTIM} was hit; his mother can be reached at 312-555-0187.`));
    const refused = await http()
      .post(`/api/v1/incidents/${incident.body.id}/share`)
      .set('Authorization', `Bearer ${liaison}`)
      .send({ redact: false });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('IDENTIFIERS_FOUND');
    expect(refused.body.error.details.findings[0].kinds.sort()).toEqual(['name_on_record', 'phone']);
    expect(JSON.stringify(refused.body)).not.toContain('312-555-0187');
    expect(
      (await http().get(`/api/v1/incidents/${incident.body.id}/disclosures`).set('Authorization', `Bearer ${liaison}`))
        .body,
    ).toEqual([]);

    const redacted = await http()
      .post(`/api/v1/incidents/${incident.body.id}/share`)
      .set('Authorization', `Bearer ${liaison}`)
      .send({ redact: true });
    expect(redacted.status).toBe(200);
    const worker = await login(p.app, p.clock, p.worker);
    const read = await eventually(async () => {
      const res = await http()
        .get(`/api/v1/inbox/${redacted.body[0].disclosureId}`)
        .set('Authorization', `Bearer ${worker}`);
      return res.status === 200 ? res.body : undefined;
    });
    expect(read.payload.narrative).toBe(
      '[redacted: name_on_record] was hit; his mother can be reached at [redacted: phone].',
    );
  });

  it('keeps incidents inside the police organization and disclosures inside their recipients (404)', async () => {
    const liaison = await login(p.app, p.clock, p.liaison);
    const incident = await http()
      .post('/api/v1/incidents')
      .set('Authorization', `Bearer ${liaison}`)
      .send(incidentBody('Quiet narrative.'));
    const worker = await login(p.app, p.clock, p.worker);
    expect(
      (await http().get(`/api/v1/incidents/${incident.body.id}/preview`).set('Authorization', `Bearer ${worker}`))
        .status,
    ).toBe(403);
    const partnerAdmin = await login(p.app, p.clock, p.partnerAdmin);
    const shared = await http()
      .post(`/api/v1/incidents/${incident.body.id}/share`)
      .set('Authorization', `Bearer ${liaison}`)
      .send({ redact: false });
    await eventually(async () =>
      (await http().get(`/api/v1/inbox/${shared.body[0].disclosureId}`).set('Authorization', `Bearer ${worker}`))
        .status === 200
        ? true
        : undefined,
    );
    // The partner's org admin is not in the flow's audience: no inbox, no read.
    expect(
      (await http().get(`/api/v1/inbox/${shared.body[0].disclosureId}`).set('Authorization', `Bearer ${partnerAdmin}`))
        .status,
    ).toBe(403);
  });
});

/**
 * docs/sharing.md "Delivery": an incident's alert is delivered inside the share's transaction; what is delivered
 * by a job (a community concern here) is withheld when its agreement stopped before the job ran. No worker runs in
 * this process, so whatever happens, happens without a job.
 */
describe('delivery, and suspension before a delivery job (worker out of process)', () => {
  let db: TestDatabase;
  let prefix: string;
  let p: TwoWayPartnership;

  beforeAll(async () => {
    db = await createTestDatabase('sharingsuspend');
    prefix = testRedisPrefix('sharingsuspend');
    // With Redis configured and no worker in this process, no job runs until the test runs it.
    const { app, clock } = await startApiWithClock(db, {
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      RUN_WORKER_IN_PROCESS: 'false',
    });
    p = await twoWayPartnership(app, clock);
  }, 120_000);

  afterAll(async () => {
    await p?.app.close();
    await db?.drop();
    await clearRedisPrefix(prefix);
  });

  const http = () => request(p.app.getHttpServer());

  it('delivers an alert in the share’s own transaction: in the inbox with no job run, entries written', async () => {
    const liaison = await login(p.app, p.clock, p.liaison);
    const incident = await http()
      .post('/api/v1/incidents')
      .set('Authorization', `Bearer ${liaison}`)
      .send(incidentBody('Dispute near the park.'));
    const shared = await http()
      .post(`/api/v1/incidents/${incident.body.id}/share`)
      .set('Authorization', `Bearer ${liaison}`)
      .send({ redact: false });
    expect(shared.status).toBe(200);
    const disclosureId = shared.body[0].disclosureId as string;
    // Read at once, with no job run: the share's answer came after its delivery committed.
    for (const user of [p.worker, p.otherWorker]) {
      const token = await login(p.app, p.clock, user);
      expect((await http().get(`/api/v1/inbox/${disclosureId}`).set('Authorization', `Bearer ${token}`)).status).toBe(
        200,
      );
    }
    const ds = p.app.get(DataSource);
    // No delivery job was asked for (and the live event's fallback, withdrawn once the share announced it, is gone).
    const jobs: { name: string; status: string }[] = await ds.query(
      `SELECT name, status FROM outbox_jobs WHERE payload->>'disclosureId' = $1 ORDER BY name`,
      [disclosureId],
    );
    expect(jobs).toEqual([
      { name: 'delivery.email', status: 'pending' },
      { name: 'escalation.unacknowledged', status: 'pending' },
    ]);
    const entries: { action: string; actor_user_id: string | null }[] = await ds.query(
      `SELECT action, actor_user_id FROM audit_entries WHERE subject_id = $1 ORDER BY seq`,
      [disclosureId],
    );
    const written = entries.filter((e) => e.action !== 'disclosure.read');
    expect(written.map((e) => e.action)).toEqual(['disclosure.create', 'disclosure.deliver']);
    // The delivery is the system's act: its entry names no user.
    expect(written[1]!.actor_user_id).toBeNull();
  });

  it('withholds a concern whose agreement was suspended before its delivery job ran; takes no new ones', async () => {
    const concern = (narrative: string) =>
      login(p.app, p.clock, p.manager).then((manager) =>
        http().post('/api/v1/community-concerns').set('Authorization', `Bearer ${manager}`).send({
          agreementId: p.agreementId,
          concernType: 'rising_tension',
          area: 'D14',
          occurredAt: p.clock.now().toISOString(),
          narrative,
          requestedAction: 'coordinate a walk',
        }),
      );
    const sent = await concern('Tension rising near the park since Friday.');
    expect(sent.status).toBe(201);
    const disclosureId = sent.body.disclosureId as string;

    const partnerAdmin = await login(p.app, p.clock, p.partnerAdmin);
    expect(
      (
        await http()
          .post(`/api/v1/agreements/${p.agreementId}/end`)
          .set('Authorization', `Bearer ${partnerAdmin}`)
          .send({ action: 'suspend' })
      ).status,
    ).toBe(201);

    await p.app.get(DeliveryService).deliver({ disclosureId });
    const [row] = await p.app.get(DataSource).query(`SELECT status FROM disclosures WHERE id = $1`, [disclosureId]);
    expect(row).toEqual({ status: 'withheld' });
    const liaison = await login(p.app, p.clock, p.liaison);
    expect((await http().get(`/api/v1/inbox/${disclosureId}`).set('Authorization', `Bearer ${liaison}`)).status).toBe(
      403,
    );
    // No version in force to send under: the agreement is not found for sending, as any the sender cannot use.
    const refused = await concern('Another one.');
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('NOT_FOUND');
  });
});
