import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditSigningKey, parseAuditBundle, type SealedChainEntry, verifyAuditBundle } from '@accord/audit';
import { Role } from '@accord/policy';
import {
  createTestDatabase,
  type EnrolledUser,
  eventually,
  invite,
  login,
  type Partnership,
  partnership,
  recordAndShare,
  sampleIncident,
  type TestDatabase,
  waitForDeliveries,
} from '@accord/testing';
import { startApiWithClock } from './test-api';

/**
 * Issue 7: the board reviews its agreement's audit trail — and only its agreement's — without ever seeing personal
 * data.
 */
describe('partnership board workspace', () => {
  let db: TestDatabase;
  let p: Partnership;
  let boardA: EnrolledUser;
  let boardPolice: EnrolledUser;
  let agreementA: string;
  let agreementB: string;
  const http = () => request(p.app.getHttpServer());

  async function activeAgreement(
    app: NestExpressApplication,
    title: string,
    boardMemberIds: string[],
    templateKey = 'one-way-shooting-notifications',
  ): Promise<string> {
    const police = await login(app, p.clock, p.policeAdmin);
    const partner = await login(app, p.clock, p.partnerAdmin);
    const created = await http()
      .post('/api/v1/agreements')
      .set('Authorization', `Bearer ${police}`)
      .send({ counterpartOrgId: p.partnerOrgId, title, templateKey, boardMemberIds });
    const versionId = created.body.versions[0].id as string;
    await http().post(`/api/v1/agreement-versions/${versionId}/propose`).set('Authorization', `Bearer ${police}`);
    await http().post(`/api/v1/agreement-versions/${versionId}/approve`).set('Authorization', `Bearer ${police}`);
    const approved = await http()
      .post(`/api/v1/agreement-versions/${versionId}/approve`)
      .set('Authorization', `Bearer ${partner}`);
    expect(approved.body.status).toBe('active');
    return created.body.id as string;
  }

  /** Records an incident and shares it under every agreement in force, as the liaison. */
  const shareIncident = (liaisonToken: string, narrative: string, redact = false) =>
    recordAndShare(p.app, liaisonToken, sampleIncident(narrative), redact);

  beforeAll(async () => {
    db = await createTestDatabase('board');
    const { app, clock } = await startApiWithClock(db);
    p = await partnership(app, clock);
    boardA = await invite(app, clock, await login(app, clock, p.partnerAdmin), 'board@safestreets.test', [
      Role.BoardMember,
    ]);
    boardPolice = await invite(app, clock, await login(app, clock, p.policeAdmin), 'board@eastside-pd.test', [
      Role.BoardMember,
    ]);
    agreementA = await activeAgreement(app, 'Board A', [boardA.id]);
    agreementB = await activeAgreement(app, 'Board B', [boardPolice.id]);

    // Share an incident with names, a phone and a narrative, and let the worker read it.
    const liaison = await login(app, clock, p.liaison);
    await shareIncident(liaison, 'Darnell Whitfield was hit; mother at 312-555-0187.', true);
    const worker = await login(app, clock, p.worker);
    await waitForDeliveries(p.app.get(DataSource));
    const inbox = await http().get('/api/v1/inbox').set('Authorization', `Bearer ${worker}`);
    const items = inbox.body.items as { disclosureId: string }[];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items)
      await http().get(`/api/v1/inbox/${item.disclosureId}`).set('Authorization', `Bearer ${worker}`);
  }, 120_000);

  afterAll(async () => {
    await p?.app.close();
    await db?.drop();
  });

  it(
    'shows the agreement’s trail with organizations, roles, ' + 'actions, versions and field names — no personal data',
    async () => {
      const board = await login(p.app, p.clock, boardA);
      const res = await http().get(`/api/v1/agreements/${agreementA}/audit`).set('Authorization', `Bearer ${board}`);
      expect(res.status).toBe(200);
      const actions = (res.body.entries as { action: string }[]).map((e) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'agreement.create',
          'agreement.version.activate',
          'disclosure.create',
          'disclosure.deliver',
          'disclosure.read',
        ]),
      );
      const created = res.body.entries.find((e: { action: string }) => e.action === 'disclosure.create');
      expect(created.fieldsReleased).toContain('narrative');
      expect(created.agreementVersion).toBe(1);
      // The report too, with its measures, previous period and series (issue 16), as JSON and as CSV.
      const period = 'from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z';
      const report = await http()
        .get(`/api/v1/agreements/${agreementA}/report?${period}`)
        .set('Authorization', `Bearer ${board}`);
      expect(report.body).toMatchObject({ measures: expect.any(Object), previous: expect.any(Object) });
      const csv = await http()
        .get(`/api/v1/agreements/${agreementA}/report?${period}&format=csv`)
        .set('Authorization', `Bearer ${board}`);
      expect(csv.text).toContain('"measures.responses","alerts"');
      const text = [JSON.stringify(res.body), JSON.stringify(report.body), csv.text].join('\n');
      for (const personal of [
        'Darnell',
        'Whitfield',
        '312-555-0187',
        'Marcus',
        'JA481220',
        'mother',
        'W Division',
        p.worker.id,
        p.liaison.id,
        '@',
      ])
        expect(text).not.toContain(personal);
    },
  );

  it('filters, pages and sorts from an allow-list, and audits every search', async () => {
    const board = await login(p.app, p.clock, boardA);
    const filtered = await http()
      .get(`/api/v1/agreements/${agreementA}/audit?action=disclosure.read&outcome=allowed`)
      .set('Authorization', `Bearer ${board}`);
    expect(filtered.body.entries.length).toBeGreaterThan(0);
    expect(filtered.body.entries.every((e: { action: string }) => e.action === 'disclosure.read')).toBe(true);
    const page = await http()
      .get(`/api/v1/agreements/${agreementA}/audit?limit=2&sort=-seq`)
      .set('Authorization', `Bearer ${board}`);
    expect(page.body.entries).toHaveLength(2);
    expect(page.body.entries[0].seq).toBeGreaterThan(page.body.entries[1].seq);
    const next = await http()
      .get(`/api/v1/agreements/${agreementA}/audit?limit=2&sort=-seq&cursor=${page.body.nextCursor}`)
      .set('Authorization', `Bearer ${board}`);
    expect(next.body.entries[0].seq).toBeLessThan(page.body.entries[1].seq);
    expect(
      (
        await http()
          .get(`/api/v1/agreements/${agreementA}/audit?sort=occurred_at;drop`)
          .set('Authorization', `Bearer ${board}`)
      ).status,
    ).toBe(400);
    const searches = await http()
      .get(`/api/v1/agreements/${agreementA}/audit?action=audit.search`)
      .set('Authorization', `Bearer ${board}`);
    expect(searches.body.entries.length).toBeGreaterThanOrEqual(3);
  });

  it('pages a period in both directions: exactly the entries of the period, in seq order', async () => {
    const board = await login(p.app, p.clock, boardA);
    const search = async (query: string) =>
      (await http().get(`/api/v1/agreements/${agreementA}/audit?${query}`).set('Authorization', `Bearer ${board}`))
        .body as { entries: { seq: number; occurredAt: string }[]; nextCursor: number | null };
    const all = (await search('limit=500')).entries;
    expect(all.length).toBeGreaterThan(8);
    const from = all[2]!.occurredAt;
    const to = all[all.length - 3]!.occurredAt;
    const expected = all.filter((e) => e.occurredAt >= from && e.occurredAt < to).map((e) => e.seq);
    expect(expected.length).toBeGreaterThan(2);
    const pages = async (sort: string) => {
      const seqs: number[] = [];
      let cursor: number | null = null;
      do {
        const page = await search(
          `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&limit=2&sort=${sort}` +
            (cursor === null ? '' : `&cursor=${cursor}`),
        );
        seqs.push(...page.entries.map((e) => e.seq));
        cursor = page.nextCursor;
      } while (cursor !== null);
      return seqs;
    };
    expect(await pages('seq')).toEqual(expected);
    expect(await pages('-seq')).toEqual([...expected].reverse());
  });

  it('answers 404 for another agreement, and for members of the parties who are not on the board', async () => {
    const board = await login(p.app, p.clock, boardA);
    expect(
      (await http().get(`/api/v1/agreements/${agreementB}/audit`).set('Authorization', `Bearer ${board}`)).status,
    ).toBe(404);
    expect(
      (await http().get(`/api/v1/agreements/${agreementB}/audit/bundle`).set('Authorization', `Bearer ${board}`))
        .status,
    ).toBe(404);
    const worker = await login(p.app, p.clock, p.worker);
    expect(
      (await http().get(`/api/v1/agreements/${agreementA}/audit`).set('Authorization', `Bearer ${worker}`)).status,
    ).toBe(403);
  });

  it(
    'exports a bundle that verifies offline, including the export ' + 'itself; a tampered copy fails naming the entry',
    async () => {
      const board = await login(p.app, p.clock, boardA);
      const res = await http()
        .get(`/api/v1/agreements/${agreementA}/audit/bundle`)
        .set('Authorization', `Bearer ${board}`);
      expect(res.status).toBe(200);
      const bundle = parseAuditBundle(JSON.stringify(res.body));
      expect((bundle.entries.at(-1) as SealedChainEntry).action).toBe('audit.export');
      // Verified against the key the server holds, not only the bundle's own copy of it.
      const trusted = p.app.get(AuditSigningKey).publicKeys();
      expect((await verifyAuditBundle(bundle, trusted)).report.ok).toBe(true);
      const tampered = parseAuditBundle(JSON.stringify(res.body));
      tampered.entries[3] = { ...(tampered.entries[3] as SealedChainEntry), outcome: 'denied' };
      const { report } = await verifyAuditBundle(tampered, trusted);
      expect(report.ok).toBe(false);
      expect(report.problem).toMatchObject({ kind: 'modified', seq: tampered.entries[3]!.seq });
    },
  );

  it(
    'reports the period’s shares, withheld fields, acknowledgements and responses exactly as recorded, ' +
      'suppressing counts under 3 in CSV',
    async () => {
      const liaison = await login(p.app, p.clock, p.liaison);
      const worker = await login(p.app, p.clock, p.worker);
      for (let i = 0; i < 3; i += 1) await shareIncident(liaison, 'Dispute near the park.');
      // Every delivery has run (a count of inbox items reached early could miss some of agreement A's).
      await waitForDeliveries(p.app.get(DataSource));
      const inbox = await http().get('/api/v1/inbox?limit=100').set('Authorization', `Bearer ${worker}`);
      const inA = (inbox.body.items as { disclosureId: string; agreementId: string }[]).filter(
        (i) => i.agreementId === agreementA,
      );
      const [{ made }] = await p.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS made FROM disclosures WHERE agreement_id = $1`, [agreementA]);
      expect(made).toBeGreaterThanOrEqual(4);
      expect(inA).toHaveLength(made);
      for (const item of inA.slice(0, 3))
        await http().post(`/api/v1/inbox/${item.disclosureId}/acknowledge`).set('Authorization', `Bearer ${worker}`);
      await http()
        .put(`/api/v1/inbox/${inA[0]!.disclosureId}/response`)
        .set('Authorization', `Bearer ${worker}`)
        .send({ responded: true, responseTypes: ['hospital_visit'] });

      const board = await login(p.app, p.clock, boardA);
      const period = 'from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z';
      const res = await http()
        .get(`/api/v1/agreements/${agreementA}/report?${period}`)
        .set('Authorization', `Bearer ${board}`);
      expect(res.status).toBe(200);

      const [expected] = await p.app.get(DataSource).query(
        `SELECT count(*)::int AS shares, count(acknowledged_at)::int AS acknowledged,
        count(*) FILTER (WHERE sla_met)::int AS sla_met,
              (SELECT count(*)::int FROM disclosures d2, unnest(d2.fields_withheld) f WHERE d2.agreement_id = $1
              AND f = 'hospital') AS hospital_withheld
       FROM disclosures WHERE agreement_id = $1`,
        [agreementA],
      );
      expect(res.body.shares).toEqual([
        { category: 'incident_notification', direction: 'police_to_partner', count: expected.shares },
      ]);
      expect(res.body.acknowledgement).toMatchObject({
        delivered: expected.shares,
        acknowledged: expected.acknowledged,
        slaMetPercent: Math.round((1000 * expected.sla_met) / expected.acknowledged) / 10,
      });
      expect(res.body.acknowledgement.medianSecondsToAcknowledge).toEqual(expect.any(Number));
      expect(res.body.responses).toEqual({ recorded: '<3', responded: '<3' });
      expect(res.body.fieldsWithheld).toEqual(
        expected.hospital_withheld >= 3
          ? expect.arrayContaining([{ field: 'hospital', count: expected.hospital_withheld }])
          : expect.any(Array),
      );

      // Referral figures come from the referrals table; seeded here directly (5 declined, 3 of them at capacity; 4
      // engaged).
      const ds = p.app.get(DataSource);
      const liaisonId = p.liaison.id;
      await ds.query(
        `INSERT INTO referrals (sender_org_id, recipient_org_id, agreement_id, agreement_version, flow_id, created_by,
        key_id, status, decline_reason)
       SELECT a.police_org_id, a.partner_org_id, a.id, 1, 'referrals', $2, 'k1', s.status, s.reason
       FROM agreements a, (VALUES ('declined', 'at_capacity'), ('declined', 'at_capacity'), ('declined',
         'at_capacity'), ('declined', 'outside_service_area'), ('declined', 'other'),
                                  ('engaged', NULL), ('engaged', NULL), ('engaged', NULL), ('engaged',
                                  NULL)) AS s(status, reason)
       WHERE a.id = $1`,
        [agreementA, liaisonId],
      );
      const withReferrals = await http()
        .get(`/api/v1/agreements/${agreementA}/report?${period}`)
        .set('Authorization', `Bearer ${board}`);
      expect(withReferrals.body.referrals).toEqual({
        stepsReleased: true,
        byStatus: [
          { status: 'declined', count: 5 },
          { status: 'engaged', count: 4 },
        ],
        declineReasons: [
          { reason: 'at_capacity', count: 3 },
          { reason: 'other', count: '<3' },
          { reason: 'outside_service_area', count: '<3' },
        ],
      });
      expect(withReferrals.body.secondaryDissemination).toEqual({ recorded: 0, refusedAttempts: 0 });

      const csv = await http()
        .get(`/api/v1/agreements/${agreementA}/report?${period}&format=csv`)
        .set('Authorization', `Bearer ${board}`);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.text).toContain('"responses","recorded","<3"');
      expect(csv.text).toContain(`"shares","incident_notification/police_to_partner","${expected.shares}"`);

      expect(
        (await http().get(`/api/v1/agreements/${agreementB}/report?${period}`).set('Authorization', `Bearer ${board}`))
          .status,
      ).toBe(404);
      expect(
        (
          await http()
            .get(`/api/v1/agreements/${agreementA}/report?from=2027-01-01T00:00:00Z&to=2026-01-01T00:00:00Z`)
            .set('Authorization', `Bearer ${board}`)
        ).status,
      ).toBe(400);
    },
  );

  it(
    'shows the police side’s board no partner steps on ' + 'referrals when the agreement sends no status back',
    async () => {
      // Agreement B is one-way (no referral_status flow); its board member is on the police side.
      await p.app.get(DataSource).query(
        `INSERT INTO referrals (sender_org_id, recipient_org_id, agreement_id, agreement_version, flow_id, created_by,
        key_id, status, decline_reason)
       SELECT a.police_org_id, a.partner_org_id, a.id, 1, 'referrals', $2, 'k1', s.status, s.reason
       FROM agreements a, (VALUES ('declined', 'safety_concern'), ('declined', 'safety_concern'), ('declined',
         'safety_concern'), ('engaged', NULL), ('engaged', NULL), ('engaged', NULL)) AS s(status, reason)
       WHERE a.id = $1`,
        [agreementB, p.liaison.id],
      );
      const board = await login(p.app, p.clock, boardPolice);
      const period = 'from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z';
      const res = await http()
        .get(`/api/v1/agreements/${agreementB}/report?${period}`)
        .set('Authorization', `Bearer ${board}`);
      expect(res.status).toBe(200);
      expect(res.body.referrals).toEqual({ stepsReleased: false, byStatus: [], declineReasons: [] });
      // The measures (issue 16) keep to the same rule: the police's own facts, none of the partner's steps.
      for (const m of [res.body.measures, res.body.previous]) {
        expect(m.referrals).toMatchObject({
          stepsReleased: false,
          accepted: null,
          declined: null,
          engaged: null,
          closed: null,
          declinedByReason: [],
          timeInState: [],
        });
        expect(m.timings.referralToFirstContactAttempt).toBeNull();
      }
      expect(res.body.measures.referrals.sent).toBe(6);
      expect(res.body.series.points.every((pt: { referralsEngaged: unknown }) => pt.referralsEngaged === null)).toBe(
        true,
      );
      const csv = await http()
        .get(`/api/v1/agreements/${agreementB}/report?${period}&format=csv`)
        .set('Authorization', `Bearer ${board}`);
      expect(csv.status).toBe(200);
      expect(csv.text).not.toContain('safety_concern');
      expect(csv.text).not.toContain('referrals_by_status');
    },
  );
  it('holds a two-way agreement to account both ways: concerns to police beside alerts to the partner', async () => {
    const manager = await invite(p.app, p.clock, await login(p.app, p.clock, p.partnerAdmin), 'pm@safestreets.test', [
      Role.ProgramManager,
    ]);
    const agreementC = await activeAgreement(
      p.app,
      'Board C (two-way)',
      [boardPolice.id],
      'two-way-referrals-and-status',
    );
    const pm = await login(p.app, p.clock, manager);
    const concerns: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const sent = await http().post('/api/v1/community-concerns').set('Authorization', `Bearer ${pm}`).send({
        agreementId: agreementC,
        concernType: 'rising_tension',
        area: 'D14',
        occurredAt: '2026-11-23T12:00:00Z',
      });
      expect(sent.status).toBe(201);
      concerns.push(sent.body.disclosureId as string);
    }
    const liaison = await login(p.app, p.clock, p.liaison);
    await eventually(async () => {
      const res = await http().get('/api/v1/inbox?limit=100').set('Authorization', `Bearer ${liaison}`);
      const ids = new Set((res.body.items ?? []).map((i: { disclosureId: string }) => i.disclosureId));
      return concerns.every((id) => ids.has(id)) ? true : undefined;
    });
    // Three acknowledged in time by the liaison; one more escalated (seeded, as the deadline job would leave it).
    for (const id of concerns.slice(0, 3))
      expect(
        (await http().post(`/api/v1/inbox/${id}/acknowledge`).set('Authorization', `Bearer ${liaison}`)).status,
      ).toBe(200);
    const ds = p.app.get(DataSource);
    await ds.query(`UPDATE disclosures SET escalated_at = created_at + interval '24 hours' WHERE id = $1`, [
      concerns[4],
    ]);
    // One alert the other way, under this agreement as under the others.
    await shareIncident(liaison, 'Dispute near the park.');

    const board = await login(p.app, p.clock, boardPolice);
    const period = 'from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z';
    const res = await http()
      .get(`/api/v1/agreements/${agreementC}/report?${period}`)
      .set('Authorization', `Bearer ${board}`);
    expect(res.status).toBe(200);
    const counted: { category: string; from_police: boolean; n: Record<string, number> }[] = await ds.query(
      `SELECT category, sender_org_id = a.police_org_id AS from_police,
              json_build_object('shared', count(*), 'acknowledged', count(acknowledged_at),
                'slaMet', count(*) FILTER (WHERE sla_met), 'escalated', count(escalated_at)) AS n
       FROM disclosures d JOIN agreements a ON a.id = d.agreement_id WHERE d.agreement_id = $1 GROUP BY 1, 2`,
      [agreementC],
    );
    const suppressed = (n = 0) => (n > 0 && n < 3 ? '<3' : n);
    const expected = (category: string, fromPolice: boolean) => {
      const n = counted.find((r) => r.category === category && r.from_police === fromPolice)?.n ?? {};
      return {
        category,
        direction: fromPolice ? 'police_to_partner' : 'partner_to_police',
        shared: suppressed(n.shared),
        acknowledged: suppressed(n.acknowledged),
        slaMet: suppressed(n.slaMet),
        escalated: suppressed(n.escalated),
      };
    };
    expect(res.body.accountability).toEqual([
      expected('incident_notification', true),
      expected('community_concern', false),
    ]);
    // The numbers themselves: five concerns, three acknowledged in time, one escalated; one alert, none acknowledged.
    expect(res.body.accountability).toEqual([
      {
        category: 'incident_notification',
        direction: 'police_to_partner',
        shared: '<3',
        acknowledged: 0,
        slaMet: 0,
        escalated: 0,
      },
      {
        category: 'community_concern',
        direction: 'partner_to_police',
        shared: 5,
        acknowledged: 3,
        slaMet: 3,
        escalated: '<3',
      },
    ]);
    const csv = await http()
      .get(`/api/v1/agreements/${agreementC}/report?${period}&format=csv`)
      .set('Authorization', `Bearer ${board}`);
    expect(csv.text).toContain('"accountability","community_concern/partner_to_police/acknowledged","3"');
    expect(csv.text).toContain('"accountability","community_concern/partner_to_police/escalated","<3"');

    // Under a one-way agreement the concerns row is there, at zero.
    const oneWay = await http()
      .get(`/api/v1/agreements/${agreementB}/report?${period}`)
      .set('Authorization', `Bearer ${board}`);
    expect(oneWay.body.accountability[1]).toEqual({
      category: 'community_concern',
      direction: 'partner_to_police',
      shared: 0,
      acknowledged: 0,
      slaMet: 0,
      escalated: 0,
    });
  });

  describe('board membership comes from the version in force (issue 13)', () => {
    /** The three board routes, as one member sees them: 200 or 404 each. */
    async function boardAccess(user: EnrolledUser, agreementId: string): Promise<number[]> {
      const token = await login(p.app, p.clock, user);
      const period = 'from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z';
      const paths = [
        `/api/v1/agreements/${agreementId}/audit`,
        `/api/v1/agreements/${agreementId}/audit/bundle`,
        `/api/v1/agreements/${agreementId}/report?${period}`,
      ];
      return Promise.all(
        paths.map(async (path) => (await http().get(path).set('Authorization', `Bearer ${token}`)).status),
      );
    }
    /**
     * An amendment naming `boardMemberIds`, proposed and approved by the police only (in force once the partner
     * approves too).
     */
    async function proposeAmendment(agreementId: string, boardMemberIds: string[]): Promise<string> {
      const police = await login(p.app, p.clock, p.policeAdmin);
      const draft = await http()
        .post(`/api/v1/agreements/${agreementId}/amendments`)
        .set('Authorization', `Bearer ${police}`);
      expect(draft.status).toBe(201);
      const versionId = draft.body.id as string;
      expect(
        (
          await http()
            .patch(`/api/v1/agreement-versions/${versionId}`)
            .set('Authorization', `Bearer ${police}`)
            .send({ boardMemberIds })
        ).status,
      ).toBe(200);
      expect(
        (await http().post(`/api/v1/agreement-versions/${versionId}/propose`).set('Authorization', `Bearer ${police}`))
          .status,
      ).toBe(201);
      expect(
        (await http().post(`/api/v1/agreement-versions/${versionId}/approve`).set('Authorization', `Bearer ${police}`))
          .body.status,
      ).toBe('proposed');
      return versionId;
    }
    async function partnerApproves(versionId: string): Promise<void> {
      const partner = await login(p.app, p.clock, p.partnerAdmin);
      expect(
        (await http().post(`/api/v1/agreement-versions/${versionId}/approve`).set('Authorization', `Bearer ${partner}`))
          .body.status,
      ).toBe('active');
    }

    it('gives a member named only by a proposed amendment 404, and access once both parties approved it', async () => {
      const agreementId = await activeAgreement(p.app, 'Board C', [boardA.id]);
      const proposed = await proposeAmendment(agreementId, [boardA.id, boardPolice.id]);
      expect(await boardAccess(boardPolice, agreementId)).toEqual([404, 404, 404]);
      expect(await boardAccess(boardA, agreementId)).toEqual([200, 200, 200]);
      await partnerApproves(proposed);
      expect(await boardAccess(boardPolice, agreementId)).toEqual([200, 200, 200]);
    });

    it(
      'takes access away from a member removed by an amendment on the next request (a superseded version names ' +
        'no one)',
      async () => {
        const agreementId = await activeAgreement(p.app, 'Board D', [boardA.id, boardPolice.id]);
        expect(await boardAccess(boardPolice, agreementId)).toEqual([200, 200, 200]);
        const removal = await proposeAmendment(agreementId, [boardA.id]);
        // Until the partner approves, the version in force still names them.
        expect(await boardAccess(boardPolice, agreementId)).toEqual([200, 200, 200]);
        await partnerApproves(removal);
        expect(await boardAccess(boardPolice, agreementId)).toEqual([404, 404, 404]);
        expect(await boardAccess(boardA, agreementId)).toEqual([200, 200, 200]);
      },
    );

    it('keeps the board of the last active version once the agreement has ended', async () => {
      const agreementId = await activeAgreement(p.app, 'Board E', [boardA.id]);
      // A proposal open at termination never took effect: its members never get in.
      await proposeAmendment(agreementId, [boardA.id, boardPolice.id]);
      const partner = await login(p.app, p.clock, p.partnerAdmin);
      expect(
        (
          await http()
            .post(`/api/v1/agreements/${agreementId}/end`)
            .set('Authorization', `Bearer ${partner}`)
            .send({ action: 'terminate' })
        ).status,
      ).toBe(201);
      expect(await boardAccess(boardA, agreementId)).toEqual([200, 200, 200]);
      expect(await boardAccess(boardPolice, agreementId)).toEqual([404, 404, 404]);
    });
  });
});
