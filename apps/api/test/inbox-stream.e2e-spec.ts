import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ManualClock } from '@accord/identity';
import { InboxEventPublisher, InboxStreamService } from '@accord/notify';
import { DeliveryAnnouncements } from '@accord/sharing';
import {
  clearRedisPrefix,
  createTestDatabase,
  type EnrolledUser,
  login,
  loginAs,
  openEventStream,
  partnership,
  type Partnership,
  sampleIncident,
  type TestDatabase,
  TEST_REDIS_URL,
  testRedisPrefix,
  runDelayedJob,
  waitForDeliveries,
} from '@accord/testing';
import { type StartedApi, startApiWithClock } from './test-api';

async function share(app: NestExpressApplication, clock: ManualClock, liaison: EnrolledUser): Promise<string> {
  const asLiaison = await loginAs(app, clock, liaison);
  const incident = await asLiaison.post('/api/v1/incidents').send(sampleIncident('Group dispute near the park.'));
  const shared = await asLiaison.post(`/api/v1/incidents/${incident.body.id}/share`).send({ redact: false });
  expect(shared.status).toBe(200);
  return shared.body[0].disclosureId as string;
}

describe('inbox stream without Redis (jobs and fan-out in-process)', () => {
  let db: TestDatabase;
  let clock: ManualClock;
  let app: NestExpressApplication;
  let base: string;
  let parties: Partnership;
  let closed = false;

  beforeAll(async () => {
    db = await createTestDatabase('inboxstream');
    const started = await startApiWithClock(db, { INBOX_STREAM_HEARTBEAT_SECONDS: '1' }, { listen: true });
    ({ app, clock } = started);
    base = started.base!;
    parties = await partnership(app, clock);
  }, 120_000);

  afterAll(async () => {
    if (!closed) await app?.close();
    await db?.drop();
  });

  it('pushes the new disclosure’s id to the worker’s stream opened before the share, once', async () => {
    const workerToken = await login(app, clock, parties.worker);
    const stream = await openEventStream(`${base}/inbox/stream`, workerToken);
    try {
      expect(stream.status).toBe(200);
      const disclosureId = await share(app, clock, parties.liaison);
      const event = await stream.next((m) => m.event === 'disclosure');
      expect(JSON.parse(event.data)).toEqual({ disclosureId, category: 'incident_notification' });
      // The stream says which disclosure, nothing of its content.
      expect(event.data).not.toMatch(/Division|Darnell|Stroger|D14/);
      const read = await request(app.getHttpServer())
        .get(`/api/v1/inbox/${disclosureId}`)
        .set('Authorization', `Bearer ${workerToken}`);
      expect(read.status).toBe(200);
      // Every job of the delivery has run, and a heartbeat written after that has arrived: any
      // repeat of the event would be in `messages` by now.
      await waitForDeliveries(app.get(DataSource));
      await stream.nextComment('heartbeat');
      expect(stream.messages.filter((m) => m.event === 'disclosure')).toHaveLength(1);
    } finally {
      stream.close();
    }
  });

  it('announces a delivery as it commits and withdraws its fallback job while it still waits', async () => {
    const ds = app.get(DataSource);
    const stream = await openEventStream(`${base}/inbox/stream`, await login(app, clock, parties.worker));
    try {
      const disclosureId = await share(app, clock, parties.liaison);
      await stream.next((m) => m.event === 'disclosure');
      // The share answers once its announcement went out: the fallback, still waiting out its delay, is gone.
      const fallback = await ds.query(`SELECT status FROM outbox_jobs WHERE job_id = $1`, [
        `delivery.inbox-event/${disclosureId}`,
      ]);
      expect(fallback).toEqual([]);
      await stream.nextComment('heartbeat');
      expect(stream.messages.filter((m) => m.event === 'disclosure')).toHaveLength(1);
    } finally {
      stream.close();
    }
  });

  it('a fallback claimed before the announcement went out finds its mark and sends nothing more', async () => {
    const ds = app.get(DataSource);
    const stream = await openEventStream(`${base}/inbox/stream`, await login(app, clock, parties.worker));
    const announcements = app.get(DeliveryAnnouncements);
    const announce = announcements.delivered.bind(announcements);
    // The relay takes the fallback just before the announcement (one over a second late): it cannot be withdrawn.
    const late = jest.spyOn(announcements, 'delivered').mockImplementationOnce(async (delivered) => {
      await ds.query(`UPDATE outbox_jobs SET status = 'dispatched' WHERE job_id = $1 AND status = 'pending'`, [
        `delivery.inbox-event/${delivered.disclosureId}`,
      ]);
      await announce(delivered);
    });
    try {
      const disclosureId = await share(app, clock, parties.liaison);
      late.mockRestore();
      await stream.next((m) => m.event === 'disclosure');
      // The claimed job runs as a worker would run it.
      await app.get(InboxEventPublisher).publish({ disclosureId, fallback: true });
      await stream.nextComment('heartbeat');
      expect(stream.messages.filter((m) => m.event === 'disclosure')).toHaveLength(1);
    } finally {
      late.mockRestore();
      stream.close();
    }
  });

  it('announces through the fallback job a delivery whose process stopped before announcing it', async () => {
    const ds = app.get(DataSource);
    const stream = await openEventStream(`${base}/inbox/stream`, await login(app, clock, parties.worker));
    try {
      // The share's delivery commits and the process stops right there, before its announcement: the one step after
      // the commit is skipped, as a crash would skip it.
      const announcements = app.get(DeliveryAnnouncements);
      const skipped = jest.spyOn(announcements, 'delivered').mockImplementationOnce(async () => undefined);
      const disclosureId = await share(app, clock, parties.liaison);
      expect(skipped).toHaveBeenCalledTimes(1);
      skipped.mockRestore();
      const [delivered] = await ds.query(`SELECT status FROM disclosures WHERE id = $1`, [disclosureId]);
      expect(delivered).toEqual({ status: 'delivered' });
      await waitForDeliveries(ds);
      await stream.nextComment('heartbeat');
      expect(stream.messages.filter((m) => m.event === 'disclosure')).toHaveLength(0);
      await runDelayedJob(ds, `delivery.inbox-event/${disclosureId}`);
      const event = await stream.next((m) => m.event === 'disclosure');
      expect(JSON.parse(event.data)).toEqual({ disclosureId, category: 'incident_notification' });
    } finally {
      stream.close();
    }
  });

  it('refuses the stream to a role without an inbox (the partner’s org admin: 403)', async () => {
    const adminStream = await openEventStream(`${base}/inbox/stream`, await login(app, clock, parties.partnerAdmin));
    expect(adminStream.status).toBe(403);
  });

  it('refuses a caller without a session (401) and ends the stream at the next heartbeat after logout', async () => {
    const anonymous = await openEventStream(`${base}/inbox/stream`, 'not-a-token');
    expect(anonymous.status).toBe(401);

    const token = await login(app, clock, parties.worker);
    // Two tabs of the same session: both must end.
    const [stream, tab] = [
      await openEventStream(`${base}/inbox/stream`, token),
      await openEventStream(`${base}/inbox/stream`, token),
    ];
    expect([stream.status, tab.status]).toEqual([200, 200]);
    const services = app.get(InboxStreamService);
    expect(services.openStreams).toBeGreaterThanOrEqual(2);
    const loggedOut = await request(app.getHttpServer())
      .post('/api/v1/auth/logout')
      .set('Authorization', `Bearer ${token}`);
    expect(loggedOut.status).toBeLessThan(300);
    const bothEnded = Promise.all([stream.ended, tab.ended]).then(() => 'ended');
    const ended = await Promise.race([bothEnded, new Promise((r) => setTimeout(() => r('still open'), 5_000))]);
    expect(ended).toBe('ended');
    const reopened = await openEventStream(`${base}/inbox/stream`, token);
    expect(reopened.status).toBe(401);
  });

  it('lets the inbox list keep working: the stream route does not shadow GET /inbox/:id', async () => {
    const token = await login(app, clock, parties.worker);
    const res = await request(app.getHttpServer())
      .get('/api/v1/inbox/not-a-uuid')
      .set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(400);
  });

  it('ends open streams at shutdown instead of waiting for them forever', async () => {
    const stream = await openEventStream(`${base}/inbox/stream`, await login(app, clock, parties.worker));
    expect(stream.status).toBe(200);
    const started = Date.now();
    closed = true;
    await app.close();
    await stream.ended;
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('inbox stream across two API instances (Redis pub/sub)', () => {
  let db: TestDatabase;
  let prefix: string;
  let clock: ManualClock;
  let a: StartedApi;
  let b: StartedApi;
  let parties: Partnership;

  beforeAll(async () => {
    db = await createTestDatabase('inboxstreamredis');
    prefix = testRedisPrefix('inboxstream');
    clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));
    const env = { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix };
    // The jobs (delivery, then the event) run in A only; B just serves requests and streams.
    a = await startApiWithClock(db, { ...env, RUN_WORKER_IN_PROCESS: 'true' }, { clock, listen: true });
    b = await startApiWithClock(db, { ...env, RUN_WORKER_IN_PROCESS: 'false' }, { clock, listen: true });
    parties = await partnership(a.app, clock);
  }, 120_000);

  afterAll(async () => {
    await b?.app.close();
    await a?.app.close();
    await db?.drop();
    await clearRedisPrefix(prefix);
  });

  it('delivers the event to a stream opened on the other instance', async () => {
    const token = await login(b.app, clock, parties.worker);
    const onB = await openEventStream(`${b.base}/inbox/stream`, token);
    const onA = await openEventStream(`${a.base}/inbox/stream`, token);
    try {
      expect([onA.status, onB.status]).toEqual([200, 200]);
      const disclosureId = await share(b.app, clock, parties.liaison);
      const [fromB, fromA] = await Promise.all([
        onB.next((m) => m.event === 'disclosure'),
        onA.next((m) => m.event === 'disclosure'),
      ]);
      expect(JSON.parse(fromB.data)).toEqual({ disclosureId, category: 'incident_notification' });
      expect(JSON.parse(fromA.data)).toEqual({ disclosureId, category: 'incident_notification' });
    } finally {
      onA.close();
      onB.close();
    }
  });

  it('announces a delivery as it commits; a fallback claimed meanwhile finds the mark on any instance', async () => {
    const token = await login(b.app, clock, parties.worker);
    const onB = await openEventStream(`${b.base}/inbox/stream`, token);
    const announcements = b.app.get(DeliveryAnnouncements);
    const announce = announcements.delivered.bind(announcements);
    // As in the in-process case: the relay took the fallback just before B announced, so B leaves the mark in Redis.
    const late = jest.spyOn(announcements, 'delivered').mockImplementationOnce(async (delivered) => {
      await a.app
        .get(DataSource)
        .query(`UPDATE outbox_jobs SET status = 'dispatched' WHERE job_id = $1 AND status = 'pending'`, [
          `delivery.inbox-event/${delivered.disclosureId}`,
        ]);
      await announce(delivered);
    });
    try {
      const first = await share(b.app, clock, parties.liaison);
      late.mockRestore();
      await onB.next((m) => m.event === 'disclosure');
      // A's worker runs the claimed job: it finds B's mark and publishes nothing.
      await a.app.get(InboxEventPublisher).publish({ disclosureId: first, fallback: true });
      // A later event on the same channel: a repeat of the first would have arrived before it.
      const second = await share(b.app, clock, parties.liaison);
      await onB.next((m) => m.event === 'disclosure' && m.data.includes(second));
      const ids = onB.messages
        .filter((m) => m.event === 'disclosure')
        .map((m) => (JSON.parse(m.data) as { disclosureId: string }).disclosureId);
      expect(ids).toEqual([first, second]);
    } finally {
      late.mockRestore();
      onB.close();
    }
  });
});
