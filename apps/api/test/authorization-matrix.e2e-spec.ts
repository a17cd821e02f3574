import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { type ManualClock, OrganizationsService } from '@accord/identity';
import { AbilityFactory, listRoutePolicies, OrgKind, Role } from '@accord/policy';
import {
  createTestDatabase,
  enroll,
  type EnrolledUser,
  invite,
  login,
  organizationWithAdmin,
  sampleIncident,
  type TestDatabase,
  type TwoWayPartnership,
  twoWayPartnership,
} from '@accord/testing';
import { startApiWithClock } from './test-api';

/**
 * The authorization matrix (issue 12 "Shown by"): every route of the route-policy snapshot
 * (route-policies.e2e-spec.ts.snap) × every role × the object's owner: the caller's own partnership
 * ("own"), an organization the caller has nothing to do with ("foreign": the same role in an
 * unrelated organization asks for the partnership's objects) and an id that exists nowhere
 * ("random"). CELLS must name every route the app has, so a new route fails here until its cells
 * are written; the outcomes are a snapshot, reviewed like the route-policy one.
 *
 * Invariants checked on every cell besides the snapshot: no 5xx; a foreign or random id is never
 * answered 2xx (nor anything that tells it exists); a role whose baseline lacks the route's policy
 * action gets 403. Own cells of state-changing routes are sent with an empty JSON body, which each
 * route refuses (400) before it changes anything for a caller allowed to reach it — except the
 * routes marked `ownSkipped`, whose own cell would change the fixtures themselves (their suites are
 * named).
 */

type Param =
  'agreementId' | 'id' | 'disclosureId' | 'incidentId' | 'referralId' | 'versionId' | 'webhookId' | 'holdId' | 'email';
interface Cell {
  /** The own cell changes what the other cells stand on; the suite that covers it instead. */
  ownSkipped?: string;
}

const CELLS: Record<string, Cell> = {
  'DELETE /webhooks/:webhookId': { ownSkipped: 'channels.e2e (webhooks)' },
  'GET /agreements': {},
  'GET /agreements/:agreementId': {},
  'GET /agreements/:agreementId/audit': {},
  'GET /agreements/:agreementId/audit/bundle': {},
  'GET /agreements/:agreementId/audit/public-key': {},
  'GET /agreements/:agreementId/diff': {},
  'GET /agreements/:agreementId/legal-holds': {},
  'GET /agreements/:agreementId/report': {},
  'GET /agreements/:agreementId/review-sign-offs': {},
  'GET /agreements/templates': {},
  'GET /community-concerns': {},
  'GET /demo/accounts': {},
  'GET /demo/accounts/:email/code': {},
  'GET /health': {},
  'GET /inbox': {},
  'GET /inbox/:disclosureId': {},
  'GET /inbox/stream': { ownSkipped: 'inbox-stream.e2e (an open event stream)' },
  'GET /incidents': {},
  'GET /incidents/:incidentId': {},
  'GET /incidents/:incidentId/disclosures': {},
  'GET /incidents/:incidentId/preview': {},
  'GET /me': {},
  'GET /me/abilities': {},
  'GET /organizations': {},
  'GET /organizations/me': {},
  'GET /organizations/me/workers': {},
  'GET /referrals': {},
  'GET /referrals/:referralId': {},
  'GET /referrals/:referralId/notes': {},
  'GET /service-areas': {},
  'GET /users': {},
  'GET /users/:id': {},
  'GET /users/:id/events': {},
  'GET /webhooks': {},
  'PATCH /agreement-versions/:versionId': {},
  'PATCH /incidents/:incidentId': {},
  'POST /agreement-versions/:versionId/approve': { ownSkipped: 'agreements.e2e (approval)' },
  'POST /agreement-versions/:versionId/propose': { ownSkipped: 'agreements.e2e (proposal)' },
  'POST /agreements': {},
  'POST /agreements/:agreementId/amendments': {},
  'POST /agreements/:agreementId/end': {},
  'POST /agreements/:agreementId/legal-holds': {},
  'POST /agreements/:agreementId/review-sign-offs': {},
  'POST /auth/enrollment': {},
  'POST /auth/enrollment/confirm': {},
  'POST /auth/login': {},
  'POST /auth/logout': { ownSkipped: 'identity.e2e (logout ends every session of the caller)' },
  'POST /auth/password': {},
  'POST /auth/reauthenticate': {},
  'POST /community-concerns': {},
  'POST /inbox/:disclosureId/acknowledge': { ownSkipped: 'sharing.e2e (acknowledgement)' },
  'POST /incidents': {},
  'POST /incidents/:incidentId/share': {},
  'POST /legal-holds/:holdId/lift': { ownSkipped: 'retention.e2e (legal holds)' },
  'POST /organizations': {},
  'POST /referrals': {},
  'POST /referrals/:referralId/consent-withdrawal': { ownSkipped: 'referrals.e2e (consent withdrawal)' },
  'POST /referrals/:referralId/forward': {},
  'POST /referrals/:referralId/notes': {},
  'POST /referrals/:referralId/transitions': {},
  'POST /users': {},
  'POST /users/:id/disable': { ownSkipped: 'identity.e2e (disable)' },
  'POST /users/:id/enable': { ownSkipped: 'identity.e2e (enable)' },
  'POST /users/:id/release-lockout': { ownSkipped: 'identity.e2e (lockout)' },
  'POST /users/:id/reset': { ownSkipped: 'identity.e2e (reset)' },
  'POST /webhooks': {},
  'PUT /inbox/:disclosureId/response': {},
  'PUT /service-areas': {},
  'PUT /users/:id/roles': {},
};

