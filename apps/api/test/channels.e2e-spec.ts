import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { loadConfig } from '@accord/config';
import { ManualClock } from '@accord/identity';
import { Role } from '@accord/policy';
import { DeliveryService } from '@accord/sharing';
import {
  clearRedisPrefix,
  clockModule,
  createTestDatabase,
  type EnrolledUser,
  invite,
  login,
  type Partnership,
  partnership,
  sampleIncident,
  TEST_REDIS_URL,
  type TestDatabase,
  testRedisPrefix,
  type ReceivedMail,
  smtpSink,
  waitForDeliveries,
  ENROLLMENT_SUBJECT,
} from '@accord/testing';
import {
  EmailService,
  EscalationService,
  NotificationChannel,
  NotificationSends,
  verifyWebhookSignature,
  WebhooksService,
} from '@accord/channels';
import { createApiApp } from '../src/create-api-app';

interface WebhookCall {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver that records every call, and can be told to fail the next few. */
async function webhookReceiver(): Promise<{
  url: string;
  calls: WebhookCall[];
  failNext: (n: number) => void;
  close: () => Promise<void>;
}> {
  const calls: WebhookCall[] = [];
  let failures = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (failures > 0) {
        failures--;
        res.writeHead(503).end();
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/accord-hook`,
    calls,
    failNext: (n) => (failures = n),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const FORBIDDEN_IN_EMAIL = [
  'Darnell',
  'Whitfield',
  'Marcus',
  'Bell',
  'JA481220',
  'Division',
  '1234',
  '1200',
  'D14',
  'Stroger',
  'park',
  'shooting',
  'retaliation',
  '17',
];

/** The liaison shares one incident with the partner; returns the disclosure's id. */
async function shareIncident(p: Partnership, narrative = 'Dispute near the park.'): Promise<string> {
  const liaison = await login(p.app, p.clock, p.liaison);
  const incident = await request(p.app.getHttpServer())
    .post('/api/v1/incidents')
    .set('Authorization', `Bearer ${liaison}`)
    .send(sampleIncident(narrative));
  const shared = await request(p.app.getHttpServer())
    .post(`/api/v1/incidents/${incident.body.id}/share`)
    .set('Authorization', `Bearer ${liaison}`)
    .send({ redact: false });
  expect(shared.status).toBe(200);
  return shared.body[0].disclosureId as string;
}

/** The names of the outbox jobs asked for about one disclosure, sorted. */
async function jobsOf(dataSource: DataSource, disclosureId: string): Promise<string[]> {
  const rows: { name: string }[] = await dataSource.query(
    `SELECT name FROM outbox_jobs WHERE payload->>'disclosureId' = $1 ORDER BY name`,
    [disclosureId],
  );
  return rows.map((r) => r.name);
}

describe('notification channels: content-free e-mail, signed webhooks, exactly-once effects, escalation', () => {
  let db: TestDatabase;
  let p: Partnership;
  let manager: EnrolledUser;
  let smtp: Awaited<ReturnType<typeof smtpSink>>;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  let owner: DataSource;
  let webhookSecret: string;
  const prefix = testRedisPrefix('channels');

  beforeAll(async () => {
    db = await createTestDatabase('channels');
    smtp = await smtpSink();
    hook = await webhookReceiver();
    const clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));
    // Jobs go to the outbox and nothing runs them: the test plays the worker, runs every job itself,
    // again, concurrently, and after simulated crashes.
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: db.appUrl,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      RUN_WORKER_IN_PROCESS: 'false',
      LOGIN_THROTTLE_MAX_ATTEMPTS: '1000',
      SMTP_URL: smtp.url,
      PUBLIC_BASE_URL: 'https://accord.example.org',
    });
    const app = await createApiApp(config, false, [clockModule(clock)]);
    await app.init();
    p = await partnership(app, clock);
    manager = await invite(app, clock, await login(app, clock, p.partnerAdmin), 'manager@safestreets.test', [
      Role.ProgramManager,
    ]);
    const created = await request(app.getHttpServer())
      .post('/api/v1/webhooks')
      .set('Authorization', `Bearer ${await login(app, clock, p.partnerAdmin)}`)
      .send({ url: hook.url });
    expect(created.status).toBe(201);
    webhookSecret = created.body.secret as string;
    owner = new DataSource({ type: 'postgres', url: db.ownerUrl });
    await owner.initialize();
  }, 120_000);

  afterAll(async () => {
    await p?.app.close();
    await owner?.destroy();
    await smtp?.close();
    await hook?.close();
    await db?.drop();
    await clearRedisPrefix(prefix);
  });

  const http = () => request(p.app.getHttpServer());

  const share = (narrative: string) => shareIncident(p, narrative);

  const count = async (sql: string, params: unknown[]) => Number((await owner.query(sql, params))[0].n);
  /** The e-mails of one disclosure, told apart by their Message-ID (the ledger row's id): they carry no other id. */
  async function mailsOf(disclosureId: string, email?: string): Promise<ReceivedMail[]> {
    const ids = new Set(
      (
        await owner.query(`SELECT id FROM notification_sends WHERE disclosure_id = $1 AND channel <> 'webhook'`, [
          disclosureId,
        ])
      ).map((r: { id: string }) => `<${r.id}@notifications.accord>`),
    );
    return smtp.mails.filter((m) => ids.has(m.messageId) && (!email || m.to.includes(email)));
  }
  const callsFor = (disclosureId: string) =>
    hook.calls.filter((c) => (JSON.parse(c.body) as { disclosureId: string }).disclosureId === disclosureId);
  const settle = <T>(promises: Promise<T>[]) => Promise.allSettled(promises);

  it(
    'delivery requests the e-mail, webhook and deadline jobs in its transaction, the deadline delayed to ' +
      'ack_due_at',
    async () => {
      const disclosureId = await share('Dispute near the park.');
      const jobs: { name: string; delayed_ms: number }[] = await owner.query(
        `SELECT name, EXTRACT(EPOCH FROM (available_at - created_at)) * 1000 AS delayed_ms FROM outbox_jobs
        WHERE payload->>'disclosureId' = $1 ORDER BY name`,
        [disclosureId],
      );
      // (The live event's fallback job is withdrawn once the share has announced the delivery.)
      expect(jobs.map((j) => j.name)).toEqual(['delivery.email', 'delivery.webhook', 'escalation.unacknowledged']);
      // The template's flow says acknowledge within 4 hours; the clock has not moved since delivery.
      expect(Number(jobs[2]!.delayed_ms)).toBeGreaterThan(4 * 3600_000 - 60_000);
      expect(Number(jobs[2]!.delayed_ms)).toBeLessThanOrEqual(4 * 3600_000 + 1000);
    },
  );

  it(
    'asks for no webhook job when the recipient has no enabled webhook, and a job asked for before the webhook ' +
      'was disabled calls nobody',
    async () => {
      const before = await share('Dispute near the park.');
      expect(await jobsOf(owner, before)).toContain('delivery.webhook');
      await owner.query(`UPDATE org_webhooks SET enabled = false`);
      try {
        const disclosureId = await share('Dispute near the park.');
        expect(await jobsOf(owner, disclosureId)).toEqual(['delivery.email', 'escalation.unacknowledged']);
        await p.app.get(WebhooksService).deliverWebhook({ disclosureId: before });
        expect(callsFor(before)).toHaveLength(0);
      } finally {
        await owner.query(`UPDATE org_webhooks SET enabled = true`);
      }
    },
  );

  it(
    'runs a repeated delivery job and both channel jobs twice and concurrently: one inbox entry, one e-mail and ' +
      'one webhook call per recipient',
    async () => {
      const disclosureId = await share('Dispute near the park; tension between two groups.');
      const delivery = p.app.get(DeliveryService);
      await settle([
        delivery.deliver({ disclosureId }),
        delivery.deliver({ disclosureId }),
        delivery.deliver({ disclosureId }),
      ]);
      await delivery.deliver({ disclosureId });
      const email = p.app.get(EmailService);
      const webhooks = p.app.get(WebhooksService);
      // Concurrent runs that find a send claimed by another run fail (to be retried), never send twice.
      await settle([
        email.deliverEmail({ disclosureId }),
        email.deliverEmail({ disclosureId }),
        webhooks.deliverWebhook({ disclosureId }),
        webhooks.deliverWebhook({ disclosureId }),
      ]);
      await email.deliverEmail({ disclosureId });
      await webhooks.deliverWebhook({ disclosureId });

      expect(await count(`SELECT count(*) AS n FROM inbox_entries WHERE disclosure_id = $1`, [disclosureId])).toBe(2);
      expect(await mailsOf(disclosureId, p.worker.email)).toHaveLength(1);
      expect(await mailsOf(disclosureId, manager.email)).toHaveLength(1);
      const sends: { channel: string; recipient_id: string; status: string }[] = await owner.query(
        `SELECT channel, recipient_id, status FROM notification_sends WHERE disclosure_id = $1 ORDER BY channel,
        recipient_id`,
        [disclosureId],
      );
      expect(
        sends
          .filter((s) => s.channel === 'email')
          .map((s) => s.recipient_id)
          .sort(),
      ).toEqual([p.worker.id, manager.id].sort());
      expect(sends.every((s) => s.status === 'sent')).toBe(true);

      const calls = callsFor(disclosureId);
      expect(calls).toHaveLength(1);
      const call = calls[0]!;
      const webhookSend = sends.find((s) => s.channel === 'webhook')!;
      expect(webhookSend).toBeDefined();
      expect(
        verifyWebhookSignature(
          webhookSecret,
          call.headers['x-accord-signature'] as string,
          call.body,
          Math.floor(p.clock.now().getTime() / 1000),
        ),
      ).toBe('valid');
      expect(
        verifyWebhookSignature(
          webhookSecret,
          call.headers['x-accord-signature'] as string,
          call.body.replace(disclosureId, manager.id),
          Math.floor(p.clock.now().getTime() / 1000),
        ),
      ).toBe('mismatch');
      const body = JSON.parse(call.body) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['agreementId', 'deliveredAt', 'disclosureId', 'event']);
      expect(body).toMatchObject({ event: 'disclosure.delivered', disclosureId, agreementId: p.agreementId });
      expect(call.headers['x-accord-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    },
  );

  it('e-mails say only that something new waits, with the inbox link and nothing that was disclosed', async () => {
    const disclosureId = await share('Group dispute near the park; retaliation expected.');
    await p.app.get(EmailService).deliverEmail({ disclosureId });
    const mails = await mailsOf(disclosureId);
    expect(mails.map((m) => m.to).sort()).toEqual([manager.email, p.worker.email].sort());
    for (const mail of mails) {
      expect(mail.subject).toBe('You have a new alert in Accord');
      expect(mail.text).toContain('You have a new alert in Accord.');
      expect(mail.text).toContain('https://accord.example.org/inbox');
      const whole = `${mail.subject}\n${mail.text}`;
      for (const word of [
        ...FORBIDDEN_IN_EMAIL,
        disclosureId,
        p.agreementId,
        p.partnerOrgId,
        'Eastside',
        'Safe Streets',
      ])
        expect(whole).not.toContain(word);
      expect(mail.raw).not.toContain(disclosureId);
    }
  });

  it(
    'after a run died between claim and send, the retry sends exactly once; a live claim makes a concurrent run ' +
      'wait instead of sending',
    async () => {
      const disclosureId = await share('Dispute near the park.');
      // A run claimed the worker's e-mail and the webhook, then died before sending.
      const ledger = new NotificationSends(p.app.get(DataSource));
      const webhookId = (await owner.query(`SELECT id FROM org_webhooks`))[0].id as string;
      expect((await ledger.claim(disclosureId, NotificationChannel.Email, p.worker.id)).kind).toBe('claimed');
      expect((await ledger.claim(disclosureId, NotificationChannel.Webhook, webhookId)).kind).toBe('claimed');

      // While its claim is live, another run sends to the others but fails so that it is retried.
      await expect(p.app.get(EmailService).deliverEmail({ disclosureId })).rejects.toThrow(/being sent by another run/);
      await expect(p.app.get(WebhooksService).deliverWebhook({ disclosureId })).rejects.toThrow(
        /being sent by another run/,
      );
      expect(await mailsOf(disclosureId, manager.email)).toHaveLength(1);
      expect(await mailsOf(disclosureId, p.worker.email)).toHaveLength(0);
      expect(callsFor(disclosureId)).toHaveLength(0);

      // The claim lapses (the dead run's lease); the retry takes it over and sends once.
      await owner.query(
        `UPDATE notification_sends SET claimed_until = now() - interval '1 second' WHERE disclosure_id = $1
        AND status = 'sending'`,
        [disclosureId],
      );
      await p.app.get(EmailService).deliverEmail({ disclosureId });
      await p.app.get(WebhooksService).deliverWebhook({ disclosureId });
      await p.app.get(EmailService).deliverEmail({ disclosureId });
      await p.app.get(WebhooksService).deliverWebhook({ disclosureId });
      expect(await mailsOf(disclosureId, p.worker.email)).toHaveLength(1);
      expect(await mailsOf(disclosureId, manager.email)).toHaveLength(1);
      expect(callsFor(disclosureId)).toHaveLength(1);
      expect(
        await count(`SELECT count(*) AS n FROM notification_sends WHERE disclosure_id = $1 AND status = 'sent'`, [
          disclosureId,
        ]),
      ).toBe(3);
    },
  );

  it(
    'after a run died between send and mark, the repeat carries the same Message-ID and X-Accord-Delivery, so ' +
      'receivers keep one',
    async () => {
      const disclosureId = await share('Dispute near the park.');
      await p.app.get(EmailService).deliverEmail({ disclosureId });
      await p.app.get(WebhooksService).deliverWebhook({ disclosureId });
      // The process died after the SMTP server and the receiver accepted, before the ledger said so.
      await owner.query(
        `UPDATE notification_sends SET status = 'sending', sent_at = NULL, claimed_until = now() - interval '1 second'
        WHERE disclosure_id = $1`,
        [disclosureId],
      );
      await p.app.get(EmailService).deliverEmail({ disclosureId });
      await p.app.get(WebhooksService).deliverWebhook({ disclosureId });

      const toWorker = await mailsOf(disclosureId, p.worker.email);
      expect(toWorker).toHaveLength(2);
      expect(new Set(toWorker.map((m) => m.messageId)).size).toBe(1);
      const calls = callsFor(disclosureId);
      expect(calls).toHaveLength(2);
      expect(new Set(calls.map((c) => c.headers['x-accord-delivery'])).size).toBe(1);
    },
  );

  it('retries a failing webhook with the same delivery id until it answers 2xx, then never again', async () => {
    const disclosureId = await share('Dispute near the park.');
    hook.failNext(2);
    const webhooks = p.app.get(WebhooksService);
    await expect(webhooks.deliverWebhook({ disclosureId })).rejects.toThrow(/failed \(HTTP_503\)/);
    await expect(webhooks.deliverWebhook({ disclosureId })).rejects.toThrow(/HTTP_503/);
    await webhooks.deliverWebhook({ disclosureId });
    await webhooks.deliverWebhook({ disclosureId });
    const calls = callsFor(disclosureId);
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.headers['x-accord-delivery'])).size).toBe(1);
    const [send] = await owner.query(
      `SELECT status, attempts FROM notification_sends WHERE disclosure_id = $1 AND channel = 'webhook'`,
      [disclosureId],
    );
    expect(send).toEqual({ status: 'sent', attempts: 3 });
  });

  describe('escalation of unacknowledged disclosures', () => {
    const ESCALATION_SUBJECT = 'An alert in Accord is waiting for acknowledgement';

    it(
      'at the deadline tells every program manager once — an inbox entry for one who was not in the audience, ' +
        'and an e-mail — and records it',
      async () => {
        const disclosureId = await share('Dispute near the park.');
        // Joined after delivery, so not in the disclosure's audience yet.
        const late = await invite(
          p.app,
          p.clock,
          await login(p.app, p.clock, p.partnerAdmin),
          'late-manager@safestreets.test',
          [Role.ProgramManager],
        );
        const escalation = p.app.get(EscalationService);

        // Fired before the deadline (clock skew): nothing happens but a new job for the remaining time.
        expect(await escalation.escalate({ disclosureId })).toBe('not-due');
        expect(
          await count(`SELECT count(*) AS n FROM outbox_jobs WHERE job_id LIKE $1`, [
            `escalation.unacknowledged/${disclosureId}.due-%`,
          ]),
        ).toBe(1);

        p.clock.advance(4 * 3600_000 + 60_000);
        expect(await escalation.escalate({ disclosureId })).toBe('escalated');
        expect(await escalation.escalate({ disclosureId })).toBe('already-escalated');

        expect(
          await count(`SELECT count(*) AS n FROM inbox_entries WHERE disclosure_id = $1 AND user_id = $2`, [
            disclosureId,
            late.id,
          ]),
        ).toBe(1);
        expect(await count(`SELECT count(*) AS n FROM inbox_entries WHERE disclosure_id = $1`, [disclosureId])).toBe(3);
        const [row] = await owner.query(`SELECT escalated_at FROM disclosures WHERE id = $1`, [disclosureId]);
        expect(new Date(row.escalated_at).getTime()).toBe(p.clock.now().getTime());
        const audits = await owner.query(
          `SELECT outcome, reason, details FROM audit_entries WHERE action = 'disclosure.escalate' AND subject_id = $1`,
          [disclosureId],
        );
        expect(audits).toHaveLength(1);
        expect(audits[0]).toMatchObject({ outcome: 'success', reason: 'ACKNOWLEDGEMENT_OVERDUE' });
        expect(audits[0].details).toMatchObject({ escalationRole: Role.ProgramManager, notified: 2, addedToInbox: 1 });
        // The manager new to the alert also gets the live stream event.
        expect(
          await count(`SELECT count(*) AS n FROM outbox_jobs WHERE job_id = $1`, [
            `delivery.inbox-event/${disclosureId}.escalation`,
          ]),
        ).toBe(1);

        const mails = (await mailsOf(disclosureId)).filter((m) => m.subject === ESCALATION_SUBJECT);
        expect(mails.map((m) => m.to).sort()).toEqual([late.email, manager.email].sort());
        for (const mail of mails) {
          expect(mail.text).toContain('https://accord.example.org/inbox');
          for (const word of [...FORBIDDEN_IN_EMAIL, disclosureId])
            expect(`${mail.subject}\n${mail.text}`).not.toContain(word);
        }
        // The late manager now reads it like the rest of the audience.
        const lateAgent = await login(p.app, p.clock, late);
        expect(
          (await http().get(`/api/v1/inbox/${disclosureId}`).set('Authorization', `Bearer ${lateAgent}`)).status,
        ).toBe(200);
      },
    );

    it(
      'does nothing for a disclosure acknowledged before the ' + 'deadline: the acknowledgement is the cancellation',
      async () => {
        const disclosureId = await share('Dispute near the park.');
        const worker = await login(p.app, p.clock, p.worker);
        expect(
          (await http().post(`/api/v1/inbox/${disclosureId}/acknowledge`).set('Authorization', `Bearer ${worker}`))
            .status,
        ).toBe(200);
        const entries = await count(`SELECT count(*) AS n FROM inbox_entries WHERE disclosure_id = $1`, [disclosureId]);

        p.clock.advance(5 * 3600_000);
        expect(await p.app.get(EscalationService).escalate({ disclosureId })).toBe('acknowledged');

        const [row] = await owner.query(`SELECT escalated_at, sla_met FROM disclosures WHERE id = $1`, [disclosureId]);
        expect(row).toEqual({ escalated_at: null, sla_met: true });
        expect(await count(`SELECT count(*) AS n FROM inbox_entries WHERE disclosure_id = $1`, [disclosureId])).toBe(
          entries,
        );
        expect(
          await count(
            `SELECT count(*) AS n FROM notification_sends WHERE disclosure_id = $1 AND channel = 'escalation_email'`,
            [disclosureId],
          ),
        ).toBe(0);
        expect(
          await count(
            `SELECT count(*) AS n FROM audit_entries WHERE action = 'disclosure.escalate' AND subject_id = $1`,
            [disclosureId],
          ),
        ).toBe(0);
      },
    );
  });

  describe('webhook management', () => {
    it(
      'lets an org admin create (secret shown once), list and delete their own webhooks; other organizations see ' +
        'none of them',
      async () => {
        const admin = await login(p.app, p.clock, p.partnerAdmin);
        const created = await http()
          .post('/api/v1/webhooks')
          .set('Authorization', `Bearer ${admin}`)
          .send({ url: 'https://hooks.example.org/accord' });
        expect(created.status).toBe(201);
        expect(created.body.secret).toMatch(/^whsec_/);
        const listed = await http().get('/api/v1/webhooks').set('Authorization', `Bearer ${admin}`);
        expect(listed.status).toBe(200);
        expect(listed.body.map((w: { url: string }) => w.url)).toContain('https://hooks.example.org/accord');
        expect(JSON.stringify(listed.body)).not.toContain('whsec_');
        const [stored] = await owner.query(`SELECT secret FROM org_webhooks WHERE id = $1`, [created.body.id]);
        expect(stored.secret).toMatch(/^v1\./);
        expect(stored.secret).not.toContain(created.body.secret.slice(6));

        const police = await login(p.app, p.clock, p.policeAdmin);
        expect((await http().get('/api/v1/webhooks').set('Authorization', `Bearer ${police}`)).body).toEqual([]);
        expect(
          (await http().delete(`/api/v1/webhooks/${created.body.id}`).set('Authorization', `Bearer ${police}`)).status,
        ).toBe(404);
        const worker = await login(p.app, p.clock, p.worker);
        expect((await http().get('/api/v1/webhooks').set('Authorization', `Bearer ${worker}`)).status).toBe(403);

        expect(
          (await http().delete(`/api/v1/webhooks/${created.body.id}`).set('Authorization', `Bearer ${admin}`)).status,
        ).toBe(204);
        expect(
          (await http().get('/api/v1/webhooks').set('Authorization', `Bearer ${admin}`)).body.map(
            (w: { id: string }) => w.id,
          ),
        ).not.toContain(created.body.id);
        expect(
          await count(`SELECT count(*) AS n FROM audit_entries WHERE subject_type = 'Webhook' AND subject_id = $1`, [
            created.body.id,
          ]),
        ).toBe(2);
      },
    );

    it(
      "lists each webhook's last deliveries from the ledger, newest first: the delivery id the receiver saw, " +
        'status, attempts and the failure code; never to another organization',
      async () => {
        const admin = await login(p.app, p.clock, p.partnerAdmin);
        const disclosureId = await share('Argument outside the store.');
        hook.failNext(1);
        const webhooks = p.app.get(WebhooksService);
        await expect(webhooks.deliverWebhook({ disclosureId })).rejects.toThrow(/HTTP_503/);
        const listed = async () => {
          const res = await http().get('/api/v1/webhooks').set('Authorization', `Bearer ${admin}`);
          expect(res.status).toBe(200);
          const mine = (res.body as { url: string; lastDeliveries: Record<string, unknown>[] }[]).find(
            (w) => w.url === hook.url,
          )!;
          return mine.lastDeliveries;
        };
        const [failed, ...earlier] = await listed();
        const deliveryId = callsFor(disclosureId)[0]!.headers['x-accord-delivery'];
        expect(failed).toEqual({
          deliveryId,
          status: 'pending',
          attempts: 1,
          lastErrorCode: 'HTTP_503',
          createdAt: expect.any(String),
          sentAt: null,
        });
        expect(earlier.length).toBeLessThanOrEqual(4);
        expect(JSON.stringify(await listed())).not.toContain(disclosureId);

        await webhooks.deliverWebhook({ disclosureId });
        expect((await listed())[0]).toEqual({
          deliveryId,
          status: 'sent',
          attempts: 2,
          lastErrorCode: null,
          createdAt: expect.any(String),
          sentAt: expect.any(String),
        });
        const police = await login(p.app, p.clock, p.policeAdmin);
        expect((await http().get('/api/v1/webhooks').set('Authorization', `Bearer ${police}`)).body).toEqual([]);
      },
    );

    it('refuses a URL that is not http(s) or carries credentials', async () => {
      const admin = await login(p.app, p.clock, p.partnerAdmin);
      for (const url of ['ftp://hooks.example.org/x', 'https://user:pw@hooks.example.org/x', 'not a url']) {
        const res = await http().post('/api/v1/webhooks').set('Authorization', `Bearer ${admin}`).send({ url });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(JSON.stringify(res.body)).not.toContain('pw@');
      }
    });
  });
});

describe('notification channels with the job runner in-process (no Redis)', () => {
  let db: TestDatabase;
  let p: Partnership;
  let smtp: Awaited<ReturnType<typeof smtpSink>>;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  let secret: string;

  beforeAll(async () => {
    db = await createTestDatabase('channelsrun');
    smtp = await smtpSink();
    hook = await webhookReceiver();
    const clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));
    const app = await createApiApp(
      loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.appUrl, SMTP_URL: smtp.url }),
      false,
      [clockModule(clock)],
    );
    await app.init();
    p = await partnership(app, clock);
    const created = await request(app.getHttpServer())
      .post('/api/v1/webhooks')
      .set('Authorization', `Bearer ${await login(app, clock, p.partnerAdmin)}`)
      .send({ url: hook.url });
    secret = created.body.secret as string;
  }, 120_000);

  afterAll(async () => {
    await p?.app.close();
    await smtp?.close();
    await hook?.close();
    await db?.drop();
  });

  it(
    'a share reaches the audience by e-mail and the organization by signed webhook, once each, with no one ' +
      'calling the handlers',
    async () => {
      const disclosureId = await shareIncident(p);

      // Every job the share caused has run (delivery, e-mail, webhook, live event), so any duplicate would have been
      // sent by now.
      await waitForDeliveries(p.app.get(DataSource));
      const jobs: { name: string; status: string }[] = await p.app
        .get(DataSource)
        .query(
          `SELECT name, status FROM outbox_jobs WHERE name IN ('delivery.email', 'delivery.webhook') ` +
            `AND payload->>'disclosureId' = $1 ORDER BY name`,
          [disclosureId],
        );
      expect(jobs).toEqual([
        { name: 'delivery.email', status: 'completed' },
        { name: 'delivery.webhook', status: 'completed' },
      ]);
      // Besides the enrollment links of the partnership's people (issue 12: they go by e-mail).
      const notifications = smtp.mails.filter((m) => m.subject !== ENROLLMENT_SUBJECT);
      expect(notifications.map((m) => m.to)).toEqual([p.worker.email]);
      expect(notifications[0]!.subject).toBe('You have a new alert in Accord');
      expect(hook.calls).toHaveLength(1);
      expect(JSON.parse(hook.calls[0]!.body)).toMatchObject({ event: 'disclosure.delivered', disclosureId });
      expect(
        verifyWebhookSignature(
          secret,
          hook.calls[0]!.headers['x-accord-signature'] as string,
          hook.calls[0]!.body,
          Math.floor(p.clock.now().getTime() / 1000),
        ),
      ).toBe('valid');
    },
  );
});

describe('notification channels without an e-mail transport (job runner in-process)', () => {
  let db: TestDatabase;
  let p: Partnership;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;

  beforeAll(async () => {
    db = await createTestDatabase('channelsnomail');
    hook = await webhookReceiver();
    const clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));
    // Enrollment links go only by e-mail: the people enroll through an app with SMTP, then the app restarts without.
    const enrolling = await smtpSink();
    const withSmtp = await createApiApp(
      loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.appUrl, SMTP_URL: enrolling.url }),
      false,
      [clockModule(clock)],
    );
    await withSmtp.init();
    const enrolled = await partnership(withSmtp, clock);
    await withSmtp.close();
    await enrolling.close();
    const app = await createApiApp(loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.appUrl }), false, [
      clockModule(clock),
    ]);
    await app.init();
    p = { ...enrolled, app };
  }, 120_000);

  afterAll(async () => {
    await p?.app.close();
    await hook?.close();
    await db?.drop();
  });

  /** Shares one incident and waits until every job it caused has run; returns the disclosure and its jobs' names. */
  async function shareAndDrain(): Promise<{ disclosureId: string; jobs: string[] }> {
    const disclosureId = await shareIncident(p);
    await waitForDeliveries(p.app.get(DataSource));
    return { disclosureId, jobs: await jobsOf(p.app.get(DataSource), disclosureId) };
  }

  it('a share to an organization without a webhook asks for neither channel job; the inbox still gets it', async () => {
    const { disclosureId, jobs } = await shareAndDrain();
    expect(jobs).toEqual(['escalation.unacknowledged']);
    const entries: { user_id: string }[] = await p.app
      .get(DataSource)
      .query(`SELECT user_id FROM inbox_entries WHERE disclosure_id = $1`, [disclosureId]);
    expect(entries.map((e) => e.user_id)).toEqual([p.worker.id]);
  });

  it('once the recipient has an enabled webhook, a share asks for its job and the webhook is called', async () => {
    const created = await request(p.app.getHttpServer())
      .post('/api/v1/webhooks')
      .set('Authorization', `Bearer ${await login(p.app, p.clock, p.partnerAdmin)}`)
      .send({ url: hook.url });
    expect(created.status).toBe(201);
    const { disclosureId, jobs } = await shareAndDrain();
    expect(jobs).toEqual(['delivery.webhook', 'escalation.unacknowledged']);
    expect(hook.calls).toHaveLength(1);
    expect(JSON.parse(hook.calls[0]!.body)).toMatchObject({ event: 'disclosure.delivered', disclosureId });
  });
});
