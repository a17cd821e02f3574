import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ManualClock } from '@accord/identity';
import { Role } from '@accord/policy';
import {
  ENROLLMENT_SUBJECT,
  type EnrolledUser,
  createTestDatabase,
  invite,
  login,
  loginAs,
  type SmtpSink,
  smtpSink,
  type TestDatabase,
  type TwoWayPartnership,
  twoWayPartnership,
  runDelayedJob,
  waitForDeliveries,
} from '@accord/testing';
import { startApiWithClock } from './test-api';

const HOUR_MS = 3_600_000;
/** The two-way template's community-concern flow: acknowledge within 24 hours. */
const ACK_HOURS = 24;
const ESCALATION_SUBJECT = 'A community concern in Accord is waiting for acknowledgement';
/** What an escalation e-mail must never carry: the concern, the place, the organizations. */
const FORBIDDEN_IN_EMAIL = ['rising_tension', 'D14', 'walk', 'park', 'Eastside', 'Safe Streets'];

/**
 * Issue 15, "Community concerns inbox for the police": a two-way agreement is accountable both ways.
 * A concern the partner sends reaches the police liaison, who acknowledges it within the flow's
 * deadline and records the department's response; one left unacknowledged past its deadline is
 * escalated to the police organization's escalation role (its org admins: docs/sharing.md,
 * "Escalation") by a content-free e-mail — never to the partner's program managers. The real API
 * with its jobs in-process (no Redis), a real SMTP server and a clock the test moves.
 */