const ROLES = [
  Role.OrgAdmin,
  Role.PoliceLiaison,
  Role.ProgramManager,
  Role.OutreachWorker,
  Role.BoardMember,
  Role.PlatformOperator,
] as const;
type Variant = 'own' | 'foreign' | 'random';

describe('authorization matrix: role × route × own / foreign / random id (e2e)', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let clock: ManualClock;
  let p: TwoWayPartnership;
  /** Tokens of the partnership's people, by role, and of the unrelated organizations' people. */
  const own = new Map<Role, { token: string; colleagueId: string }>();
  const foreign = new Map<Role, string>();
  const ids: Record<Exclude<Param, 'email'>, string> = {
    agreementId: '',
    id: '',
    disclosureId: '',
    incidentId: '',
    referralId: '',
    versionId: '',
    webhookId: '',
    holdId: '',
  };
  const http = () => request(app.getHttpServer());
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    db = await createTestDatabase('authzmatrix');
    ({ app, clock } = await startApiWithClock(db, { LOGIN_THROTTLE_MAX_ATTEMPTS: '100000' }));
    // Two-way: alerts one way, referrals and their status the other, so every content route has an object.
    p = await twoWayPartnership(app, clock);
    const policeAdmin = await login(app, clock, p.policeAdmin);
    const partnerAdmin = await login(app, clock, p.partnerAdmin);
    const manager = p.manager;
    const board = await invite(app, clock, partnerAdmin, 'board@safestreets.test', [Role.BoardMember]);
    const operatorLink = await app
      .get(OrganizationsService)
      .createOperator({ bypassAuthorization: 'command-line' }, 'operator@accord.test');
    const operator = await enroll(app, clock, operatorLink.enrollment.url, 'operator@accord.test');
    const person = async (user: EnrolledUser, colleague: EnrolledUser) => ({
      token: await login(app, clock, user),
      colleagueId: colleague.id,
    });
    own.set(Role.OrgAdmin, await person(p.partnerAdmin, p.worker));
    own.set(Role.PoliceLiaison, await person(p.liaison, p.policeAdmin));
    own.set(Role.ProgramManager, await person(manager, p.worker));
    own.set(Role.OutreachWorker, await person(p.worker, manager));
    own.set(Role.BoardMember, await person(board, p.worker));
    own.set(Role.PlatformOperator, await person(operator, p.partnerAdmin));

    // The partnership's objects.
    ids.agreementId = p.agreementId;
    ids.id = p.worker.id;
    const liaison = own.get(Role.PoliceLiaison)!.token;
    const incident = await http()
      .post('/api/v1/incidents')
      .set(bearer(liaison))
      .send(sampleIncident('Matrix incident near the park.'));
    expect(incident.status).toBe(201);
    ids.incidentId = incident.body.id as string;
    const shared = await http()
      .post(`/api/v1/incidents/${ids.incidentId}/share`)
      .set(bearer(liaison))
      .send({ redact: false });
    expect(shared.status).toBeLessThan(300);
    ids.disclosureId = shared.body[0].disclosureId as string;
    const agreement = await http().get(`/api/v1/agreements/${p.agreementId}`).set(bearer(policeAdmin));
    ids.versionId = agreement.body.versions[0].id as string;
    const webhook = await http()
      .post('/api/v1/webhooks')
      .set(bearer(partnerAdmin))
      .send({ url: 'https://hooks.safestreets.example/accord' });
    expect(webhook.status).toBe(201);
    ids.webhookId = webhook.body.id as string;
    const hold = await http()
      .post(`/api/v1/agreements/${p.agreementId}/legal-holds`)
      .set(bearer(partnerAdmin))
      .send({ reason: 'litigation' });
    expect(hold.status).toBe(201);
    ids.holdId = hold.body.id as string;
    const referral = await http()
      .post('/api/v1/referrals')
      .set(bearer(liaison))
      .send({
        agreementId: p.agreementId,
        person: {
          name: 'Matrix Person',
          contact: '312-555-0199',
          dateOfBirth: '2008-04-17',
          age: 18,
          reason: 'Matrix fixture',
          riskFactors: ['prior_victimization'],
        },
        consent: { basis: 'written', givenOn: '2026-11-20', expiresOn: '2027-11-20' },
      });
    expect(referral.status).toBe(201);
    ids.referralId = referral.body.id as string;

    // Unrelated organizations: the same roles with no agreement with either party.
    const outsider = await organizationWithAdmin(
      app,
      clock,
      'Unrelated Outreach',
      OrgKind.Community,
      'admin@unrelated.test',
    );
    const outsiderAdmin = await login(app, clock, outsider.admin);
    const otherPolice = await organizationWithAdmin(
      app,
      clock,
      'Unrelated Police',
      OrgKind.Police,
      'admin@unrelated-pd.test',
    );
    foreign.set(Role.OrgAdmin, outsiderAdmin);
    foreign.set(
      Role.PoliceLiaison,
      await login(
        app,
        clock,
        await invite(app, clock, await login(app, clock, otherPolice.admin), 'liaison@unrelated-pd.test', [
          Role.PoliceLiaison,
        ]),
      ),
    );
    foreign.set(
      Role.ProgramManager,
      await login(app, clock, await invite(app, clock, outsiderAdmin, 'manager@unrelated.test', [Role.ProgramManager])),
    );
    foreign.set(
      Role.OutreachWorker,
      await login(app, clock, await invite(app, clock, outsiderAdmin, 'worker@unrelated.test', [Role.OutreachWorker])),
    );
    foreign.set(
      Role.BoardMember,
      await login(app, clock, await invite(app, clock, outsiderAdmin, 'board@unrelated.test', [Role.BoardMember])),
    );
    // The operator belongs to no partnership: their "foreign" cell is the same person as "own".
    foreign.set(Role.PlatformOperator, own.get(Role.PlatformOperator)!.token);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  function pathFor(route: string, variant: Variant, role: Role): string {
    const path = route.slice(route.indexOf(' ') + 1);
    // The health probe is the one route outside the API prefix.
    return `${path.startsWith('/health') ? '' : '/api/v1'}${path.replace(/:(\w+)/g, (_m, name: Param) => {
      if (name === 'email') return 'admin@safestreets.test';
      if (variant === 'random') return randomUUID();
      if (name === 'id' && variant === 'own') return own.get(role)!.colleagueId;
      return ids[name];
    })}`;
  }

  async function send(route: string, variant: Variant, role: Role): Promise<number> {
    const method = route.slice(0, route.indexOf(' ')).toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const token = variant === 'foreign' ? foreign.get(role)! : own.get(role)!.token;
    let req = http()
      [method](pathFor(route, variant, role))
      .set(bearer(token));
    if (method !== 'get' && method !== 'delete') req = req.send({});
    if (route.startsWith('GET /agreements/:agreementId/report'))
      req = req.query({ from: '2026-01-01T00:00:00Z', to: '2026-12-31T00:00:00Z' });
    return (await req).status;
  }

  it('has cells for exactly the routes of the route-policy snapshot (a new route needs its cells)', () => {
    expect(Object.keys(CELLS).sort()).toEqual(
      listRoutePolicies(app)
        .map((r) => r.route)
        .sort(),
    );
  });

  it(
    'answers every cell as recorded, never 5xx, never 2xx to a foreign or random id, 403 where the role lacks ' +
      'the policy',
    async () => {
      const policies = new Map(listRoutePolicies(app).map((r) => [r.route, r.policy]));
      const factory = new AbilityFactory();
      const outcomes: Record<string, Record<string, string>> = {};
      const violations: string[] = [];
      // Logging out ends every session of the caller: its cells run last.
      const routes = Object.entries(CELLS).sort(
        ([a], [b]) => Number(a === 'POST /auth/logout') - Number(b === 'POST /auth/logout'),
      );
      for (const [route, cell] of routes) {
        const hasId = /\/:(?!email)\w+/.test(route);
        const policy = policies.get(route)!;
        outcomes[route] = {};
        for (const role of ROLES) {
          const variants: Variant[] = hasId ? ['own', 'foreign', 'random'] : ['own', 'foreign'];
          const row: string[] = [];
          for (const variant of variants) {
            if (variant === 'own' && cell.ownSkipped) {
              row.push(`${variant}:-`);
              continue;
            }
            const status = await send(route, variant, role);
            row.push(`${variant}:${status}`);
            if (status >= 500) violations.push(`${route} ${role} ${variant}: ${status}`);
            const [action, subjectType] = policy.split(' ') as [string, string];
            const baseline = factory.createFor({ userId: randomUUID(), orgId: randomUUID(), roles: [role] });
            if (policy !== 'public' && !baseline.can(action as never, subjectType as never) && status !== 403) {
              violations.push(`${route} ${role} ${variant}: ${status} although the role's baseline has no "${policy}"`);
            }
            if (hasId && variant !== 'own' && status < 300 && policy !== 'public')
              violations.push(`${route} ${role} ${variant}: ${status} for an object not theirs`);
          }
          outcomes[route][role] = row.join(' ');
        }
      }
      expect(violations).toEqual([]);
      expect(outcomes).toMatchSnapshot();
    },
    300_000,
  );
});
