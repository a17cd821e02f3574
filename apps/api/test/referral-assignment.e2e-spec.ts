import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { EscalationService } from '@accord/channels';
import type { ManualClock } from '@accord/identity';
import {
  createTestDatabase,
  ENROLLMENT_SUBJECT,
  type EnrolledUser,
  login,
  openEventStream,
  type SmtpSink,
  smtpSink,
  type SseStream,
  type TestDatabase,
  type TwoWayPartnership,
  twoWayPartnership,
  runDelayedJob,
  waitForDeliveries,
} from '@accord/testing';
import { startApiWithClock } from './test-api';

const HOUR_MS = 3_600_000;
/** The two-way template's referral flow: acknowledge within 24 hours. */
const ACK_HOURS = 24;
const CONSENT = { basis: 'written', givenOn: '2026-11-20' };
const person = (name: string) => ({
  name,
  contact: '312-555-0143',
  age: 18,
  reason: 'Shot at twice this month; friends talk of getting even',
  riskFactors: ['prior_victimization'],
});
/** What an e-mail must never carry: the person, the reason, the ids. */
const FORBIDDEN_IN_EMAIL = ['555-0143', 'Shot at', 'prior_victimization', 'Eastside', 'Safe Streets'];

/**
 * Issue 11, "API work this needs": assigning a referral puts it in the assignee's inbox and live
 * stream and sends the content-free e-mail; acknowledgement and escalation work for it as for
 * alerts. The real API with its jobs in-process (no Redis), a real SMTP server, and a clock the
 * test moves; background work is waited for explicitly (waitForDeliveries), never slept on.
 */
