import { Client } from 'pg';
import request from 'supertest';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ManualClock } from '@accord/identity';
import { ReferralMaintenanceService } from '@accord/referrals';
import { RetentionService } from '@accord/sharing';
import { OrgKind, Role } from '@accord/policy';
import {
  createTestDatabase,
  type EnrolledUser,
  eventually,
  invite,
  login,
  organizationWithAdmin,
  type TestDatabase,
} from '@accord/testing';
import { startApiWithClock } from './test-api';

const REFERRAL_FLOW = (audience: string[], age: 'exact' | 'band' = 'exact') => ({
  id: 'referrals',
  category: 'referral',
  from: 'police',
  to: 'partner',
  audience,
  conditions: { consentBases: ['written', 'verbal'] },
  fields: {
    name: 'include',
    contact: 'include',
    age,
    reason: 'screened',
    riskFactors: 'include',
    consentBasis: 'include',
  },
  consentRequired: true,
  retentionDays: 365,
  acknowledgeWithinHours: 24,
});
const STATUS_FLOW = {
  id: 'referral-status',
  category: 'referral_status',
  from: 'partner',
  to: 'police',
  audience: ['police_liaison'],
  fields: { status: 'coarse', updatedAt: 'day' },
  consentRequired: false,
  retentionDays: 365,
};
const CONCERN_FLOW = {
  id: 'community-concerns',
  category: 'community_concern',
  from: 'partner',
  to: 'police',
  audience: ['police_liaison'],
  fields: {
    concernType: 'include',
    area: 'area',
    occurredAt: 'day',
    narrative: 'screened',
    requestedAction: 'include',
  },
  consentRequired: false,
  retentionDays: 90,
  acknowledgeWithinHours: 24,
};

const PERSON = {
  name: 'Jalen Okafor-Reyes',
  contact: '312-555-0143',
  dateOfBirth: '2008-04-17',
  age: 18,
  reason: 'Shot at twice this month; friends talk of retaliation',
  riskFactors: ['prior_victimization', 'group_conflict'],
};
const CONSENT = { basis: 'written', givenOn: '2026-11-20', expiresOn: '2027-11-20' };
const PLAINTEXT = [
  'Jalen',
  'Okafor',
  '312-555-0143',
  '3125550143',
  '2008-04-17',
  'retaliation',
  'prior_victimization',
  'group_conflict',
];

