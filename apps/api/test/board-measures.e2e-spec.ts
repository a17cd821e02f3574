import request from 'supertest';
import { DataSource } from 'typeorm';
import { OrgKind, Role } from '@accord/policy';
import {
  createTestDatabase,
  type EnrolledUser,
  invite,
  login,
  organizationWithAdmin,
  recordAndShare,
  sampleIncident,
  type TestDatabase,
  type TwoWayPartnership,
  twoWayPartnership,
  waitForDeliveries,
} from '@accord/testing';
import { startApiWithClock } from './test-api';

/**
 * Issue 16: the board's measures. Each figure of the report is computed again here from the rows
 * the API wrote — read with plain SQL, aggregated in this file (not with the service's queries) —
 * and suppressed by the documented rules (docs/reports.md): counts of 1–2 as "<3", a median from 5
 * values, a p90 from 10. Then the review sign-off and who may reach it.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Count = number | '<3';
const count = (n: number): Count => (n > 0 && n < 3 ? '<3' : n);
/** PostgreSQL's percentile_cont: linear interpolation between the closest ranks. */
function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = p * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}
const round = (v: number | null) => (v === null ? null : Math.round(v));
const timing = (values: number[]) => ({
  sample: count(values.length),
  medianSeconds: values.length >= 5 ? round(percentile(values, 0.5)) : null,
  p90Seconds: values.length >= 10 ? round(percentile(values, 0.9)) : null,
});
/** Counted in the documented bands (docs/reports.md): up to 15 min, 30 min, 1 h, 2 h, 4 h, 8 h, 24 h, 3 days, more. */
const BANDS = [900, 1800, 3600, 7200, 14_400, 28_800, 86_400, 259_200];
const bands = (values: number[]) =>
  [...BANDS, null].map((upTo, i) => ({
    upToSeconds: upTo,
    count: count(
      values.filter((v) => (upTo === null ? v > BANDS.at(-1)! : v <= upTo && (i === 0 || v > BANDS[i - 1]!))).length,
    ),
  }));
const medianOf = (values: number[]) => (values.length >= 5 ? round(percentile(values, 0.5)) : null);
const seconds = (a: Date | string, b: Date | string) => (new Date(b).getTime() - new Date(a).getTime()) / 1000;
const within = (t: Date | string | null, from: Date, to: Date) =>
  t !== null && new Date(t).getTime() >= from.getTime() && new Date(t).getTime() < to.getTime();

