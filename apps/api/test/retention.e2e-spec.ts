import request from 'supertest';
import { DataSource } from 'typeorm';
import { agreementStream, AuditVerificationService } from '@accord/audit';
import { RetentionService } from '@accord/sharing';
import {
  createTestDatabase,
  eventually,
  login,
  type Partnership,
  partnership,
  recordAndShare,
  sampleIncident,
  type TestDatabase,
} from '@accord/testing';
import { startApiWithClock } from './test-api';

const DAY = 24 * 60 * 60 * 1000;

/**
 * docs/security.md "Data": past retention, payloads are purged from the table and every response;
 * tombstones and the audit stay verifiable; a legal hold pauses it.
 */
describe('retention and legal holds', () => {
  let db: TestDatabase;
  let p: Partnership;
  const http = () => request(p.app.getHttpServer());

  beforeAll(async () => {
    db = await createTestDatabase('retention');
    const { app, clock } = await startApiWithClock(db);
    p = await partnership(app, clock);
  }, 120_000);

  afterAll(async () => {
    await p?.app.close();
    await db?.drop();
  });

  async function shareOne(): Promise<string> {
    const liaison = await login(p.app, p.clock, p.liaison);
    const { disclosureIds } = await recordAndShare(p.app, liaison, sampleIncident('Dispute near the park.'));
    const disclosureId = disclosureIds[0]!;
    const worker = await login(p.app, p.clock, p.worker);
    await eventually(async () =>
      (await http().get(`/api/v1/inbox/${disclosureId}`).set('Authorization', `Bearer ${worker}`)).status === 200
        ? true
        : undefined,
    );
    return disclosureId;
  }

  it(
    'keeps payloads while a legal hold stands, purges them after retention once lifted, and the audit still ' +
      'verifies',
    async () => {
      const disclosureId = await shareOne();
      const partnerAdmin = await login(p.app, p.clock, p.partnerAdmin);
      const hold = await http()
        .post(`/api/v1/agreements/${p.agreementId}/legal-holds`)
        .set('Authorization', `Bearer ${partnerAdmin}`)
        .send({ reason: 'litigation' });
      expect(hold.status).toBe(201);

      p.clock.advance(91 * DAY); // the template keeps disclosures 90 days
      const retention = p.app.get(RetentionService);
      expect(await retention.purgeExpired()).toBe(0);
      const ds = p.app.get(DataSource);
      const [held] = await ds.query(`SELECT payload IS NOT NULL AS has_payload FROM disclosures WHERE id = $1`, [
        disclosureId,
      ]);
      expect(held.has_payload).toBe(true);

      const admin = await login(p.app, p.clock, p.partnerAdmin);
      expect(
        (await http().post(`/api/v1/legal-holds/${hold.body.id}/lift`).set('Authorization', `Bearer ${admin}`)).status,
      ).toBe(201);
      expect(await retention.purgeExpired()).toBe(1);

      const [row] = await ds.query(`SELECT payload, status, fields_released FROM disclosures WHERE id = $1`, [
        disclosureId,
      ]);
      expect(row.payload).toBeNull();
      expect(row.status).toBe('purged');
      expect(row.fields_released.length).toBeGreaterThan(0); // the tombstone says what had been released

      const worker = await login(p.app, p.clock, p.worker);
      expect((await http().get('/api/v1/inbox').set('Authorization', `Bearer ${worker}`)).body.items).toEqual([]);
      expect((await http().get(`/api/v1/inbox/${disclosureId}`).set('Authorization', `Bearer ${worker}`)).status).toBe(
        404,
      );

      const actions = (await ds.query(`SELECT action, details FROM audit_entries WHERE stream = $1 ORDER BY seq`, [
        agreementStream(p.agreementId),
      ])) as { action: string; details: { purged?: number } | null }[];
      expect(actions.map((a) => a.action)).toEqual(
        expect.arrayContaining(['legal_hold.set', 'legal_hold.lift', 'retention.purge']),
      );
      expect(actions.find((a) => a.action === 'retention.purge')!.details).toEqual({ purged: 1 });
      const report = await p.app.get(AuditVerificationService).verifyStream(agreementStream(p.agreementId));
      expect(report.ok).toBe(true);
    },
  );

  it(
    'past retention an expired disclosure leaves the inbox even ' + 'while a legal hold keeps its payload in the table',
    async () => {
      const disclosureId = await shareOne();
      const inboxIds = async () => {
        const worker = await login(p.app, p.clock, p.worker);
        const page = await http().get('/api/v1/inbox').set('Authorization', `Bearer ${worker}`);
        expect(page.status).toBe(200);
        return (page.body.items as { disclosureId: string }[]).map((i) => i.disclosureId);
      };
      expect(await inboxIds()).toContain(disclosureId);
      const partnerAdmin = await login(p.app, p.clock, p.partnerAdmin);
      const hold = await http()
        .post(`/api/v1/agreements/${p.agreementId}/legal-holds`)
        .set('Authorization', `Bearer ${partnerAdmin}`)
        .send({ reason: 'litigation' });
      expect(hold.status).toBe(201);

      p.clock.advance(91 * DAY);
      expect(await p.app.get(RetentionService).purgeExpired()).toBe(0);
      const [kept] = await p.app
        .get(DataSource)
        .query(`SELECT payload IS NOT NULL AS has_payload FROM disclosures WHERE id = $1`, [disclosureId]);
      expect(kept.has_payload).toBe(true); // the hold preserves it ...
      expect(await inboxIds()).not.toContain(disclosureId); // ... but nobody reads it any more
      const worker = await login(p.app, p.clock, p.worker);
      expect((await http().get(`/api/v1/inbox/${disclosureId}`).set('Authorization', `Bearer ${worker}`)).status).toBe(
        404,
      );
      expect(
        (await http().post(`/api/v1/inbox/${disclosureId}/acknowledge`).set('Authorization', `Bearer ${worker}`))
          .status,
      ).toBe(404);

      const admin = await login(p.app, p.clock, p.partnerAdmin);
      expect(
        (await http().post(`/api/v1/legal-holds/${hold.body.id}/lift`).set('Authorization', `Bearer ${admin}`)).status,
      ).toBe(201);
      expect(await p.app.get(RetentionService).purgeExpired()).toBe(1);
    },
  );

  it('refuses a hold from someone who is not party to the agreement, or with an unknown reason', async () => {
    const worker = await login(p.app, p.clock, p.worker);
    expect(
      (
        await http()
          .post(`/api/v1/agreements/${p.agreementId}/legal-holds`)
          .set('Authorization', `Bearer ${worker}`)
          .send({ reason: 'litigation' })
      ).status,
    ).toBe(403);
    const admin = await login(p.app, p.clock, p.partnerAdmin);
    const bad = await http()
      .post(`/api/v1/agreements/${p.agreementId}/legal-holds`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ reason: 'because' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });
});
