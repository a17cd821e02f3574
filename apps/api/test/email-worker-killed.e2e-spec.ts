import { Logger } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { EmailService } from '@accord/channels';
import { BullMqJobRunner, JobName, OutboxRelay } from '@accord/jobs';
import { Role } from '@accord/policy';
import {
  clearRedisPrefix,
  createTestDatabase,
  ENROLLMENT_SUBJECT,
  eventually,
  invite,
  login,
  type Partnership,
  partnership,
  sampleIncident,
  type SmtpSink,
  smtpSink,
  TEST_REDIS_URL,
  type TestDatabase,
  testRedisPrefix,
} from '@accord/testing';
import { startApiWithClock } from './test-api';

/**
 * Issue 18's worst e-mail case, fast: the BullMQ worker running a disclosure's e-mails dies while
 * the SMTP server holds a message (after the claim, before the send is known to be accepted) —
 * three times in a row, more stalls than BullMQ's default allows. Each death is a worker closed by
 * force with its handler abandoned (its lock lapses, nothing is acknowledged); time is moved on in
 * the database for the dead run's send claim. Every owed e-mail must still go out, under one
 * Message-ID per recipient, and the job must end completed, not given up.
 */
describe('a worker killed during e-mail sends', () => {
  let db: TestDatabase;
  let p: Partnership;
  let smtp: SmtpSink;
  let owner: DataSource;
  const prefix = testRedisPrefix('mailkill');
  /** While set, the next message is held (never answered) and the worker running it is killed. */
  let killOnArrival: (() => Promise<void>) | null = null;
  let held = 0;
  const stops: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase('mailkill');
    smtp = await smtpSink({
      hold: (mail) => {
        const kill = killOnArrival;
        if (!kill || mail.subject === ENROLLMENT_SUBJECT) return false;
        killOnArrival = null;
        held += 1;
        void kill();
        return true;
      },
    });
    // The real time: the worker processes this suite kills run on the system clock.
    const { app, clock } = await startApiWithClock(
      db,
      {
        REDIS_URL: TEST_REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
        RUN_WORKER_IN_PROCESS: 'false',
        LOGIN_THROTTLE_MAX_ATTEMPTS: '1000',
        SMTP_URL: smtp.url,
      },
      { now: new Date() },
    );
    p = await partnership(app, clock);
    const partnerToken = await login(app, clock, p.partnerAdmin);
    await invite(app, clock, partnerToken, 'worker2@safestreets.test', [Role.OutreachWorker]);
    await invite(app, clock, partnerToken, 'worker3@safestreets.test', [Role.OutreachWorker]);
    owner = new DataSource({ type: 'postgres', url: db.ownerUrl });
    await owner.initialize();
  }, 120_000);

  afterAll(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
    await p?.app.close();
    await owner?.destroy();
    // Abandoned handlers still wait on held messages: closing the server ends them.
    void smtp?.close();
    await db?.drop();
    await clearRedisPrefix(prefix);
  });

  it(
    'sends every owed e-mail, one Message-ID per recipient, and ' + 'completes the job after three deaths mid-send',
    async () => {
      const liaison = await login(p.app, p.clock, p.liaison);
      const incident = await request(p.app.getHttpServer())
        .post('/api/v1/incidents')
        .set('Authorization', `Bearer ${liaison}`)
        .send(sampleIncident('Dispute near the park.'));
      const shared = await request(p.app.getHttpServer())
        .post(`/api/v1/incidents/${incident.body.id}/share`)
        .set('Authorization', `Bearer ${liaison}`)
        .send({ redact: false });
      const disclosureId = shared.body[0].disclosureId as string;
      const audience = Number(
        (await owner.query(`SELECT count(*)::int AS n FROM inbox_entries WHERE disclosure_id = $1`, [disclosureId]))[0]
          .n,
      );
      expect(audience).toBe(3);

      const email = p.app.get(EmailService);
      const dataSource = p.app.get(DataSource);
      const relay = new OutboxRelay(dataSource, {
        redisUrl: TEST_REDIS_URL,
        keyPrefix: prefix,
        pollIntervalMs: 50,
        reconcile: { intervalMs: 100, graceMs: 200, recheckMs: 300 },
      });
      stops.push(() => relay.stop());
      const worker = () => {
        const runner = new BullMqJobRunner(
          {
            get: (name) =>
              name === JobName.DeliverEmail
                ? (payload) => email.deliverEmail(payload as { disclosureId: string })
                : undefined,
          },
          {
            redisUrl: TEST_REDIS_URL,
            keyPrefix: prefix,
            drainDelaySeconds: 1,
            scheduledJobs: [],
            dataSource,
            lockDurationMs: 300,
            stalledIntervalMs: 200,
          },
        );
        stops.push(() => runner.stop());
        return runner;
      };
      const jobStatus = async () =>
        (
          (
            await owner.query(
              `SELECT status FROM outbox_jobs WHERE name = 'delivery.email' AND payload->>'disclosureId' = $1`,
              [disclosureId],
            )
          )[0] as { status: string }
        ).status;

      await relay.start();
      for (let death = 1; death <= 3; death++) {
        const dying = worker();
        const died = new Promise<void>((resolve) => {
          killOnArrival = async () => {
            await dying.closeAbruptly();
            // Time passes in the database: the dead run's claim on the send lapses.
            await owner.query(
              `UPDATE notification_sends SET claimed_until = now() - interval '1 second' WHERE disclosure_id = $1
              AND status = 'sending'`,
              [disclosureId],
            );
            resolve();
          };
        });
        await dying.start();
        await died;
        expect(held).toBe(death);
      }
      await worker().start();
      await eventually(async () => ((await jobStatus()) === 'completed' ? true : undefined), 30_000);

      const sends: { id: string; status: string }[] = await owner.query(
        `SELECT id, status FROM notification_sends WHERE disclosure_id = $1 AND channel = 'email' ORDER BY id`,
        [disclosureId],
      );
      expect(sends).toHaveLength(3);
      expect(sends.every((s) => s.status === 'sent')).toBe(true);
      // Exactly the three owed e-mails were accepted: one per recipient, each under its send's Message-ID.
      const accepted = smtp.mails.filter((m) => m.subject !== ENROLLMENT_SUBJECT);
      expect(accepted).toHaveLength(3);
      expect(new Set(accepted.map((m) => m.messageId))).toEqual(
        new Set(sends.map((s) => `<${s.id}@notifications.accord>`)),
      );
      expect(new Set(accepted.map((m) => m.to)).size).toBe(3);
    },
    120_000,
  );
});