describe('board measures and review sign-off (issue 16)', () => {
  let db: TestDatabase;
  let p: TwoWayPartnership;
  let ds: DataSource;
  let agreementId: string;
  let policeOrgId: string;
  let policeBoard: EnrolledUser;
  let partnerBoard: EnrolledUser;
  let otherBoard: EnrolledUser;
  let foreignBoard: EnrolledUser;
  /** The period under review: from a day before the clock's start to a day after the real now (audit time). */
  const start = new Date(Date.now() - 20 * DAY);
  const from = new Date(start.getTime() - DAY);
  const to = new Date(Date.now() + DAY);
  const prevFrom = new Date(2 * from.getTime() - to.getTime());
  const period = `from=${from.toISOString()}&to=${to.toISOString()}`;
  const http = () => request(p.app.getHttpServer());
  const bearer = async (user: EnrolledUser) => ({ Authorization: `Bearer ${await login(p.app, p.clock, user)}` });

  async function activeAgreement(title: string, boardMemberIds: string[]): Promise<string> {
    const police = await bearer(p.policeAdmin);
    const created = await http()
      .post('/api/v1/agreements')
      .set(police)
      .send({ counterpartOrgId: p.partnerOrgId, title, templateKey: 'two-way-referrals-and-status', boardMemberIds });
    const versionId = created.body.versions[0].id as string;
    await http().post(`/api/v1/agreement-versions/${versionId}/propose`).set(police);
    await http().post(`/api/v1/agreement-versions/${versionId}/approve`).set(police);
    const approved = await http()
      .post(`/api/v1/agreement-versions/${versionId}/approve`)
      .set(await bearer(p.partnerAdmin));
    expect(approved.body.status).toBe('active');
    return created.body.id as string;
  }

  /** Shares an incident that occurred `hoursBefore` the clock's now; returns this agreement's alert. */
  async function shareIncident(hoursBefore: number, narrative = 'Dispute near the park.', redact = false) {
    const occurredAt = new Date(p.clock.now().getTime() - hoursBefore * HOUR).toISOString();
    const liaison = await login(p.app, p.clock, p.liaison);
    const { disclosureIds } = await recordAndShare(
      p.app,
      liaison,
      { ...sampleIncident(narrative), occurredAt },
      redact,
    );
    const [row] = await ds.query(`SELECT id FROM disclosures WHERE id = ANY($1::uuid[]) AND agreement_id = $2`, [
      disclosureIds,
      agreementId,
    ]);
    return { id: row.id as string, occurredAt };
  }

  async function acknowledge(disclosureId: string) {
    await waitForDeliveries(ds);
    const res = await http()
      .post(`/api/v1/inbox/${disclosureId}/acknowledge`)
      .set(await bearer(p.worker));
    expect(res.status).toBe(200);
  }

  async function respond(disclosureId: string, body: object) {
    const res = await http()
      .put(`/api/v1/inbox/${disclosureId}/response`)
      .set(await bearer(p.worker))
      .send(body);
    expect(res.status).toBe(200);
  }

  async function refer(consentExpiresInDays: number): Promise<string> {
    const givenOn = p.clock.now().toISOString().slice(0, 10);
    const expiresOn = new Date(p.clock.now().getTime() + consentExpiresInDays * DAY).toISOString().slice(0, 10);
    const res = await http()
      .post('/api/v1/referrals')
      .set(await bearer(p.liaison))
      .send({
        agreementId,
        person: { name: 'Tavon Example', contact: '312-555-0177', age: 19, reason: 'Referred after the shooting' },
        consent: { basis: 'written', givenOn, expiresOn },
      });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  async function step(referralId: string, user: EnrolledUser, to: string, extra: object = {}) {
    const res = await http()
      .post(`/api/v1/referrals/${referralId}/transitions`)
      .set(await bearer(user))
      .send({ to, ...extra });
    expect({ to, status: res.status }).toEqual({ to, status: 200 });
  }

  beforeAll(async () => {
    db = await createTestDatabase('boardmeasures');
    const { app, clock } = await startApiWithClock(
      db,
      { LOGIN_THROTTLE_MAX_ATTEMPTS: '100000' },
      {
        now: new Date(prevFrom.getTime() + DAY),
      },
    );
    p = await twoWayPartnership(app, clock);
    ds = app.get(DataSource);
    policeBoard = await invite(app, clock, await login(app, clock, p.policeAdmin), 'board@eastside-pd.test', [
      Role.BoardMember,
    ]);
    partnerBoard = await invite(app, clock, await login(app, clock, p.partnerAdmin), 'board@safestreets.test', [
      Role.BoardMember,
    ]);
    // On neither agreement's board, though a board member of a party.
    otherBoard = await invite(app, clock, await login(app, clock, p.partnerAdmin), 'board2@safestreets.test', [
      Role.BoardMember,
    ]);
    const outsider = await organizationWithAdmin(app, clock, 'Unrelated', OrgKind.Community, 'admin@unrelated.test');
    foreignBoard = await invite(app, clock, await login(app, clock, outsider.admin), 'board@unrelated.test', [
      Role.BoardMember,
    ]);
    agreementId = await activeAgreement('Measured partnership', [policeBoard.id, partnerBoard.id]);
    [{ police_org_id: policeOrgId }] = await ds.query(`SELECT police_org_id FROM agreements WHERE id = $1`, [
      agreementId,
    ]);

    // The previous period: three alerts, two acknowledged.
    p.clock.advance(DAY);
    const earlier = [];
    for (const hours of [3, 5, 8]) {
      earlier.push(await shareIncident(hours));
      p.clock.advance(HOUR);
    }
    p.clock.advance(30 * 60_000);
    await acknowledge(earlier[0]!.id);
    await acknowledge(earlier[1]!.id);

    // This period: seven alerts a day apart, one shared with redaction.
    p.clock.set(start);
    const alerts = [];
    for (const [i, hours] of [1, 2, 3, 5, 8, 13, 21].entries()) {
      p.clock.advance(DAY);
      alerts.push(
        await shareIncident(hours, i === 2 ? 'Cousin at 312-555-0187 saw it.' : 'Dispute near the park.', i === 2),
      );
    }
    // Six acknowledgements at growing delays (the last ones after the 4 h deadline).
    for (const [i, minutes] of [10, 25, 40, 90, 300, 600].entries()) {
      p.clock.advance(minutes * 60_000);
      await acknowledge(alerts[i]!.id);
    }
    const at = (iso: string, hours: number) => new Date(new Date(iso).getTime() + hours * HOUR).toISOString();
    const now = p.clock.now().getTime();
    // A walk within 24 h with a follow-up done on time; a walk a day and a half late, its follow-up done late;
    // a hospital visit whose follow-up is overdue; a visit with a follow-up still to come; and "did not respond".
    await respond(alerts[0]!.id, {
      responded: true,
      responseTypes: ['post_incident_walk'],
      startedAt: at(alerts[0]!.occurredAt, 5),
      endedAt: at(alerts[0]!.occurredAt, 7),
      followUpDueAt: new Date(now - 2 * DAY).toISOString(),
      followUpDoneAt: new Date(now - 3 * DAY).toISOString(),
    });
    await respond(alerts[1]!.id, {
      responded: true,
      responseTypes: ['post_incident_walk', 'family_contact'],
      startedAt: at(alerts[1]!.occurredAt, 36),
      endedAt: at(alerts[1]!.occurredAt, 38.5),
      followUpDueAt: new Date(now - 2 * DAY).toISOString(),
      followUpDoneAt: new Date(now - DAY).toISOString(),
    });
    await respond(alerts[2]!.id, {
      responded: true,
      responseTypes: ['hospital_visit'],
      startedAt: at(alerts[2]!.occurredAt, 2),
      endedAt: at(alerts[2]!.occurredAt, 3),
      followUpDueAt: new Date(now - HOUR).toISOString(),
    });
    await respond(alerts[3]!.id, {
      responded: true,
      responseTypes: ['hospital_visit'],
      startedAt: at(alerts[3]!.occurredAt, 1),
      endedAt: at(alerts[3]!.occurredAt, 4),
      followUpDueAt: new Date(now + 5 * HOUR).toISOString(),
    });
    await respond(alerts[4]!.id, { responded: false });

    // Referrals: one engaged then closed, one unable to reach, one declined, one still waiting.
    const engaged = await refer(10);
    const unreachable = await refer(20);
    const declined = await refer(60);
    await refer(45);
    for (const id of [engaged, unreachable]) {
      await step(id, p.manager, 'accepted');
      await step(id, p.manager, 'assigned', { assigneeId: p.worker.id });
      await step(id, p.worker, 'contact_attempted');
    }
    await step(unreachable, p.worker, 'contact_attempted');
    await step(unreachable, p.worker, 'unable_to_reach');
    await step(engaged, p.worker, 'engaged');
    await step(engaged, p.worker, 'closed');
    await step(declined, p.manager, 'declined', { declineReason: 'at_capacity' });
    // Free text with identifiers, not redacted: the share and the concern are refused, and the refusals counted.
    const liaison = await bearer(p.liaison);
    const unscreened = await http()
      .post('/api/v1/incidents')
      .set(liaison)
      .send({ ...sampleIncident('Call his cousin at 312-555-0187.'), occurredAt: p.clock.now().toISOString() });
    expect(unscreened.status).toBe(201);
    const refusedShare = await http()
      .post(`/api/v1/incidents/${unscreened.body.id}/share`)
      .set(liaison)
      .send({ redact: false });
    expect(refusedShare.body.error.code).toBe('IDENTIFIERS_FOUND');
    const refusedConcern = await http()
      .post('/api/v1/community-concerns')
      .set(await bearer(p.manager))
      .send({
        agreementId,
        concernType: 'rising_tension',
        area: 'D14',
        occurredAt: p.clock.now().toISOString(),
        narrative: 'Ask Dre at 312-555-0101 about tonight.',
      });
    expect(refusedConcern.body.error.code).toBe('IDENTIFIERS_FOUND');
    // A refused forward, a concern back to the police, and a legal hold.
    expect(
      (
        await http()
          .post(`/api/v1/referrals/${engaged}/forward`)
          .set(await bearer(p.manager))
          .send({ targetOrgId: outsider.orgId })
      ).status,
    ).toBe(403);
    const concern = await http()
      .post('/api/v1/community-concerns')
      .set(await bearer(p.manager))
      .send({ agreementId, concernType: 'rising_tension', area: 'D14', occurredAt: p.clock.now().toISOString() });
    expect(concern.status).toBe(201);
    const hold = await http()
      .post(`/api/v1/agreements/${agreementId}/legal-holds`)
      .set(await bearer(p.partnerAdmin))
      .send({ reason: 'litigation' });
    expect(hold.status).toBe(201);
    await waitForDeliveries(ds);
  }, 240_000);

  afterAll(async () => {
    await p?.app.close();
    await db?.drop();
  });

  /** The measures of [a, b) recomputed from the rows: plain SELECTs, aggregated here. */
  async function expectedMeasures(a: Date, b: Date, stepsReleased: boolean) {
    const alerts: {
      id: string;
      source_id: string;
      created_at: Date;
      acknowledged_at: Date | null;
      occurred_at: Date;
    }[] = await ds.query(
      `SELECT d.id, d.source_id, d.created_at, d.acknowledged_at, i.occurred_at FROM disclosures d
         JOIN incidents i ON i.id = d.source_id
         WHERE d.agreement_id = $1 AND d.category = 'incident_notification' AND d.revision = 1`,
      [agreementId],
    );
    const inPeriod = alerts.filter((d) => within(d.created_at, a, b));
    const responses: {
      disclosure_id: string;
      responded: boolean;
      response_types: string[];
      started_at: Date | null;
      ended_at: Date | null;
      follow_up_due_at: Date | null;
      follow_up_done_at: Date | null;
    }[] = await ds.query(
      `SELECT r.* FROM disclosure_responses r JOIN disclosures d ON d.id = r.disclosure_id WHERE d.agreement_id = $1`,
      [agreementId],
    );
    const responseOf = (id: string) => responses.find((r) => r.disclosure_id === id);
    const answered = inPeriod.flatMap((d) => {
      const r = responseOf(d.id);
      return r ? [{ ...r, occurred_at: d.occurred_at }] : [];
    });
    const stays = answered.filter((r) => r.started_at && r.ended_at).map((r) => seconds(r.started_at!, r.ended_at!));
    const walks = answered.filter((r) => r.response_types.includes('post_incident_walk'));
    const due = responses.filter((r) => within(r.follow_up_due_at, a, b));
    const referrals: { id: string; status: string; decline_reason: string | null; created_at: Date }[] = await ds.query(
      `SELECT id, status, decline_reason, created_at FROM referrals WHERE agreement_id = $1`,
      [agreementId],
    );
    const sent = referrals.filter((r) => within(r.created_at, a, b));
    const trail: { subject_id: string; action: string; to: string | null; occurred_at: Date }[] = await ds.query(
      `SELECT subject_id, action, details->>'to' AS to, occurred_at FROM audit_entries
       WHERE stream = $1 AND subject_type = 'Referral' AND action IN ('referral.create', 'referral.transition')
         AND outcome IN ('allowed', 'success') ORDER BY seq`,
      [`agreement:${agreementId}`],
    );
    const stateStays = new Map<string, number[]>();
    const firstContact: number[] = [];
    const reached = (id: string, state: string) => trail.some((e) => e.subject_id === id && e.to === state);
    for (const r of sent) {
      const own = trail
        .filter((e) => e.subject_id === r.id)
        .map((e) => ({ state: e.action === 'referral.create' ? 'sent' : e.to!, at: e.occurred_at }));
      const changes = own.filter((e, i) => i === 0 || own[i - 1]!.state !== e.state);
      changes.forEach((c, i) => {
        const next = changes[i + 1];
        if (next) stateStays.set(c.state, [...(stateStays.get(c.state) ?? []), seconds(c.at, next.at)]);
      });
      const attempt = own.find((e) => e.state === 'contact_attempted');
      if (attempt) firstContact.push(seconds(own[0]!.at, attempt.at));
    }
    const entries: { action: string; outcome: string; reason: string | null; redactions: string | null }[] =
      await ds.query(
        `SELECT action, outcome, reason, details->>'redactions' AS redactions FROM audit_entries
         WHERE stream = $1 AND occurred_at >= $2 AND occurred_at < $3`,
        [`agreement:${agreementId}`, a, b],
      );
    const holdsBefore: { action: string }[] = await ds.query(
      `SELECT action FROM audit_entries WHERE stream = $1 AND action LIKE 'legal_hold.%' AND occurred_at < $2`,
      [`agreement:${agreementId}`, b],
    );
    const purged: { n: number }[] = await ds.query(
      `SELECT count(*)::int AS n FROM disclosures WHERE agreement_id = $1 AND purged_at >= $2 AND purged_at < $3`,
      [agreementId, a, b],
    );
    const all: {
      category: string;
      sender_org_id: string;
      created_at: Date;
      acknowledged_at: Date | null;
      sla_met: boolean | null;
      escalated_at: Date | null;
    }[] = await ds.query(`SELECT * FROM disclosures WHERE agreement_id = $1 AND revision = 1`, [agreementId]);
    const steps = (n: number) => (stepsReleased ? count(n) : null);
    const redactions = entries
      .filter((e) => e.action === 'disclosure.create')
      .map((e) => Number(e.redactions ?? 0))
      .filter((n) => n > 0);
    const toShare = inPeriod.map((d) => seconds(d.occurred_at, d.created_at));
    const toAck = inPeriod.filter((d) => d.acknowledged_at).map((d) => seconds(d.created_at, d.acknowledged_at!));
    return {
      from: a.toISOString(),
      to: b.toISOString(),
      timings: {
        incidentToShare: timing(toShare),
        shareToAcknowledgement: timing(toAck),
        referralToFirstContactAttempt: stepsReleased ? timing(firstContact) : null,
      },
      distributions: {
        incidentToShare: bands(toShare),
        shareToAcknowledgement: bands(toAck),
        referralToFirstContactAttempt: stepsReleased ? bands(firstContact) : [],
      },
      responses: {
        alerts: count(inPeriod.length),
        recorded: count(answered.length),
        recordedPercent: inPeriod.length >= 3 ? Math.round((1000 * answered.length) / inPeriod.length) / 10 : null,
        responded: count(answered.filter((r) => r.responded).length),
        stays: count(stays.length),
        stayTotalSeconds: stays.length >= 3 ? Math.round(stays.reduce((s, v) => s + v, 0)) : null,
        stayMedianSeconds: medianOf(stays),
        walks: count(walks.length),
        walksWithin24h: count(
          walks.filter((r) => r.started_at && seconds(r.occurred_at, r.started_at) <= 24 * 3600).length,
        ),
        followUpsDue: count(due.length),
        followUpsDoneOnTime: count(
          due.filter((r) => r.follow_up_done_at && r.follow_up_done_at <= r.follow_up_due_at!).length,
        ),
        followUpsDoneLate: count(
          due.filter((r) => r.follow_up_done_at && r.follow_up_done_at > r.follow_up_due_at!).length,
        ),
        followUpsOverdue: count(due.filter((r) => !r.follow_up_done_at && r.follow_up_due_at! < p.clock.now()).length),
      },
      referrals: {
        stepsReleased,
        sent: count(sent.length),
        retracted: count(sent.filter((r) => r.status === 'retracted').length),
        accepted: steps(sent.filter((r) => !['sent', 'retracted', 'declined'].includes(r.status)).length),
        declined: steps(sent.filter((r) => r.status === 'declined').length),
        declinedByReason: stepsReleased
          ? [...new Set(sent.filter((r) => r.status === 'declined').map((r) => r.decline_reason!))]
              .sort()
              .map((reason) => ({
                reason,
                count: count(sent.filter((r) => r.status === 'declined' && r.decline_reason === reason).length),
              }))
          : [],
        contactAttempted: steps(
          sent.filter(
            (r) =>
              ['contact_attempted', 'engaged', 'unable_to_reach', 'refused_services'].includes(r.status) ||
              reached(r.id, 'contact_attempted'),
          ).length,
        ),
        engaged: steps(sent.filter((r) => r.status === 'engaged' || reached(r.id, 'engaged')).length),
        unableToReach: steps(
          sent.filter((r) => r.status === 'unable_to_reach' || reached(r.id, 'unable_to_reach')).length,
        ),
        refusedServices: steps(
          sent.filter((r) => r.status === 'refused_services' || reached(r.id, 'refused_services')).length,
        ),
        closed: steps(sent.filter((r) => r.status === 'closed').length),
        timeInState: stepsReleased
          ? [...stateStays.keys()].sort().map((status) => ({
              status,
              stays: count(stateStays.get(status)!.length),
              medianSeconds: medianOf(stateStays.get(status)!),
            }))
          : [],
      },
      safeguards: {
        denials: count(entries.filter((e) => e.outcome === 'denied').length),
        refusedForwardingAttempts: count(
          entries.filter((e) => e.action === 'referral.forward' && e.outcome === 'denied').length,
        ),
        identifierRefusals: count(
          entries.filter((e) => e.outcome === 'denied' && e.reason === 'IDENTIFIERS_FOUND').length,
        ),
        redactedShares: count(redactions.length),
        redactions: count(redactions.reduce((s, n) => s + n, 0)),
        disclosuresPurged: count(purged[0]!.n),
        legalHoldsSet: count(entries.filter((e) => e.action === 'legal_hold.set').length),
        legalHoldsLifted: count(entries.filter((e) => e.action === 'legal_hold.lift').length),
        legalHoldsInForceAtEnd:
          holdsBefore.filter((e) => e.action === 'legal_hold.set').length -
          holdsBefore.filter((e) => e.action === 'legal_hold.lift').length,
      },
      directions: (
        [
          ['incident_notification', 'police_to_partner'],
          ['referral', 'police_to_partner'],
          ['community_concern', 'partner_to_police'],
          ['referral_status', 'partner_to_police'],
        ] as const
      ).map(([category, direction]) => {
        const rows = all.filter(
          (d) =>
            d.category === category &&
            (d.sender_org_id === policeOrgId) === (direction === 'police_to_partner') &&
            within(d.created_at, a, b),
        );
        const hidden = category === 'referral' && !stepsReleased;
        const acked = hidden ? [] : rows.filter((d) => d.acknowledged_at);
        return {
          category,
          direction,
          shared: count(rows.length),
          acknowledged: count(acked.length),
          acknowledgedInTime: count(hidden ? 0 : rows.filter((d) => d.sla_met).length),
          escalated: count(hidden ? 0 : rows.filter((d) => d.escalated_at).length),
          medianSecondsToAcknowledge: medianOf(acked.map((d) => seconds(d.created_at, d.acknowledged_at!))),
        };
      }),
    };
  }

  it('gives every measure of the period and of the period before exactly as the rows say, to both boards', async () => {
    for (const board of [partnerBoard, policeBoard]) {
      const res = await http()
        .get(`/api/v1/agreements/${agreementId}/report?${period}`)
        .set(await bearer(board));
      expect(res.status).toBe(200);
      // The two-way template sends status back, so the police's board sees the partner's steps too.
      expect(res.body.measures).toEqual(await expectedMeasures(from, to, true));
      expect(res.body.previous).toEqual(await expectedMeasures(prevFrom, from, true));
      expect(res.body.slaTargetHours).toBe(4);
      expect(res.body.slaTargets).toEqual(
        expect.arrayContaining([
          { category: 'incident_notification', direction: 'police_to_partner', hours: 4 },
          { category: 'community_concern', direction: 'partner_to_police', hours: 24 },
        ]),
      );
    }
  });

  it('shows what was seeded, small counts suppressed and medians only from five values', async () => {
    const res = await http()
      .get(`/api/v1/agreements/${agreementId}/report?${period}`)
      .set(await bearer(partnerBoard));
    const m = res.body.measures;
    expect(m.responses).toMatchObject({
      alerts: 7,
      recorded: 5,
      responded: 4,
      walks: '<3',
      walksWithin24h: '<3',
      followUpsDue: 4,
      followUpsDoneOnTime: '<3',
      followUpsDoneLate: '<3',
      followUpsOverdue: '<3',
    });
    // Six acknowledgements: a median, no 90th percentile (that needs ten).
    expect(m.timings.shareToAcknowledgement).toEqual({
      sample: 6,
      medianSeconds: expect.any(Number),
      p90Seconds: null,
    });
    // Two first contact attempts: neither a median nor a p90, and the sample itself is suppressed.
    expect(m.timings.referralToFirstContactAttempt).toEqual({ sample: '<3', medianSeconds: null, p90Seconds: null });
    expect(m.referrals).toMatchObject({ sent: 4, accepted: '<3', declined: '<3', engaged: '<3', closed: '<3' });
    expect(m.referrals.declinedByReason).toEqual([{ reason: 'at_capacity', count: '<3' }]);
    expect(m.safeguards).toMatchObject({
      identifierRefusals: '<3',
      refusedForwardingAttempts: '<3',
      redactedShares: '<3',
      legalHoldsSet: '<3',
      legalHoldsInForceAtEnd: 1,
    });
    expect(res.body.previous.responses.alerts).toBe(3);
    expect(res.body.consentExpiringWithin30Days).toBe('<3');
  });

  it('counts consent ending within 30 days from the referral rows', async () => {
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM referrals WHERE agreement_id = $1 AND consent_withdrawn_at IS NULL
         AND status NOT IN ('retracted', 'declined', 'closed')
         AND consent_expires_on BETWEEN $2::date AND $2::date + 29`,
      [agreementId, p.clock.now().toISOString().slice(0, 10)],
    );
    const res = await http()
      .get(`/api/v1/agreements/${agreementId}/report?${period}`)
      .set(await bearer(policeBoard));
    expect(res.body.consentExpiringWithin30Days).toBe(count(n));
  });

  it('draws a weekly series whose points add up to the rows of each week', async () => {
    const res = await http()
      .get(`/api/v1/agreements/${agreementId}/report?${period}`)
      .set(await bearer(policeBoard));
    const { series } = res.body;
    expect(series.interval).toBe('week');
    expect(series.points).toHaveLength(Math.ceil((to.getTime() - from.getTime()) / (7 * DAY)));
    const alerts: { created_at: Date; acknowledged_at: Date | null; sla_met: boolean | null }[] = await ds.query(
      `SELECT created_at, acknowledged_at, sla_met FROM disclosures
       WHERE agreement_id = $1 AND category = 'incident_notification' AND revision = 1`,
      [agreementId],
    );
    const referrals: { created_at: Date }[] = await ds.query(
      `SELECT created_at FROM referrals WHERE agreement_id = $1`,
      [agreementId],
    );
    for (const point of series.points) {
      const [a, b] = [new Date(point.from), new Date(point.to)];
      const week = alerts.filter((d) => within(d.created_at, a, b));
      expect(point).toMatchObject({
        alerts: count(week.length),
        acknowledged: count(week.filter((d) => d.acknowledged_at).length),
        acknowledgedInTime: count(week.filter((d) => d.sla_met).length),
        referralsSent: count(referrals.filter((r) => within(r.created_at, a, b)).length),
      });
    }
    // A period over 92 days is drawn by month.
    const long = await http()
      .get(`/api/v1/agreements/${agreementId}/report?from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z`)
      .set(await bearer(policeBoard));
    expect(long.body.series.interval).toBe('month');
    expect(long.body.series.points).toHaveLength(12);
  });

  it('exports the measures in CSV, as in JSON', async () => {
    const board = await bearer(partnerBoard);
    const json = await http().get(`/api/v1/agreements/${agreementId}/report?${period}`).set(board);
    const csv = await http().get(`/api/v1/agreements/${agreementId}/report?${period}&format=csv`).set(board);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(`"measures.responses","alerts","${json.body.measures.responses.alerts}"`);
    expect(csv.text).toContain(
      `"measures.timings","shareToAcknowledgement/medianSeconds",` +
        `"${json.body.measures.timings.shareToAcknowledgement.medianSeconds}"`,
    );
    expect(csv.text).toContain(`"previous_measures.responses","alerts","3"`);
    expect(csv.text).toContain(`"measures.referrals.declined_by_reason","at_capacity","<3"`);
    expect(csv.text).toContain(`"sla_target_hours","incident_notification/police_to_partner","4"`);
    expect(csv.text).toContain(`"series_week","${json.body.series.points[0].from}/alerts"`);
    const band = json.body.measures.distributions.shareToAcknowledgement[0];
    expect(csv.text).toContain(`"measures.distributions","shareToAcknowledgement/900","${band.count}"`);
  });

  it('records a review sign-off, audited, seen by both boards and in the report; nothing else may', async () => {
    const partner = await bearer(partnerBoard);
    const comments = 'Reviewed at the December meeting: follow-ups are lagging, walks on time.';
    const signed = await http()
      .post(`/api/v1/agreements/${agreementId}/review-sign-offs`)
      .set(partner)
      .send({ from: from.toISOString(), to: to.toISOString(), comments });
    expect(signed.status).toBe(201);
    expect(signed.body).toEqual({
      id: expect.any(String),
      agreementId,
      from: from.toISOString(),
      to: to.toISOString(),
      orgId: p.partnerOrgId,
      comments,
      signedAt: p.clock.now().toISOString(),
    });
    // Audited, the comments' length only; the entry is the stream's last (appended last in its transaction).
    const [last] = await ds.query(
      `SELECT action, subject_id, actor_org_id, details FROM audit_entries WHERE stream = $1 ORDER BY seq DESC LIMIT 1`,
      [`agreement:${agreementId}`],
    );
    expect(last).toEqual({
      action: 'report.sign_off',
      subject_id: signed.body.id,
      actor_org_id: p.partnerOrgId,
      details: { from: from.toISOString(), to: to.toISOString(), commentChars: comments.length },
    });

    const police = await bearer(policeBoard);
    const listed = await http().get(`/api/v1/agreements/${agreementId}/review-sign-offs`).set(police);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([signed.body]);
    const report = await http().get(`/api/v1/agreements/${agreementId}/report?${period}`).set(police);
    expect(report.body.lastSignOff).toEqual(signed.body);
    // A later review is a new sign-off, listed first and now the last one.
    p.clock.advance(60_000);
    const again = await http()
      .post(`/api/v1/agreements/${agreementId}/review-sign-offs`)
      .set(police)
      .send({ from: from.toISOString(), to: to.toISOString() });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ orgId: policeOrgId, comments: null });
    const both = await http().get(`/api/v1/agreements/${agreementId}/review-sign-offs`).set(partner);
    expect(both.body.items.map((s: { id: string }) => s.id)).toEqual([again.body.id, signed.body.id]);

    // Bad input changes nothing.
    const rows = async () => (await ds.query(`SELECT count(*)::int AS n FROM review_sign_offs`))[0].n as number;
    const before = await rows();
    for (const body of [
      { from: to.toISOString(), to: from.toISOString() },
      { from: from.toISOString(), to: to.toISOString(), comments: 'x'.repeat(2001) },
      { from: 'yesterday', to: to.toISOString() },
    ]) {
      const res = await http().post(`/api/v1/agreements/${agreementId}/review-sign-offs`).set(partner).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toEqual(expect.any(String));
    }
    expect(await rows()).toBe(before);

    // Foreign organization's board, a party's board member not on this board: 404. Other roles: 403.
    for (const user of [foreignBoard, otherBoard]) {
      const token = await bearer(user);
      expect((await http().get(`/api/v1/agreements/${agreementId}/review-sign-offs`).set(token)).status).toBe(404);
      expect(
        (
          await http()
            .post(`/api/v1/agreements/${agreementId}/review-sign-offs`)
            .set(token)
            .send({ from: from.toISOString(), to: to.toISOString() })
        ).status,
      ).toBe(404);
    }
    for (const user of [p.liaison, p.worker, p.partnerAdmin]) {
      const token = await bearer(user);
      expect((await http().get(`/api/v1/agreements/${agreementId}/review-sign-offs`).set(token)).status).toBe(403);
      expect(
        (
          await http()
            .post(`/api/v1/agreements/${agreementId}/review-sign-offs`)
            .set(token)
            .send({ from: from.toISOString(), to: to.toISOString() })
        ).status,
      ).toBe(403);
    }
    expect(await rows()).toBe(before);
  });

  it('answers the report to no one else: foreign board 404, a party’s other board member 404, others 403', async () => {
    for (const user of [foreignBoard, otherBoard])
      expect(
        (
          await http()
            .get(`/api/v1/agreements/${agreementId}/report?${period}`)
            .set(await bearer(user))
        ).status,
      ).toBe(404);
    for (const user of [p.liaison, p.worker])
      expect(
        (
          await http()
            .get(`/api/v1/agreements/${agreementId}/report?${period}`)
            .set(await bearer(user))
        ).status,
      ).toBe(403);
  });

  it('holds no personal data in any board answer: report, CSV, series or sign-offs', async () => {
    for (const board of [policeBoard, partnerBoard]) {
      const token = await bearer(board);
      const answers = [
        await http().get(`/api/v1/agreements/${agreementId}/report?${period}`).set(token),
        await http().get(`/api/v1/agreements/${agreementId}/report?${period}&format=csv`).set(token),
        await http().get(`/api/v1/agreements/${agreementId}/review-sign-offs`).set(token),
      ];
      const text = answers.map((r) => (r.type === 'text/csv' ? r.text : JSON.stringify(r.body))).join('\n');
      for (const personal of [
        'Darnell',
        'Whitfield',
        'Marcus Bell',
        'Tavon',
        '312-555',
        'JA481220',
        'W Division',
        'Dispute near the park',
        'Referred after the shooting',
        p.worker.id,
        p.liaison.id,
        p.manager.id,
        policeBoard.id,
        partnerBoard.id,
        '@',
      ])
        expect({ board: board.email, personal, found: text.includes(personal) }).toEqual({
          board: board.email,
          personal,
          found: false,
        });
    }
  });
});
