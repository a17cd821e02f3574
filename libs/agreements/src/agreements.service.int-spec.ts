import { DataSource } from 'typeorm';
import { AuditService, AuditSigningKey, agreementStream } from '@accord/audit';
import { DomainException } from '@accord/http';
import { Organization, User } from '@accord/entities/identity';
import { ManualClock } from '@accord/identity';
import { AbilityFactory, type AuthContext, OrgKind, Role } from '@accord/policy';
import { createTestDatabase, type TestDatabase } from '@accord/testing';
import { AgreementsService } from './agreements.service';
import { VersionStatus } from './agreement-version.entity';

const factory = new AbilityFactory();

describe('AgreementsService (real PostgreSQL, app role)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let clock: ManualClock;
  let service: AgreementsService;
  let police: Organization;
  let outreach: Organization;
  let otherPolice: Organization;
  const users: Record<string, User> = {};

  async function org(name: string, kind: OrgKind) {
    return ds.getRepository(Organization).save({ name, kind });
  }
  async function user(key: string, orgId: string, roles: Role[]) {
    users[key] = await ds.getRepository(User).save({ orgId, email: `${key}@example.test`, roles });
    return users[key]!;
  }
  function as(key: string, kind: OrgKind, authenticatedAgoMs = 0): AuthContext {
    const u = users[key]!;
    return {
      userId: u.id,
      orgId: u.orgId,
      orgKind: kind,
      roles: u.roles,
      sessionId: 'session',
      ability: factory.createFor({ userId: u.id, orgId: u.orgId, roles: u.roles }),
      authenticatedAt: new Date(clock.now().getTime() - authenticatedAgoMs),
    };
  }
  const policeAdmin = () => as('police-admin', OrgKind.Police);
  const partnerAdmin = () => as('partner-admin', OrgKind.Community);

  async function expectCode(promise: Promise<unknown>, code: string) {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainException);
    expect((error as DomainException).code).toBe(code);
  }
  async function auditActions(agreementId: string): Promise<string[]> {
    const rows = await ds.query<{ action: string }[]>(
      'SELECT action FROM audit_entries WHERE stream = $1 ORDER BY seq',
      [agreementStream(agreementId)],
    );
    return rows.map((r) => r.action);
  }
  async function activeAgreement() {
    const created = await service.create(policeAdmin(), {
      counterpartOrgId: outreach.id,
      title: 'Shooting alerts',
      templateKey: 'one-way-shooting-notifications',
    });
    const v1 = created.versions[0]!;
    await service.propose(policeAdmin(), v1.id);
    await service.approve(policeAdmin(), v1.id);
    await service.approve(partnerAdmin(), v1.id);
    return created.id;
  }

  beforeAll(async () => {
    db = await createTestDatabase('agreements');
    ds = await db.connectApp(4);
    clock = new ManualClock(new Date('2026-11-23T12:00:00Z'));
    service = new AgreementsService(ds, new AuditService(), clock, AuditSigningKey.generate());
    police = await org('Eastside Police Department', OrgKind.Police);
    outreach = await org('Safe Streets Outreach', OrgKind.Community);
    otherPolice = await org('Northside Police Department', OrgKind.Police);
    await user('police-admin', police.id, [Role.OrgAdmin]);
    await user('partner-admin', outreach.id, [Role.OrgAdmin]);
    await user('outsider-admin', otherPolice.id, [Role.OrgAdmin]);
    await user('partner-board', outreach.id, [Role.BoardMember]);
    await user('partner-worker', outreach.id, [Role.OutreachWorker]);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('activates only after an org admin of each party approves; the proposer’s approval counts once', async () => {
    const created = await service.create(policeAdmin(), {
      counterpartOrgId: outreach.id,
      title: 'Alerts',
      templateKey: 'one-way-shooting-notifications',
      boardMemberIds: [users['partner-board']!.id],
    });
    const v1 = created.versions[0]!;
    expect(v1.status).toBe(VersionStatus.Draft);
    await service.propose(policeAdmin(), v1.id);
    const afterOne = await service.approve(policeAdmin(), v1.id);
    expect(afterOne.status).toBe(VersionStatus.Proposed);
    await expectCode(service.approve(policeAdmin(), v1.id), 'ALREADY_APPROVED');
    expect(await service.activeGrantsForOrg(police.id)).toEqual([]);
    const afterTwo = await service.approve(partnerAdmin(), v1.id);
    expect(afterTwo.status).toBe(VersionStatus.Active);
    expect(afterTwo.approvals.map((a) => a.orgId).sort()).toEqual([police.id, outreach.id].sort());
    expect(await auditActions(created.id)).toEqual([
      'agreement.create',
      'agreement.version.propose',
      'agreement.version.approve',
      'agreement.version.approve',
      'agreement.version.activate',
    ]);
  });

  it('requires a fresh re-authentication to approve', async () => {
    const created = await service.create(policeAdmin(), {
      counterpartOrgId: outreach.id,
      title: 'Stale',
      templateKey: 'one-way-shooting-notifications',
    });
    await service.propose(policeAdmin(), created.versions[0]!.id);
    await expectCode(
      service.approve(as('police-admin', OrgKind.Police, 6 * 60 * 1000), created.versions[0]!.id),
      'REAUTHENTICATION_REQUIRED',
    );
  });

  it('refuses to propose invalid sharing parameters, naming the path, and leaves the draft as it was', async () => {
    const created = await service.create(policeAdmin(), {
      counterpartOrgId: outreach.id,
      title: 'Bad',
      sharingParameters: {
        flows: [
          {
            id: 'alerts',
            category: 'incident_notification',
            from: 'police',
            to: 'partner',
            audience: ['outreach_worker'],
            fields: { name: 'include' },
            retentionDays: 10,
          },
        ],
      },
    });
    const error = await service.propose(policeAdmin(), created.versions[0]!.id).then(
      () => undefined,
      (e: unknown) => e as DomainException,
    );
    expect(error?.code).toBe('SHARING_PARAMETERS_INVALID');
    expect(error?.details).toEqual({
      problems: [{ path: 'flows[0].fields.name', reason: expect.stringContaining('identifies a person') }],
    });
    expect((await service.get(policeAdmin(), created.id)).versions[0]!.status).toBe(VersionStatus.Draft);
  });

  it('keeps the old version in force until an amendment is fully approved, then supersedes it', async () => {
    const agreementId = await activeAgreement();
    const v2 = await service.amend(partnerAdmin(), agreementId);
    expect(v2.version).toBe(2);
    await service.updateDraft(partnerAdmin(), v2.id, {
      sharingParameters: {
        flows: [{ ...v2.sharingParameters.flows[0]!, fields: { incidentType: 'include', location: 'area' } }],
      },
    });
    await service.propose(partnerAdmin(), v2.id);
    await service.approve(partnerAdmin(), v2.id);
    expect((await service.activeGrantsForOrg(outreach.id)).find((g) => g.agreementId === agreementId)?.version).toBe(1);
    await service.approve(policeAdmin(), v2.id);
    expect((await service.activeGrantsForOrg(outreach.id)).find((g) => g.agreementId === agreementId)?.version).toBe(2);
    const view = await service.get(policeAdmin(), agreementId);
    expect(view.versions.map((v) => v.status)).toEqual([VersionStatus.Superseded, VersionStatus.Active]);
    const diff = await service.diff(policeAdmin(), agreementId, 1, 2);
    expect(diff).toContainEqual({
      path: 'flow shooting-alerts › fields.location',
      change: 'changed',
      before: 'block',
      after: 'area',
    });
  });

  it('lets either party suspend or terminate alone, with immediate effect on grants', async () => {
    const first = await activeAgreement();
    expect((await service.activeGrantsForOrg(police.id)).some((g) => g.agreementId === first)).toBe(true);
    await service.end(partnerAdmin(), first, 'suspend');
    expect((await service.activeGrantsForOrg(police.id)).some((g) => g.agreementId === first)).toBe(false);
    expect((await service.activeGrantsForOrg(outreach.id)).some((g) => g.agreementId === first)).toBe(false);

    const second = await activeAgreement();
    await service.end(policeAdmin(), second, 'terminate');
    expect((await service.activeGrantsForOrg(outreach.id)).some((g) => g.agreementId === second)).toBe(false);
    await expectCode(service.amend(partnerAdmin(), second), 'AGREEMENT_STATE');
    expect(await auditActions(second)).toEqual(
      expect.arrayContaining(['agreement.version.terminate', 'agreement.terminate']),
    );
  });

  it(
    'grants nothing past the agreed end date, even before the ' + 'expiry job runs; the job then marks it expired',
    async () => {
      const created = await service.create(policeAdmin(), {
        counterpartOrgId: outreach.id,
        title: 'Short',
        templateKey: 'one-way-shooting-notifications',
        effectiveUntil: '2026-11-24T00:00:00Z',
      });
      await service.propose(policeAdmin(), created.versions[0]!.id);
      await service.approve(policeAdmin(), created.versions[0]!.id);
      await service.approve(partnerAdmin(), created.versions[0]!.id);
      expect((await service.activeGrantsForOrg(outreach.id)).some((g) => g.agreementId === created.id)).toBe(true);
      clock.set(new Date('2026-11-24T00:00:01Z'));
      expect((await service.activeGrantsForOrg(outreach.id)).some((g) => g.agreementId === created.id)).toBe(false);
      expect(await service.expireDue()).toBeGreaterThanOrEqual(1);
      expect((await service.get(policeAdmin(), created.id)).versions[0]!.status).toBe(VersionStatus.Expired);
      expect(await auditActions(created.id)).toContain('agreement.version.expire');
      clock.set(new Date('2026-11-23T12:00:00Z'));
    },
  );

  it('hides an agreement from an organization that is not party to it (404)', async () => {
    const agreementId = await activeAgreement();
    const outsider = as('outsider-admin', OrgKind.Police);
    await expectCode(service.get(outsider, agreementId), 'NOT_FOUND');
    await expectCode(service.end(outsider, agreementId, 'suspend'), 'NOT_FOUND');
    expect((await service.list(outsider)).map((a) => a.id)).not.toContain(agreementId);
    await expectCode(service.get(as('partner-worker', OrgKind.Community), agreementId), 'FORBIDDEN');
  });

  it('refuses an agreement between two police organizations or with a board member of a third party', async () => {
    await expectCode(
      service.create(policeAdmin(), { counterpartOrgId: otherPolice.id, title: 'Police pact' }),
      'AGREEMENT_PARTY_INVALID',
    );
    const created = await service.create(policeAdmin(), {
      counterpartOrgId: outreach.id,
      title: 'Board',
      templateKey: 'one-way-shooting-notifications',
      boardMemberIds: [users['outsider-admin']!.id],
    });
    await expectCode(service.propose(policeAdmin(), created.versions[0]!.id), 'AGREEMENT_PARTY_INVALID');
  });
});