describe('community concerns: the police receive, acknowledge, respond, and are escalated to', () => {
  let db: TestDatabase;
  let smtp: SmtpSink;
  let clock: ManualClock;
  let app: NestExpressApplication;
  let p: TwoWayPartnership;
  let secondLiaison: EnrolledUser;
  let owner: Client;

  const drained = () => waitForDeliveries(app.get(DataSource));

  async function sendConcern(narrative: string): Promise<{ disclosureId: string; sentAt: number }> {
    const manager = await loginAs(app, clock, p.manager);
    const sent = await manager.post('/api/v1/community-concerns').send({
      agreementId: p.agreementId,
      concernType: 'rising_tension',
      area: 'D14',
      occurredAt: clock.now().toISOString(),
      narrative,
      requestedAction: 'coordinate a walk',
    });
    expect(sent.status).toBe(201);
    const sentAt = clock.now().getTime();
    await drained();
    return { disclosureId: sent.body.disclosureId as string, sentAt };
  }

  const disclosureRow = async (id: string) =>
    (
      await owner.query<{ acknowledged_at: Date | null; sla_met: boolean | null; escalated_at: Date | null }>(
        'SELECT acknowledged_at, sla_met, escalated_at FROM disclosures WHERE id = $1',
        [id],
      )
    ).rows[0]!;

  beforeAll(async () => {
    db = await createTestDatabase('concernstwoway');
    smtp = await smtpSink();
    const started = await startApiWithClock(
      db,
      { SMTP_URL: smtp.url, PUBLIC_BASE_URL: 'https://accord.example.org', LOGIN_THROTTLE_MAX_ATTEMPTS: '1000' },
      { now: new Date('2026-11-23T15:00:00Z') },
    );
    ({ app, clock } = started);
    p = await twoWayPartnership(app, clock);
    secondLiaison = await invite(app, clock, await login(app, clock, p.policeAdmin), 'liaison2@eastside-pd.test', [
      Role.PoliceLiaison,
    ]);
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
  }, 180_000);

  afterAll(async () => {
    await owner?.end();
    await app?.close();
    await smtp?.close();
    await db?.drop();
  });

  it('the liaison sees the concern, acknowledges it in time (SLA met) and records a response', async () => {
    const { disclosureId, sentAt } = await sendConcern('Tension rising near the park since Friday.');
    const inbox = await (await loginAs(app, clock, p.liaison)).get('/api/v1/inbox?filter=unacknowledged');
    expect(inbox.status).toBe(200);
    const item = inbox.body.items.find((i: { disclosureId: string }) => i.disclosureId === disclosureId);
    expect(item).toMatchObject({ category: 'community_concern', acknowledgedAt: null });
    expect(new Date(item.ackDueAt).getTime()).toBe(sentAt + ACK_HOURS * HOUR_MS);

    clock.advance(3 * HOUR_MS);
    // Signed in afresh: three hours is past the idle limit of a session.
    const liaison = await loginAs(app, clock, p.liaison);
    const acknowledged = await liaison.post(`/api/v1/inbox/${disclosureId}/acknowledge`);
    expect(acknowledged.status).toBe(200);
    expect(new Date(acknowledged.body.acknowledgedAt).getTime()).toBe(clock.now().getTime());
    expect(await disclosureRow(disclosureId)).toMatchObject({ sla_met: true, escalated_at: null });
    // The first acknowledgement counts for the department: the second liaison's changes nothing.
    const again = await (await loginAs(app, clock, secondLiaison)).post(`/api/v1/inbox/${disclosureId}/acknowledge`);
    expect(again.status).toBe(200);
    expect(again.body.acknowledgedAt).toBe(acknowledged.body.acknowledgedAt);

    const responded = await liaison.put(`/api/v1/inbox/${disclosureId}/response`).send({
      responded: true,
      responseTypes: ['post_incident_walk'],
      startedAt: clock.now().toISOString(),
    });
    expect(responded.status).toBe(200);
    expect(responded.body.response).toMatchObject({ responded: true, responseTypes: ['post_incident_walk'] });
    const audits = (
      await owner.query<{ action: string; details: Record<string, unknown> | null }>(
        `SELECT action, details FROM audit_entries WHERE subject_id = $1 AND action LIKE 'disclosure.%' ORDER BY seq`,
        [disclosureId],
      )
    ).rows;
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['disclosure.acknowledge', 'disclosure.response.record']),
    );
    expect(audits.find((a) => a.action === 'disclosure.acknowledge')!.details).toMatchObject({ slaMet: true });

    // The deadline job finds it acknowledged and does nothing: the acknowledgement is the cancellation.
    clock.advance(ACK_HOURS * HOUR_MS);
    await runDeadline(disclosureId);
    expect((await disclosureRow(disclosureId)).escalated_at).toBeNull();
  });

  it('the sender follows its concerns: when each was acknowledged and whether in time, never by whom', async () => {
    const { disclosureId, sentAt } = await sendConcern('Families near the school asking for a walk.');
    const manager = await loginAs(app, clock, p.manager);
    const before = await manager.get('/api/v1/community-concerns');
    expect(before.status).toBe(200);
    const sent = before.body.items.find((i: { disclosureId: string }) => i.disclosureId === disclosureId);
    expect(sent).toEqual({
      disclosureId,
      agreementId: p.agreementId,
      recipientOrgName: expect.any(String),
      concernType: 'rising_tension',
      area: 'D14',
      sentAt: expect.any(String),
      ackDueAt: new Date(sentAt + ACK_HOURS * HOUR_MS).toISOString(),
      acknowledgedAt: null,
      slaMet: null,
      escalatedAt: null,
    });
    // Newest first.
    expect(before.body.items[0].disclosureId).toBe(disclosureId);

    clock.advance(HOUR_MS);
    const liaison = await loginAs(app, clock, p.liaison);
    const acknowledgedAt = (await liaison.post(`/api/v1/inbox/${disclosureId}/acknowledge`)).body.acknowledgedAt;
    expect(acknowledgedAt).toEqual(expect.any(String));
    const after = await (await loginAs(app, clock, p.manager)).get('/api/v1/community-concerns');
    const acknowledged = after.body.items.find((i: { disclosureId: string }) => i.disclosureId === disclosureId);
    expect(acknowledged).toMatchObject({ acknowledgedAt, slaMet: true, escalatedAt: null });
    // Nothing of who acknowledged, nor of the police's response, reaches the sender.
    expect(JSON.stringify(after.body)).not.toContain(p.liaison.email);
    expect(Object.keys(acknowledged).sort()).toEqual(Object.keys(sent).sort());

    // The police sent no concern: their list is their own, empty; a role that sends nothing may not ask.
    const police = await liaison.get('/api/v1/community-concerns');
    expect(police.status).toBe(200);
    expect(police.body.items).toEqual([]);
    expect((await (await loginAs(app, clock, p.worker)).get('/api/v1/community-concerns')).status).toBe(403);
  });

  it('the partner cannot acknowledge or answer its own concern, nor can the police org admin', async () => {
    const { disclosureId } = await sendConcern('Families asking for a walk after the weekend.');
    const manager = await loginAs(app, clock, p.manager);
    expect((await manager.post(`/api/v1/inbox/${disclosureId}/acknowledge`)).status).toBe(404);
    expect((await manager.put(`/api/v1/inbox/${disclosureId}/response`).send({ responded: true })).status).toBe(404);
    const admin = await loginAs(app, clock, p.policeAdmin);
    expect((await admin.post(`/api/v1/inbox/${disclosureId}/acknowledge`)).status).toBe(403);
    expect((await disclosureRow(disclosureId)).acknowledged_at).toBeNull();
  });

  it('past 24 h an unacknowledged concern escalates to the police org admins alone, content-free', async () => {
    const { disclosureId } = await sendConcern('Rising tension near the park; asking to coordinate a walk.');
    const before = smtp.mails.length;
    clock.advance(ACK_HOURS * HOUR_MS + 60_000);
    await runDeadline(disclosureId);

    const row = await disclosureRow(disclosureId);
    expect(row.acknowledged_at).toBeNull();
    expect(new Date(row.escalated_at!).getTime()).toBe(clock.now().getTime());
    const audit = (
      await owner.query<{ outcome: string; reason: string; details: Record<string, unknown> }>(
        `SELECT outcome, reason, details FROM audit_entries WHERE action = 'disclosure.escalate' AND subject_id = $1`,
        [disclosureId],
      )
    ).rows;
    expect(audit).toEqual([
      expect.objectContaining({
        outcome: 'success',
        reason: 'ACKNOWLEDGEMENT_OVERDUE',
        details: expect.objectContaining({ escalationRole: Role.OrgAdmin, notified: 1, addedToInbox: 0 }),
      }),
    ]);

    const mails = smtp.mails.slice(before).filter((m) => m.subject !== ENROLLMENT_SUBJECT);
    expect(mails.map((m) => m.to)).toEqual([p.policeAdmin.email]);
    const [mail] = mails;
    expect(mail!.subject).toBe(ESCALATION_SUBJECT);
    expect(mail!.text).toContain('https://accord.example.org/');
    for (const word of [...FORBIDDEN_IN_EMAIL, disclosureId])
      expect(`${mail!.subject}\n${mail!.text}`).not.toContain(word);
    // Nobody of the partner is told of the police's overdue concern, and the org admin still cannot open it.
    for (const user of [p.manager, p.partnerAdmin, p.liaison, secondLiaison])
      expect(mails.some((m) => m.to.includes(user.email))).toBe(false);
    const admin = await loginAs(app, clock, p.policeAdmin);
    expect((await admin.get(`/api/v1/inbox/${disclosureId}`)).status).toBe(403);

    // Acknowledged late, it counts as a missed deadline.
    const liaison = await loginAs(app, clock, p.liaison);
    expect((await liaison.post(`/api/v1/inbox/${disclosureId}/acknowledge`)).status).toBe(200);
    expect((await disclosureRow(disclosureId)).sla_met).toBe(false);
  });

  /** The concern's deadline job, made due (the app's clock has already moved past the deadline) and run. */
  async function runDeadline(disclosureId: string): Promise<void> {
    // The escalation's e-mails go out within the job, after its commit: once it completed, they are in.
    await runDelayedJob(app.get(DataSource), `escalation.unacknowledged/${disclosureId}`);
    await drained();
  }
});