describe('referrals and two-way flows end to end (jobs in-process)', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let clock: ManualClock;
  let owner: Client;
  let liaison: EnrolledUser;
  let policeAdminUser: EnrolledUser;
  let partnerAdminUser: EnrolledUser;
  let manager: EnrolledUser;
  let worker: EnrolledUser;
  let otherWorker: EnrolledUser;
  let oneWayManager: EnrolledUser;
  let twoWayAgreementId: string;
  let oneWayAgreementId: string;
  let policeOrgId: string;
  let oneWayOrgId: string;

  const http = () => request(app.getHttpServer());
  const as = async (user: EnrolledUser) => {
    const token = await login(app, clock, user);
    return {
      get: (path: string) => http().get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`),
      post: (path: string, body: object = {}) =>
        http().post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body),
    };
  };

  async function agree(
    policeAdmin: EnrolledUser,
    partnerAdmin: EnrolledUser,
    partnerOrgId: string,
    flows: object[],
  ): Promise<string> {
    const police = await as(policeAdmin);
    const created = await police.post('/agreements', {
      counterpartOrgId: partnerOrgId,
      title: 'Referrals',
      sharingParameters: { flows },
    });
    if (created.status !== 201) throw new Error(`agreement: ${JSON.stringify(created.body)}`);
    const versionId = created.body.versions[0].id as string;
    await police.post(`/agreement-versions/${versionId}/propose`);
    await police.post(`/agreement-versions/${versionId}/approve`);
    const approved = await (await as(partnerAdmin)).post(`/agreement-versions/${versionId}/approve`);
    if (approved.body.status !== 'active') throw new Error(`not active: ${JSON.stringify(approved.body)}`);
    return created.body.id as string;
  }

  const audits = async (action: string, outcome: string) =>
    (
      await owner.query<{ reason: string | null; agreement_id: string; actor_org_id: string }>(
        'SELECT reason, agreement_id, actor_org_id FROM audit_entries WHERE action = $1 AND outcome = $2',
        [action, outcome],
      )
    ).rows;

  beforeAll(async () => {
    db = await createTestDatabase('referralse2e');
    ({ app, clock } = await startApiWithClock(db, {}, { now: new Date('2026-11-23T15:00:00Z') }));
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    const police = await organizationWithAdmin(
      app,
      clock,
      'Eastside Police Department',
      OrgKind.Police,
      'admin@eastside-pd.test',
    );
    const partner = await organizationWithAdmin(
      app,
      clock,
      'Safe Streets Outreach',
      OrgKind.Community,
      'admin@safestreets.test',
    );
    const oneWay = await organizationWithAdmin(
      app,
      clock,
      'Northside Youth Program',
      OrgKind.Community,
      'admin@northside.test',
    );
    policeOrgId = police.orgId;
    policeAdminUser = police.admin;
    partnerAdminUser = partner.admin;
    oneWayOrgId = oneWay.orgId;
    liaison = await invite(app, clock, await login(app, clock, police.admin), 'liaison@eastside-pd.test', [
      Role.PoliceLiaison,
    ]);
    const partnerAdmin = await login(app, clock, partner.admin);
    manager = await invite(app, clock, partnerAdmin, 'pm@safestreets.test', [Role.ProgramManager]);
    worker = await invite(app, clock, partnerAdmin, 'worker@safestreets.test', [Role.OutreachWorker]);
    otherWorker = await invite(app, clock, partnerAdmin, 'worker2@safestreets.test', [Role.OutreachWorker]);
    oneWayManager = await invite(app, clock, await login(app, clock, oneWay.admin), 'pm@northside.test', [
      Role.ProgramManager,
    ]);
    twoWayAgreementId = await agree(police.admin, partner.admin, partner.orgId, [
      REFERRAL_FLOW(['program_manager', 'outreach_worker']),
      STATUS_FLOW,
      CONCERN_FLOW,
    ]);
    oneWayAgreementId = await agree(police.admin, oneWay.admin, oneWay.orgId, [
      REFERRAL_FLOW(['program_manager'], 'band'),
    ]);
  }, 180_000);

  afterAll(async () => {
    await owner?.end();
    await app?.close();
    await db?.drop();
  });

  it(
    'refuses a referral without the consent its flow requires, ' + 'or with a basis the agreement does not accept',
    async () => {
      const police = await as(liaison);
      const missing = await police.post('/referrals', { agreementId: twoWayAgreementId, person: PERSON });
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(/requires the person’s consent/);
      const wrongBasis = await police.post('/referrals', {
        agreementId: twoWayAgreementId,
        person: PERSON,
        consent: { ...CONSENT, basis: 'guardian' },
      });
      expect(wrongBasis.status).toBe(400);
      const expired = await police.post('/referrals', {
        agreementId: twoWayAgreementId,
        person: PERSON,
        consent: { ...CONSENT, expiresOn: '2026-11-01' },
      });
      expect(expired.status).toBe(400);
      const { rows } = await owner.query('SELECT count(*)::int AS n FROM referrals');
      expect(rows[0].n).toBe(0);
    },
  );

  it(
    'stores no plaintext personal data: the raw referral and ' + 'disclosure rows hold sealed values with key ids only',
    async () => {
      const police = await as(liaison);
      const created = await police.post('/referrals', {
        agreementId: twoWayAgreementId,
        person: PERSON,
        consent: CONSENT,
      });
      expect(created.status).toBe(201);
      expect(created.body.fieldsReleased).toEqual(
        expect.arrayContaining(['name', 'contact', 'age', 'reason', 'riskFactors', 'consentBasis']),
      );
      expect(created.body.fieldsWithheld).toEqual(['dateOfBirth']);
      const referralRow = (
        await owner.query(
          'SELECT row_to_json(r)::text AS raw, r.name_sealed, r.key_id FROM referrals r WHERE id = $1',
          [created.body.id],
        )
      ).rows[0];
      const copyRow = (
        await owner.query('SELECT row_to_json(d)::text AS raw FROM disclosures d WHERE id = $1', [
          created.body.disclosureId,
        ])
      ).rows[0];
      for (const raw of [referralRow.raw as string, copyRow.raw as string])
        for (const secret of PLAINTEXT) expect(raw).not.toContain(secret);
      expect(referralRow.name_sealed).toMatch(new RegExp(`^v1\\.${referralRow.key_id}\\.`));
      // And the audit trail names fields, never values.
      const trail = (await owner.query(`SELECT string_agg(row_to_json(a)::text, '') AS raw FROM audit_entries a`))
        .rows[0].raw as string;
      for (const secret of PLAINTEXT) expect(trail).not.toContain(secret);

      // The police read their own record back in full.
      const own = await police.get(`/referrals/${created.body.id}`);
      expect(own.status).toBe(200);
      expect(own.body.person).toMatchObject({ name: PERSON.name, dateOfBirth: PERSON.dateOfBirth });
      expect(own.body.statusBack).toBeNull();

      // The program manager reads exactly the released fields (never the birth date the flow withholds).
      const pm = await as(manager);
      const received = await pm.get(`/referrals/${created.body.id}`);
      expect(received.status).toBe(200);
      expect(received.body.person).toEqual({
        name: PERSON.name,
        contact: PERSON.contact,
        age: '18',
        reason: PERSON.reason,
        riskFactors: JSON.stringify(PERSON.riskFactors),
      });
      expect(received.body).toMatchObject({
        status: 'sent',
        consentBasis: 'written',
        possibleDuplicate: false,
        nextSteps: ['accepted', 'declined'],
      });

      // Delivered like any disclosure: the copy is marked delivered and the audience has inbox entries (the e-mail and
      // stream say only that something waits).
      const delivered = await eventually(async () => {
        const row = (
          await owner.query(
            `SELECT status, (SELECT count(*)::int FROM inbox_entries e WHERE e.disclosure_id = d.id) AS entries
            FROM disclosures d WHERE id = $1`,
            [created.body.disclosureId],
          )
        ).rows[0];
        return row.status === 'delivered' ? row : undefined;
      });
      // The program manager, who triages it; outreach workers get a referral only when it is assigned to them.
      expect(delivered.entries).toBe(1);
    },
  );

  it(
    'walks the lifecycle: managers accept and assign, only the assigned worker updates (another gets 404), and ' +
      'the police see only the coarse status',
    async () => {
      const police = await as(liaison);
      const created = await police.post('/referrals', {
        agreementId: twoWayAgreementId,
        person: { ...PERSON, name: 'Tomas Greer', dateOfBirth: '2007-01-02' },
        consent: CONSENT,
      });
      const id = created.body.id as string;
      const pm = await as(manager);
      const mine = await as(worker);
      const notMine = await as(otherWorker);

      expect((await mine.post(`/referrals/${id}/transitions`, { to: 'accepted' })).status).toBe(404);
      expect((await pm.post(`/referrals/${id}/transitions`, { to: 'assigned', assigneeId: worker.id })).status).toBe(
        409,
      );
      expect((await pm.post(`/referrals/${id}/transitions`, { to: 'accepted' })).status).toBe(200);
      // Too late to retract once accepted; the message says no more than that.
      const retract = await police.post(`/referrals/${id}/transitions`, { to: 'retracted' });
      expect(retract.status).toBe(409);
      expect(retract.body.error.message).toBe('The referral can no longer be retracted');
      const assigned = await pm.post(`/referrals/${id}/transitions`, { to: 'assigned', assigneeId: worker.id });
      expect(assigned.status).toBe(200);
      expect(assigned.body.assignedTo).toBe(worker.id);

      expect((await notMine.get(`/referrals/${id}`)).status).toBe(404);
      expect((await notMine.post(`/referrals/${id}/transitions`, { to: 'contact_attempted' })).status).toBe(404);
      expect((await notMine.post(`/referrals/${id}/notes`, { body: 'x' })).status).toBe(404);
      expect((await notMine.get('/referrals')).body.items).toEqual([]);
      expect((await audits('referral.update', 'denied')).length).toBeGreaterThan(0);

      // Each side is offered exactly its own next steps (the screens' buttons).
      expect(assigned.body.nextSteps).toEqual(['contact_attempted', 'assigned']);
      const assignedToMe = await mine.get(`/referrals/${id}`);
      expect(assignedToMe.status).toBe(200);
      expect(assignedToMe.body.nextSteps).toEqual(['contact_attempted']);
      const attempted = await mine.post(`/referrals/${id}/transitions`, { to: 'contact_attempted' });
      expect(attempted.status).toBe(200);
      expect(attempted.body.nextSteps).toEqual(['engaged', 'unable_to_reach', 'refused_services', 'contact_attempted']);
      const note = await mine.post(`/referrals/${id}/notes`, {
        body: 'Met at the rec center; wants GED classes and a job lead.',
      });
      expect(note.status).toBe(201);
      expect((await mine.post(`/referrals/${id}/transitions`, { to: 'engaged' })).status).toBe(200);
      expect((await mine.post(`/referrals/${id}/transitions`, { to: 'accepted' })).status).toBe(409);

      // Notes are sealed at rest and private to the partner.
      const noteRow = (await owner.query('SELECT body_sealed FROM referral_notes WHERE id = $1', [note.body.id]))
        .rows[0];
      expect(noteRow.body_sealed).not.toContain('GED');
      expect((await pm.get(`/referrals/${id}/notes`)).body.items[0].body).toContain('GED classes');
      expect((await police.get(`/referrals/${id}/notes`)).status).toBe(404);

      const seen = await police.get(`/referrals/${id}`);
      expect(seen.status).toBe(200);
      expect(seen.body.statusBack).toEqual({ status: 'engaged', updatedAt: '2026-11-23' });
      const text = JSON.stringify(seen.body) + JSON.stringify((await police.get('/referrals')).body);
      for (const hidden of [
        worker.id,
        manager.id,
        'assigned',
        'contact_attempted',
        'GED',
        'assignedTo',
        'declineReason',
      ])
        expect(text).not.toContain(hidden);
      const status = (
        await owner.query(`SELECT payload FROM disclosures WHERE source_id = $1 AND category = 'referral_status'`, [id])
      ).rows[0].payload;
      expect(Object.keys(status).sort()).toEqual(['referralId', 'status', 'updatedAt']);

      expect((await mine.post(`/referrals/${id}/transitions`, { to: 'closed' })).status).toBe(200);
      expect((await police.get(`/referrals/${id}`)).body.statusBack.status).toBe('closed');
    },
  );

  it('declines only with a reason from the managed list, and a decline flows back as "not engaged"', async () => {
    const police = await as(liaison);
    const created = await police.post('/referrals', {
      agreementId: twoWayAgreementId,
      person: { ...PERSON, name: 'Ray Santos' },
      consent: CONSENT,
    });
    const pm = await as(manager);
    expect((await pm.post(`/referrals/${created.body.id}/transitions`, { to: 'declined' })).status).toBe(400);
    expect(
      (await pm.post(`/referrals/${created.body.id}/transitions`, { to: 'declined', declineReason: 'because' })).status,
    ).toBe(400);
    const declined = await pm.post(`/referrals/${created.body.id}/transitions`, {
      to: 'declined',
      declineReason: 'at_capacity',
    });
    expect(declined.status).toBe(200);
    const seen = await police.get(`/referrals/${created.body.id}`);
    expect(seen.body.statusBack.status).toBe('not_engaged');
    expect(JSON.stringify(seen.body)).not.toContain('at_capacity');
  });

  it('one-way agreement: every partner→police attempt is refused and audited as denied', async () => {
    const police = await as(liaison);
    const created = await police.post('/referrals', {
      agreementId: oneWayAgreementId,
      person: { ...PERSON, name: 'Andre Wills' },
      consent: CONSENT,
    });
    expect(created.status).toBe(201);
    const pm = await as(oneWayManager);
    // This agreement releases the age as a band only.
    expect((await pm.get(`/referrals/${created.body.id}`)).body.person.age).toBe('15-19');
    expect((await pm.post(`/referrals/${created.body.id}/transitions`, { to: 'accepted' })).status).toBe(200);
    expect((await police.get(`/referrals/${created.body.id}`)).body.statusBack).toBeNull();
    const statusDenied = (await audits('referral_status.share', 'denied')).filter(
      (a) => a.agreement_id === oneWayAgreementId,
    );
    expect(statusDenied).toEqual([expect.objectContaining({ reason: 'NO_STATUS_FLOW', actor_org_id: oneWayOrgId })]);
    const concern = await pm.post('/community-concerns', {
      agreementId: oneWayAgreementId,
      concernType: 'rising_tension',
      area: 'D14',
      occurredAt: '2026-11-23T12:00:00Z',
    });
    expect(concern.status).toBe(403);
    const concernDenied = (await audits('community_concern.create', 'denied')).filter(
      (a) => a.agreement_id === oneWayAgreementId,
    );
    expect(concernDenied).toEqual([expect.objectContaining({ reason: 'NO_CONCERN_FLOW' })]);
    const { rows } = await owner.query(
      `SELECT count(*)::int AS n FROM disclosures WHERE agreement_id = $1 AND recipient_org_id = $2`,
      [oneWayAgreementId, policeOrgId],
    );
    expect(rows[0].n).toBe(0);
  });

  it('a community concern is screened for identifiers, then reaches the liaison’s inbox at area level', async () => {
    const pm = await as(manager);
    const body = {
      agreementId: twoWayAgreementId,
      concernType: 'coordinate_walk',
      area: 'D14',
      occurredAt: '2026-11-23T12:34:00Z',
      narrative: 'Tension rising near the park; call 312-555-0199 to plan a walk.',
      requestedAction: 'post-incident walk',
    };
    const refused = await pm.post('/community-concerns', body);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.findings[0].kinds).toEqual(['phone']);
    const sent = await pm.post('/community-concerns', { ...body, redact: true });
    expect(sent.status).toBe(201);
    const police = await as(liaison);
    const inbox = await eventually(async () => {
      const res = await police.get('/inbox');
      return res.body.items?.find((i: { category: string }) => i.category === 'community_concern') as
        { disclosureId: string } | undefined;
    });
    const read = await police.get(`/inbox/${inbox.disclosureId}`);
    expect(read.status).toBe(200);
    expect(read.body.payload).toMatchObject({
      concernType: 'coordinate_walk',
      area: 'D14',
      occurredAt: '2026-11-23',
      requestedAction: 'post-incident walk',
    });
    expect(read.body.payload.narrative).not.toContain('555-0199');
    expect(JSON.stringify(read.body)).not.toContain(manager.id);
  });

  it(
    'the sender retracts before acceptance: the partner loses ' + 'the copy at once and it is purged (audited)',
    async () => {
      const police = await as(liaison);
      const created = await police.post('/referrals', {
        agreementId: twoWayAgreementId,
        person: { ...PERSON, name: 'Nia Carver' },
        consent: CONSENT,
      });
      expect((await police.post(`/referrals/${created.body.id}/transitions`, { to: 'accepted' })).status).toBe(403);
      const retracted = await police.post(`/referrals/${created.body.id}/transitions`, { to: 'retracted' });
      expect(retracted.status).toBe(200);
      expect(retracted.body.retracted).toBe(true);
      const pm = await as(manager);
      expect((await pm.get(`/referrals/${created.body.id}`)).status).toBe(404);
      expect((await pm.post(`/referrals/${created.body.id}/transitions`, { to: 'accepted' })).status).toBe(409);
      const reasons = await eventually(async () => {
        const rows = (
          await owner.query(`SELECT reason FROM audit_entries WHERE action = 'disclosure.purge' AND subject_id = $1`, [
            created.body.disclosureId,
          ])
        ).rows;
        return rows.length > 0 ? rows : undefined;
      });
      expect(reasons).toEqual([{ reason: 'RETRACTED' }]);
    },
  );

  it(
    'purges a retracted copy at once even when its delivery held the copy as the purge first came for it: the ' +
      'purge comes back for it instead of leaving it to the hourly sweep',
    async () => {
      const police = await as(liaison);
      const created = await police.post('/referrals', {
        agreementId: twoWayAgreementId,
        person: { ...PERSON, name: 'Tasha Greer' },
        consent: CONSENT,
      });
      const copyId = created.body.disclosureId as string;
      await eventually(async () => {
        const { rows } = await owner.query('SELECT status FROM disclosures WHERE id = $1', [copyId]);
        return rows[0]?.status === 'delivered' ? true : undefined;
      });
      // Someone holds the copy's row (as a delivery or an assignment in flight would) while the purge job runs.
      const holder = new Client({ connectionString: db.ownerUrl });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT id FROM disclosures WHERE id = $1 FOR UPDATE', [copyId]);
        expect((await police.post(`/referrals/${created.body.id}/transitions`, { to: 'retracted' })).status).toBe(200);
        // The purge job has run once and found the copy held: it finished (passed over) or was put back for later.
        await eventually(async () => {
          const { rows } = await owner.query(
            `SELECT 1 FROM outbox_jobs WHERE job_id = $1 AND (status = 'completed' OR available_at > created_at)`,
            [`retention.referral-copy/${created.body.id}`],
          );
          return rows.length > 0 ? true : undefined;
        });
        const copy = await owner.query('SELECT purged_at FROM disclosures WHERE id = $1', [copyId]);
        expect(copy.rows[0].purged_at).toBeNull();
      } finally {
        await holder.query('COMMIT').catch(() => undefined);
        await holder.end();
      }
      const reasons = await eventually(async () => {
        const rows = (
          await owner.query(`SELECT reason FROM audit_entries WHERE action = 'disclosure.purge' AND subject_id = $1`, [
            copyId,
          ])
        ).rows;
        return rows.length > 0 ? rows : undefined;
      });
      expect(reasons).toEqual([{ reason: 'RETRACTED' }]);
    },
  );

  it('withdrawing consent stops further sharing and purges the partner’s copy (audited)', async () => {
    const police = await as(liaison);
    const created = await police.post('/referrals', {
      agreementId: twoWayAgreementId,
      person: { ...PERSON, name: 'Kiara Benton' },
      consent: CONSENT,
    });
    const pm = await as(manager);
    expect((await pm.post(`/referrals/${created.body.id}/transitions`, { to: 'accepted' })).status).toBe(200);
    const withdrawn = await police.post(`/referrals/${created.body.id}/consent-withdrawal`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.consent.withdrawnAt).not.toBeNull();
    // Hidden at once; the purge job follows.
    expect((await pm.get(`/referrals/${created.body.id}`)).status).toBe(404);
    const copy = await eventually(async () => {
      const row = (
        await owner.query('SELECT payload, status FROM disclosures WHERE id = $1', [created.body.disclosureId])
      ).rows[0];
      return row.status === 'purged' ? row : undefined;
    });
    expect(copy).toEqual({ payload: null, status: 'purged' });
    expect(
      (await pm.post(`/referrals/${created.body.id}/transitions`, { to: 'assigned', assigneeId: worker.id })).status,
    ).toBe(409);
    const purges = (
      await owner.query(`SELECT reason FROM audit_entries WHERE action = 'disclosure.purge' AND subject_id = $1`, [
        created.body.disclosureId,
      ])
    ).rows;
    expect(purges).toEqual([{ reason: 'CONSENT_WITHDRAWN' }]);
  });

  it(
    'warns the partner of a probable duplicate through the blind index, and refuses forwarding to a third ' +
      'organization',
    async () => {
      const police = await as(liaison);
      const first = await police.post('/referrals', {
        agreementId: twoWayAgreementId,
        person: { ...PERSON, name: 'Dana  Whitlock', dateOfBirth: '2009-09-09' },
        consent: CONSENT,
      });
      const second = await police.post('/referrals', {
        agreementId: twoWayAgreementId,
        person: { ...PERSON, name: 'WHITLOCK, Dana', dateOfBirth: '2009-09-09' },
        consent: CONSENT,
      });
      const stranger = await police.post('/referrals', {
        agreementId: twoWayAgreementId,
        person: { ...PERSON, name: 'Dana Whitlock', dateOfBirth: '2010-01-01' },
        consent: CONSENT,
      });
      const pm = await as(manager);
      expect((await pm.get(`/referrals/${second.body.id}`)).body.possibleDuplicate).toBe(true);
      expect((await pm.get(`/referrals/${first.body.id}`)).body.possibleDuplicate).toBe(true);
      expect((await pm.get(`/referrals/${stranger.body.id}`)).body.possibleDuplicate).toBe(false);

      const forward = await pm.post(`/referrals/${first.body.id}/forward`, { targetOrgId: oneWayOrgId });
      expect(forward.status).toBe(403);
      expect((await audits('referral.forward', 'denied')).map((a) => a.reason)).toEqual([
        'NO_SECONDARY_DISSEMINATION_FLOW',
      ]);
    },
  );

  it(
    'terminating the agreement stops further referrals under it and the sweep purges the partner’s copies ' +
      '(audited)',
    async () => {
      const police = await as(liaison);
      const created = await police.post('/referrals', {
        agreementId: oneWayAgreementId,
        person: { ...PERSON, name: 'Luis Ortega' },
        consent: CONSENT,
      });
      expect(created.status).toBe(201);
      const pm = await as(oneWayManager);
      expect((await pm.get(`/referrals/${created.body.id}`)).status).toBe(200);
      // The copy's delivery has finished: the sweep below runs once, and a copy held by a delivery in flight would be
      // left to its next run (SKIP LOCKED).
      await eventually(async () => {
        const { rows } = await owner.query('SELECT status FROM disclosures WHERE id = $1', [created.body.disclosureId]);
        return rows[0]?.status === 'delivered' ? true : undefined;
      });
      const policeAdmin = await as(policeAdminUser);
      expect((await policeAdmin.post(`/agreements/${oneWayAgreementId}/end`, { action: 'terminate' })).status).toBe(
        201,
      );
      // At once: the partner loses the copy (its only agreement ended, so no referral rule remains: 403) and nothing
      // more can be referred under the agreement.
      expect((await pm.get(`/referrals/${created.body.id}`)).status).toBe(403);
      expect(
        (await police.post('/referrals', { agreementId: oneWayAgreementId, person: PERSON, consent: CONSENT })).status,
      ).toBe(404);
      const purged = await app.get(ReferralMaintenanceService).sweep();
      expect(purged).toBe(2); // this referral and the one accepted earlier under the same agreement
      const copies = (
        await owner.query(`SELECT payload, status FROM disclosures WHERE agreement_id = $1 AND category = 'referral'`, [
          oneWayAgreementId,
        ])
      ).rows;
      expect(copies).toEqual([
        { payload: null, status: 'purged' },
        { payload: null, status: 'purged' },
      ]);
      const reasons = (
        await owner.query(`SELECT reason FROM audit_entries WHERE action = 'disclosure.purge' AND agreement_id = $1`, [
          oneWayAgreementId,
        ])
      ).rows;
      expect(reasons).toEqual([{ reason: 'AGREEMENT_TERMINATED' }, { reason: 'AGREEMENT_TERMINATED' }]);
      expect(await app.get(ReferralMaintenanceService).sweep()).toBe(0);
    },
  );

  it(
    'past retention, the police record loses its personal fields and the case notes their text; tombstones and ' +
      'audit stay',
    async () => {
      const police = await as(liaison);
      const created = await police.post('/referrals', {
        agreementId: twoWayAgreementId,
        person: { ...PERSON, name: 'Andre Whitlock' },
        consent: CONSENT,
      });
      const id = created.body.id as string;
      const pm = await as(manager);
      await pm.post(`/referrals/${id}/transitions`, { to: 'accepted' });
      await pm.post(`/referrals/${id}/transitions`, { to: 'assigned', assigneeId: worker.id });
      const mine = await as(worker);
      expect(
        (await mine.post(`/referrals/${id}/notes`, { body: 'Family moving out of state next month.' })).status,
      ).toBe(201);

      clock.advance(366 * 24 * 3600_000); // the referral flow keeps copies 365 days
      await app.get(RetentionService).purgeExpired();
      expect(await app.get(ReferralMaintenanceService).purgeExpiredRecords()).toBeGreaterThanOrEqual(1);

      const [record] = (
        await owner.query(
          `SELECT name_sealed, contact_sealed, date_of_birth_sealed, reason_sealed, person_index, purged_at
          FROM referrals WHERE id = $1`,
          [id],
        )
      ).rows;
      expect(record).toMatchObject({
        name_sealed: null,
        contact_sealed: null,
        date_of_birth_sealed: null,
        reason_sealed: null,
        person_index: null,
      });
      expect(record.purged_at).not.toBeNull();
      const notes = (
        await owner.query(`SELECT body_sealed, purged_at FROM referral_notes WHERE referral_id = $1`, [id])
      ).rows;
      expect(notes).toHaveLength(1);
      expect(notes[0].body_sealed).toBe('');
      expect(notes[0].purged_at).not.toBeNull();
      const [copy] = (
        await owner.query(
          `SELECT d.payload, d.status FROM disclosures d JOIN referrals r ON r.disclosure_id = d.id WHERE r.id = $1`,
          [id],
        )
      ).rows;
      expect(copy).toEqual({ payload: null, status: 'purged' });

      const policeView = await (await as(liaison)).get(`/referrals/${id}`);
      expect(JSON.stringify(policeView.body)).not.toContain('Whitlock');
      const [entry] = (
        await owner.query(
          `SELECT reason, details FROM audit_entries WHERE action = 'referral.purge' AND subject_id = $1`,
          [id],
        )
      ).rows;
      expect(entry).toEqual({ reason: 'RETENTION_EXPIRED', details: { notes: 1 } });
      expect(await app.get(ReferralMaintenanceService).purgeExpiredRecords()).toBe(0);
    },
  );

  it(
    'past retention nobody reads a referral, its notes or its status back while a legal hold keeps them all in ' +
      'the table',
    async () => {
      const police = await as(liaison);
      // Consent given today (earlier tests moved the clock past CONSENT's expiry).
      const today = clock.now().toISOString().slice(0, 10);
      const created = await police.post('/referrals', {
        agreementId: twoWayAgreementId,
        person: { ...PERSON, name: 'Tremaine Holloway' },
        consent: { ...CONSENT, givenOn: today, expiresOn: `${Number(today.slice(0, 4)) + 2}${today.slice(4)}` },
      });
      expect(created.body).toMatchObject({ id: expect.any(String) });
      const id = created.body.id as string;
      const pm = await as(manager);
      expect((await pm.post(`/referrals/${id}/transitions`, { to: 'accepted' })).status).toBe(200);
      expect((await pm.post(`/referrals/${id}/transitions`, { to: 'assigned', assigneeId: worker.id })).status).toBe(
        200,
      );
      expect(
        (await (await as(worker)).post(`/referrals/${id}/notes`, { body: 'Met the family at the school.' })).status,
      ).toBe(201);
      expect((await pm.get(`/referrals/${id}`)).status).toBe(200);
      expect((await pm.get(`/referrals/${id}/notes`)).body.items).toHaveLength(1);
      const before = await (await as(liaison)).get(`/referrals/${id}`);
      expect(before.body.statusBack).not.toBeNull();
      expect(before.body.person.name).toBe('Tremaine Holloway');
      const hold = await (
        await as(partnerAdminUser)
      ).post(`/agreements/${twoWayAgreementId}/legal-holds`, { reason: 'litigation' });
      expect(hold.status).toBe(201);

      clock.advance(366 * 24 * 3600_000);
      await app.get(RetentionService).purgeExpired();
      await app.get(ReferralMaintenanceService).purgeExpiredRecords();
      const copies = (
        await owner.query(
          `SELECT category, payload IS NOT NULL AS kept FROM disclosures WHERE source_id = $1 ORDER BY category`,
          [id],
        )
      ).rows;
      expect(copies).toEqual([
        { category: 'referral', kept: true },
        { category: 'referral_status', kept: true },
      ]);

      const partner = await as(manager);
      expect((await partner.get(`/referrals/${id}`)).status).toBe(404);
      const listed = await partner.get('/referrals');
      expect(listed.status).toBe(200);
      expect((listed.body.items as { id: string }[]).map((r) => r.id)).not.toContain(id);
      expect((await partner.get(`/referrals/${id}/notes`)).status).toBe(404);
      expect((await (await as(worker)).get(`/referrals/${id}`)).status).toBe(404);
      // The police see the tombstone a purge would leave: no person, no status back.
      const after = await (await as(liaison)).get(`/referrals/${id}`);
      expect(after.status).toBe(200);
      expect(after.body.statusBack).toBeNull();
      expect(after.body.person).toEqual({});
      const [sealed] = (await owner.query(`SELECT name_sealed IS NOT NULL AS kept FROM referrals WHERE id = $1`, [id]))
        .rows;
      expect(sealed.kept).toBe(true); // the hold keeps it in the table

      const lifted = await (await as(partnerAdminUser)).post(`/legal-holds/${hold.body.id as string}/lift`);
      expect(lifted.status).toBe(201);
    },
  );
});
