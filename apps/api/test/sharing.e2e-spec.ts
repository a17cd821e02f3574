import request from 'supertest';
import { DeliveryService } from '@accord/sharing';
import {
  clearRedisPrefix,
  createTestDatabase,
  eventually,
  login,
  type Partnership,
  partnership,
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

describe('suspension stops undelivered notifications (worker out of process)', () => {
  let db: TestDatabase;
  let prefix: string;
  let p: Partnership;

  beforeAll(async () => {
    db = await createTestDatabase('sharingsuspend');
    prefix = testRedisPrefix('sharingsuspend');
    // With Redis configured and no worker in this process, nothing is delivered until the test says so.
    const { app, clock } = await startApiWithClock(db, {
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      RUN_WORKER_IN_PROCESS: 'false',
    });
    p = await partnership(app, clock);
  }, 120_000);

  afterAll(async () => {
    await p?.app.close();
    await db?.drop();
    await clearRedisPrefix(prefix);
  });

  it('withholds a disclosure whose agreement was suspended before delivery, and creates no new ones', async () => {
    const http = () => request(p.app.getHttpServer());
    const liaison = await login(p.app, p.clock, p.liaison);
    const incident = await http()
      .post('/api/v1/incidents')
      .set('Authorization', `Bearer ${liaison}`)
      .send(incidentBody('Dispute near the park.'));
    const shared = await http()
      .post(`/api/v1/incidents/${incident.body.id}/share`)
      .set('Authorization', `Bearer ${liaison}`)
      .send({ redact: false });
    const disclosureId = shared.body[0].disclosureId as string;

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
    const view = await http()
      .get(`/api/v1/incidents/${incident.body.id}/disclosures`)
      .set('Authorization', `Bearer ${liaison}`);
    expect(view.body[0].status).toBe('withheld');
    const worker = await login(p.app, p.clock, p.worker);
    expect((await http().get(`/api/v1/inbox/${disclosureId}`).set('Authorization', `Bearer ${worker}`)).status).toBe(
      403,
    );

    const second = await http()
      .post('/api/v1/incidents')
      .set('Authorization', `Bearer ${liaison}`)
      .send(incidentBody('Another one.'));
    const none = await http()
      .post(`/api/v1/incidents/${second.body.id}/share`)
      .set('Authorization', `Bearer ${liaison}`)
      .send({ redact: false });
    expect(none.status).toBe(403);
  });
});
