import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@accord/config';
import { ManualClock, parseKeyRing, SecretBox } from '@accord/identity';
import { KeyRotationService } from '@accord/key-rotation';
import { Role } from '@accord/policy';
import {
  clockModule,
  createTestDatabase,
  type EnrolledUser,
  invite,
  login,
  type Partnership,
  partnership,
  sampleIncident,
  type TestDatabase,
  testMailbox,
} from '@accord/testing';
import { createApiApp } from '../src/create-api-app';

const OLD = `k-old:${randomBytes(32).toString('base64')}`;
const NEW = `k-new:${randomBytes(32).toString('base64')}`;
const CONSENT = { basis: 'written', givenOn: '2026-11-20' };
const person = (i: number) => ({
  name: `Person Number${i}`,
  contact: `312-555-01${String(i).padStart(2, '0')}`,
  dateOfBirth: '2008-01-01',
  age: 18,
  reason: 'Recent victimization',
  riskFactors: ['prior_victimization'],
});

describe('key rotation: each owner reseals its part, so everything stays readable once the old key leaves', () => {
  let db: TestDatabase;
  let owner: Client;
  const clock = new ManualClock(new Date('2026-11-23T15:00:00Z'));
  let app: NestExpressApplication | undefined;
  let p: Partnership;
  let manager: EnrolledUser;

  async function start(keys: string): Promise<NestExpressApplication> {
    await app?.close();
    app = await createApiApp(
      loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: db.appUrl,
        SMTP_URL: (await testMailbox()).url,
        DATA_ENCRYPTION_KEYS: keys,
      }),
      false,
      [clockModule(clock)],
    );
    await app.init();
    p = { ...p, app };
    return app;
  }

  const keyIds = async () =>
    (
      await owner.query<{ key_id: string; n: number }>(
        'SELECT key_id, count(*)::int AS n FROM referrals GROUP BY key_id ORDER BY key_id',
      )
    ).rows;

  async function readAll(ids: string[]): Promise<void> {
    // Both the police record and the partner's copy (sealed under its own context) must open.
    for (const user of [p.liaison, manager]) {
      const token = await login(p.app, clock, user);
      for (const [i, id] of ids.entries()) {
        const res = await request(p.app.getHttpServer())
          .get(`/api/v1/referrals/${id}`)
          .set('Authorization', `Bearer ${token}`);
        expect(res.status).toBe(200);
        expect(res.body.person.name).toBe(`Person Number${i}`);
      }
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase('referralkeys');
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    app = await createApiApp(
      loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: db.appUrl,
        SMTP_URL: (await testMailbox()).url,
        DATA_ENCRYPTION_KEYS: OLD,
      }),
      false,
      [clockModule(clock)],
    );
    await app.init();
    p = await partnership(app, clock, 'two-way-referrals-and-status');
    manager = await invite(app, clock, await login(app, clock, p.partnerAdmin), 'pm@safestreets.test', [
      Role.ProgramManager,
    ]);
  }, 180_000);

  afterAll(async () => {
    await owner?.end();
    await app?.close();
    await db?.drop();
  });

  it('keeps every referral readable through a rotation and retires the old key afterwards', async () => {
    const ids: string[] = [];
    const create = async (i: number) => {
      const liaison = await login(p.app, clock, p.liaison);
      const res = await request(p.app.getHttpServer())
        .post('/api/v1/referrals')
        .set('Authorization', `Bearer ${liaison}`)
        .send({ agreementId: p.agreementId, person: person(i), consent: CONSENT });
      expect(res.status).toBe(201);
      ids.push(res.body.id as string);
    };
    for (let i = 0; i < 3; i++) await create(i);
    expect(await keyIds()).toEqual([{ key_id: 'k-old', n: 3 }]);
    // The police's incident records are sealed with the same ring (issue 12 item 4).
    const incident = await request(p.app.getHttpServer())
      .post('/api/v1/incidents')
      .set('Authorization', `Bearer ${await login(p.app, clock, p.liaison)}`)
      .send(sampleIncident('Dispute near the park.'));
    expect(incident.status).toBe(201);
    const incidentKeyIds = async () =>
      (await owner.query<{ key_id: string }>('SELECT key_id FROM incidents')).rows.map((r) => r.key_id);
    expect(await incidentKeyIds()).toEqual(['k-old']);
    // A case note (the partner's), and a webhook whose signing secret is sealed with the ring too.
    const note = await request(p.app.getHttpServer())
      .post(`/api/v1/referrals/${ids[0]!}/notes`)
      .set('Authorization', `Bearer ${await login(p.app, clock, manager)}`)
      .send({ body: 'Met at the rec center.' });
    expect(note.status).toBe(201);
    const webhook = await request(p.app.getHttpServer())
      .post('/api/v1/webhooks')
      .set('Authorization', `Bearer ${await login(p.app, clock, p.partnerAdmin)}`)
      .send({ url: 'http://127.0.0.1:9/hook' });
    expect(webhook.status).toBe(201);

    // Rotation step 1: the new key first, the old one still in the ring. Old values open; new writes use the new key.
    await start(`${NEW},${OLD}`);
    await readAll(ids);
    await create(3);
    expect(await keyIds()).toEqual([
      { key_id: 'k-new', n: 1 },
      { key_id: 'k-old', n: 3 },
    ]);

    // Step 2: the re-encryption pass (the job the rotate-keys command runs): each owner's step.
    const result = await p.app.get(KeyRotationService).rotate();
    expect(result.referrals).toBe(3);
    expect(result.notes).toBe(1);
    expect(result.incidents).toBe(1);
    expect(await incidentKeyIds()).toEqual(['k-new']);
    const sealedIncident = (await owner.query<{ row: string }>('SELECT to_jsonb(i)::text AS row FROM incidents i'))
      .rows[0]!.row;
    expect(sealedIncident).not.toContain('.k-old.');
    expect(sealedIncident).not.toContain('Whitfield');
    // The TOTP seeds of the partnership's users and the manager, and the webhook's secret.
    const users = (
      await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE totp_secret IS NOT NULL')
    ).rows[0]!.n;
    expect(result.secrets).toBe(users + 1);
    expect(await keyIds()).toEqual([{ key_id: 'k-new', n: 4 }]);
    const copies = (
      await owner.query<{ payload: string }>(`SELECT payload::text FROM disclosures WHERE category = 'referral'`)
    ).rows;
    expect(copies).toHaveLength(4);
    for (const c of copies) {
      expect(c.payload).not.toContain('.k-old.');
      expect(c.payload).not.toContain('Number');
    }
    expect(await p.app.get(KeyRotationService).rotate()).toEqual({
      referrals: 0,
      notes: 0,
      incidents: 0,
      secrets: 0,
    });

    // Step 3: the old key leaves the ring; everything, including the partner's copies, still opens.
    await start(NEW);
    await readAll(ids); // every login there checks a TOTP code against a resealed seed
    const sealedColumns = (
      await owner.query<{ value: string }>(
        `SELECT totp_secret AS value FROM users WHERE totp_secret IS NOT NULL
         UNION ALL SELECT totp_pending_secret FROM users WHERE totp_pending_secret IS NOT NULL
         UNION ALL SELECT secret FROM org_webhooks
         UNION ALL SELECT body_sealed FROM referral_notes`,
      )
    ).rows.map((r) => r.value);
    expect(sealedColumns.length).toBeGreaterThanOrEqual(users + 2);
    for (const value of sealedColumns) expect(value.startsWith('v1.k-new.')).toBe(true);
    // The webhook signs with the secret its admin was shown, now under the new key alone.
    const stored = (await owner.query<{ id: string; secret: string }>('SELECT id, secret FROM org_webhooks')).rows[0]!;
    expect(new SecretBox(parseKeyRing(NEW)).open(stored.secret, `org-webhook:${stored.id}`)).toBe(webhook.body.secret);
    const notes = await request(p.app.getHttpServer())
      .get(`/api/v1/referrals/${ids[0]!}/notes`)
      .set('Authorization', `Bearer ${await login(p.app, clock, manager)}`);
    expect(notes.status).toBe(200);
    expect(notes.body.items[0].body).toBe('Met at the rec center.');
    const preview = await request(p.app.getHttpServer())
      .get(`/api/v1/incidents/${incident.body.id as string}/preview`)
      .set('Authorization', `Bearer ${await login(p.app, clock, p.liaison)}`);
    expect(preview.status).toBe(200);
    const { rows } = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_entries WHERE action = 'referral.reencrypt' AND outcome = 'success'`,
    );
    expect(rows[0]!.n).toBe(2);
  });
});