describe('a referral assigned to an outreach worker reaches that worker, and only that worker', () => {
  let db: TestDatabase;
  let smtp: SmtpSink;
  let clock: ManualClock;
  let app: NestExpressApplication;
  let base: string;
  let p: TwoWayPartnership;
  let owner: Client;

  const http = () => request(app.getHttpServer());
  const drained = () => waitForDeliveries(app.get(DataSource));
  // Enrollment links reach people by e-mail too (issue 12); these tests count the notifications only.
  const mailsTo = (user: EnrolledUser) =>
    smtp.mails.filter((m) => m.to.includes(user.email) && m.subject !== ENROLLMENT_SUBJECT);

  /** A referral the liaison sends and the manager accepts; its copy delivered. */
  async function acceptedReferral(name: string): Promise<{ id: string; disclosureId: string }> {
    const created = await http()
      .post('/api/v1/referrals')
      .set('Authorization', `Bearer ${await login(app, clock, p.liaison)}`)
      .send({ agreementId: p.agreementId, person: person(name), consent: CONSENT });
    expect(created.status).toBe(201);
    const accepted = await http()
      .post(`/api/v1/referrals/${created.body.id}/transitions`)
      .set('Authorization', `Bearer ${await login(app, clock, p.manager)}`)
      .send({ to: 'accepted' });
    expect(accepted.status).toBe(200);
    await drained();
    return { id: created.body.id as string, disclosureId: created.body.disclosureId as string };
  }

  async function assign(referralId: string, worker: EnrolledUser) {
    const res = await http()
      .post(`/api/v1/referrals/${referralId}/transitions`)
      .set('Authorization', `Bearer ${await login(app, clock, p.manager)}`)
      .send({ to: 'assigned', assigneeId: worker.id });
    expect(res.status).toBe(200);
    return res;
  }

  const openAssignment = async (disclosureId: string) =>
    (
      await owner.query<{
        id: string;
        user_id: string;
        assigned_at: Date;
        acknowledged_at: Date | null;
        sla_met: boolean | null;
        escalated_at: Date | null;
        ack_due_at: Date;
      }>('SELECT * FROM inbox_assignments WHERE disclosure_id = $1 AND ended_at IS NULL', [disclosureId])
    ).rows[0];

  /** The assignment's deadline job, made due (the clock the app reads has already moved past the deadline) and run. */
  async function runDeadline(disclosureId: string, assignmentId: string): Promise<void> {
    // The escalation's e-mails go out within the job, after its commit: once it completed, they are in.
    await runDelayedJob(app.get(DataSource), `escalation.unacknowledged/${disclosureId}.assignment-${assignmentId}`);
    await drained();
  }

  beforeAll(async () => {
    db = await createTestDatabase('referralassign');
    smtp = await smtpSink();
    const started = await startApiWithClock(
      db,
      {
        SMTP_URL: smtp.url,
        PUBLIC_BASE_URL: 'https://accord.example.org',
        LOGIN_THROTTLE_MAX_ATTEMPTS: '1000',
        INBOX_STREAM_HEARTBEAT_SECONDS: '1',
      },
      { now: new Date('2026-11-23T15:00:00Z'), listen: true },
    );
    ({ app, clock } = started);
    base = started.base!;
    p = await twoWayPartnership(app, clock);
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
  }, 180_000);

  afterAll(async () => {
    await owner?.end();
    await app?.close();
    await smtp?.close();
    await db?.drop();
  });

  it(
    'after assignment the worker’s inbox lists it, their stream announces it and exactly one content-free e-mail ' +
      'reaches them; the other worker gets none of it',
    async () => {
      const { id, disclosureId } = await acceptedReferral('Tomas Greer');
      // Until it is assigned, no worker has it: the copy went to the manager who triages it.
      const workerToken = await login(app, clock, p.worker);
      const otherToken = await login(app, clock, p.otherWorker);
      expect((await http().get('/api/v1/inbox').set('Authorization', `Bearer ${workerToken}`)).body.items).toEqual([]);
      expect(mailsTo(p.worker)).toHaveLength(0);

      const streams: SseStream[] = [
        await openEventStream(`${base}/inbox/stream`, workerToken),
        await openEventStream(`${base}/inbox/stream`, otherToken),
      ];
      const [mine, others] = streams as [SseStream, SseStream];
      try {
        expect([mine.status, others.status]).toEqual([200, 200]);
        await assign(id, p.worker);
        const assignedAt = (await openAssignment(disclosureId))!.assigned_at;

        const event = await mine.next(
          (m) => m.event === 'disclosure' && JSON.parse(m.data).disclosureId === disclosureId,
        );
        expect(JSON.parse(event.data)).toEqual({ disclosureId, category: 'referral' });

        const inbox = await http().get('/api/v1/inbox').set('Authorization', `Bearer ${workerToken}`);
        expect(inbox.status).toBe(200);
        expect(inbox.body.items).toHaveLength(1);
        expect(inbox.body.items[0]).toMatchObject({
          disclosureId,
          category: 'referral',
          referralId: id,
          acknowledgedAt: null,
          ackDueAt: new Date(assignedAt.getTime() + ACK_HOURS * HOUR_MS).toISOString(),
        });
        expect(
          (
            await http().get('/api/v1/inbox?filter=unacknowledged').set('Authorization', `Bearer ${workerToken}`)
          ).body.items.map((i: { disclosureId: string }) => i.disclosureId),
        ).toEqual([disclosureId]);
        // The inbox item opens without the sealed payload; the referral itself is read through its own route.
        const item = await http().get(`/api/v1/inbox/${disclosureId}`).set('Authorization', `Bearer ${workerToken}`);
        expect(item.status).toBe(200);
        expect(item.body).toMatchObject({ disclosureId, referralId: id, payload: null });
        expect(
          (await http().get(`/api/v1/referrals/${id}`).set('Authorization', `Bearer ${workerToken}`)).body.person.name,
        ).toBe('Tomas Greer');

        // Every job the assignment caused has run, and a heartbeat written after that has arrived on both streams.
        await drained();
        await Promise.all([mine.nextComment('heartbeat', 10_000), others.nextComment('heartbeat', 10_000)]);
        const toWorker = mailsTo(p.worker);
        expect(toWorker).toHaveLength(1);
        expect(toWorker[0]!.subject).toBe('Something was assigned to you in Accord');
        expect(toWorker[0]!.text).toContain('https://accord.example.org/inbox');
        for (const word of [...FORBIDDEN_IN_EMAIL, 'Tomas', 'Greer', id, disclosureId])
          expect(`${toWorker[0]!.subject}\n${toWorker[0]!.raw}`).not.toContain(word);
        // The ledger holds the send under the assignment, so a re-run job never sends it again.
        const assignment = (await openAssignment(disclosureId))!;
        expect(
          (
            await owner.query(
              `SELECT channel, recipient_id, occasion, status FROM notification_sends WHERE disclosure_id = $1
              AND recipient_id = $2`,
              [disclosureId, p.worker.id],
            )
          ).rows,
        ).toEqual([{ channel: 'email', recipient_id: p.worker.id, occasion: assignment.id, status: 'sent' }]);

        // The other worker: no inbox item, no event, no e-mail, and 404 on the item.
        expect(others.messages.filter((m) => m.data.includes(disclosureId))).toEqual([]);
        expect(mine.messages.filter((m) => m.data.includes(disclosureId)).length).toBeGreaterThanOrEqual(1);
        expect((await http().get('/api/v1/inbox').set('Authorization', `Bearer ${otherToken}`)).body.items).toEqual([]);
        expect(
          (await http().get(`/api/v1/inbox/${disclosureId}`).set('Authorization', `Bearer ${otherToken}`)).status,
        ).toBe(404);
        expect(
          (await http().post(`/api/v1/inbox/${disclosureId}/acknowledge`).set('Authorization', `Bearer ${otherToken}`))
            .status,
        ).toBe(404);
        expect(mailsTo(p.otherWorker)).toHaveLength(0);
      } finally {
        for (const stream of streams) stream.close();
      }
    },
    120_000,
  );

  it(
    'the worker acknowledges through the same endpoint as an alert: the first acknowledgement counts, the SLA is ' +
      'recorded, and the deadline passes without escalation',
    async () => {
      const { id, disclosureId } = await acceptedReferral('Ray Santos');
      await assign(id, p.worker);
      const assignedAt = (await openAssignment(disclosureId))!.assigned_at;
      clock.advance(2 * HOUR_MS);
      const workerToken = await login(app, clock, p.worker);
      const acknowledged = await http()
        .post(`/api/v1/inbox/${disclosureId}/acknowledge`)
        .set('Authorization', `Bearer ${workerToken}`);
      expect(acknowledged.status).toBe(200);
      expect(acknowledged.body).toMatchObject({
        disclosureId,
        referralId: id,
        acknowledgedAt: clock.now().toISOString(),
        ackDueAt: new Date(assignedAt.getTime() + ACK_HOURS * HOUR_MS).toISOString(),
        payload: null,
      });
      const again = await http()
        .post(`/api/v1/inbox/${disclosureId}/acknowledge`)
        .set('Authorization', `Bearer ${workerToken}`);
      expect(again.body.acknowledgedAt).toBe(acknowledged.body.acknowledgedAt);

      const assignment = (await openAssignment(disclosureId))!;
      expect(assignment).toMatchObject({ user_id: p.worker.id, sla_met: true, escalated_at: null });
      const audits = (
        await owner.query(
          `SELECT details FROM audit_entries WHERE action = 'disclosure.acknowledge' AND subject_id = $1`,
          [disclosureId],
        )
      ).rows;
      expect(audits).toHaveLength(1);
      expect(audits[0].details).toMatchObject({
        assignment: true,
        slaMet: true,
        secondsToAcknowledge: expect.any(Number),
      });
      // The organization's acknowledgement (the manager's acceptance) is the police's to see and stays as it was.
      expect(
        (await owner.query(`SELECT acknowledged_by FROM disclosures WHERE id = $1`, [disclosureId])).rows[0]
          .acknowledged_by,
      ).toBe(p.manager.id);
      expect(
        (
          await http().get('/api/v1/inbox?filter=unacknowledged').set('Authorization', `Bearer ${workerToken}`)
        ).body.items.map((i: { disclosureId: string }) => i.disclosureId),
      ).not.toContain(disclosureId);

      clock.advance(ACK_HOURS * HOUR_MS);
      await drained();
      const mailsBefore = smtp.mails.length;
      await runDeadline(disclosureId, assignment.id);
      expect(smtp.mails.slice(mailsBefore)).toEqual([]);
      expect(
        (
          await owner.query(
            `SELECT count(*)::int AS n FROM audit_entries WHERE action = 'disclosure.escalate' AND subject_id = $1`,
            [disclosureId],
          )
        ).rows[0].n,
      ).toBe(0);
      expect(await app.get(EscalationService).escalate({ disclosureId, assignmentId: assignment.id })).toBe(
        'acknowledged',
      );
    },
    120_000,
  );

  it(
    'unacknowledged past the deadline it is escalated to the program managers once, by e-mail, and recorded; a ' +
      'late acknowledgement misses the SLA',
    async () => {
      const { id, disclosureId } = await acceptedReferral('Nia Carver');
      await assign(id, p.worker);
      await drained();
      const assignment = (await openAssignment(disclosureId))!;
      const managerMails = mailsTo(p.manager).length;

      clock.advance(ACK_HOURS * HOUR_MS + 5 * 60_000);
      await runDeadline(disclosureId, assignment.id);

      const escalations = mailsTo(p.manager).slice(managerMails);
      expect(escalations.map((m) => m.subject)).toEqual(['An assignment in Accord is waiting for acknowledgement']);
      for (const word of [...FORBIDDEN_IN_EMAIL, 'Nia', 'Carver', id, disclosureId])
        expect(`${escalations[0]!.subject}\n${escalations[0]!.raw}`).not.toContain(word);
      expect(
        smtp.mails.filter((m) => m.subject.startsWith('An assignment') && !m.to.includes(p.manager.email)),
      ).toEqual([]);
      const escalated = (await openAssignment(disclosureId))!;
      expect(escalated.escalated_at).not.toBeNull();
      const audits = (
        await owner.query(
          `SELECT reason, details FROM audit_entries WHERE action = 'disclosure.escalate' AND subject_id = $1`,
          [disclosureId],
        )
      ).rows;
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({
        reason: 'ACKNOWLEDGEMENT_OVERDUE',
        details: {
          assignment: true,
          escalationRole: 'program_manager',
          notified: 1,
          minutesOverdue: expect.any(Number),
        },
      });
      // A repeat of the job changes nothing and sends nothing more.
      expect(await app.get(EscalationService).escalate({ disclosureId, assignmentId: assignment.id })).toBe(
        'already-escalated',
      );
      expect(mailsTo(p.manager).slice(managerMails)).toHaveLength(1);

      const late = await http()
        .post(`/api/v1/inbox/${disclosureId}/acknowledge`)
        .set('Authorization', `Bearer ${await login(app, clock, p.worker)}`);
      expect(late.status).toBe(200);
      expect((await openAssignment(disclosureId))!.sla_met).toBe(false);
    },
    120_000,
  );

  it(
    're-assigning moves it: the first worker loses it and its deadline, the second gets it with one e-mail of ' +
      'their own; the assignee’s first step acknowledges it',
    async () => {
      const { id, disclosureId } = await acceptedReferral('Luis Ortega');
      await assign(id, p.worker);
      const first = (await openAssignment(disclosureId))!;
      await assign(id, p.otherWorker);
      await drained();
      const second = (await openAssignment(disclosureId))!;
      expect(second.user_id).toBe(p.otherWorker.id);

      expect(
        (
          await http()
            .get('/api/v1/inbox')
            .set('Authorization', `Bearer ${await login(app, clock, p.worker)}`)
        ).body.items.map((i: { disclosureId: string }) => i.disclosureId),
      ).not.toContain(disclosureId);
      const otherToken = await login(app, clock, p.otherWorker);
      expect(
        (await http().get('/api/v1/inbox').set('Authorization', `Bearer ${otherToken}`)).body.items.map(
          (i: { disclosureId: string }) => i.disclosureId,
        ),
      ).toEqual([disclosureId]);
      expect(mailsTo(p.otherWorker)).toHaveLength(1);
      expect(await app.get(EscalationService).escalate({ disclosureId, assignmentId: first.id })).toBe(
        'assignment-ended',
      );

      // Recording a contact attempt is the assignee's acknowledgement when they had not given it.
      expect(
        (
          await http()
            .post(`/api/v1/referrals/${id}/transitions`)
            .set('Authorization', `Bearer ${otherToken}`)
            .send({ to: 'contact_attempted' })
        ).status,
      ).toBe(200);
      expect((await openAssignment(disclosureId))!).toMatchObject({ id: second.id, sla_met: true });
    },
    120_000,
  );
});
