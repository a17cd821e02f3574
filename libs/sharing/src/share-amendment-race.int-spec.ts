import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AgreementsService, LegalHoldsService } from '@accord/agreements';
import { AuditService, AuditSigningKey, agreementStream } from '@accord/audit';
import { Organization, User } from '@accord/entities/identity';
import { ManualClock, SecretBox } from '@accord/identity';
import { OutboxService } from '@accord/jobs';
import { AbilityFactory, AbilityService, type AuthContext, OrgKind, Role, type Flow } from '@accord/policy';
import { createTestDatabase, type TestDatabase } from '@accord/testing';
import { DeliveryAnnouncements } from './delivery-announcements';
import { DeliveryFollowUps } from './delivery-follow-ups';
import { DeliveryService } from './delivery.service';
import { Disclosure } from './disclosure.entity';
import { DisclosuresService } from './disclosures.service';
import { SharingService } from './sharing.service';
import { ServiceAreasService } from './service-areas.service';

/**
 * docs/agreements.md: the share reads the agreement version it applies under a lock, so an amendment
 * activated at the same moment is either wholly before the share or wholly after it — and the
 * audit entry names the version that was used.
 */
describe('a share racing an amendment', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let agreements: AgreementsService;
  let sharing: SharingService;
  let abilities: AbilityService;
  const clock = new ManualClock(new Date('2026-11-23T12:00:00Z'));
  const users: Record<string, User> = {};
  const kinds: Record<string, OrgKind> = {};

  async function as(key: string): Promise<AuthContext> {
    const u = users[key]!;
    return {
      userId: u.id,
      orgId: u.orgId,
      orgKind: kinds[key]!,
      roles: u.roles,
      sessionId: 's',
      ability: await abilities.abilityFor({ userId: u.id, orgId: u.orgId, orgKind: kinds[key]!, roles: u.roles }),
      authenticatedAt: clock.now(),
    };
  }

  beforeAll(async () => {
    db = await createTestDatabase('sharerace');
    ds = await db.connectApp(8);
    const audit = new AuditService();
    agreements = new AgreementsService(ds, audit, clock, AuditSigningKey.generate());
    const holds = new LegalHoldsService(ds, audit, agreements, clock);
    const outbox = new OutboxService();
    const disclosures = new DisclosuresService(ds, outbox, holds, clock);
    const announcements = new DeliveryAnnouncements();
    const delivery = new DeliveryService(
      ds,
      agreements,
      audit,
      clock,
      outbox,
      disclosures,
      announcements,
      new DeliveryFollowUps(),
    );
    const box = new SecretBox(randomBytes(32));
    const areas = new ServiceAreasService(ds, audit);
    sharing = new SharingService(ds, audit, agreements, disclosures, box, clock, areas, delivery, announcements);
    abilities = new AbilityService(new AbilityFactory(), agreements);
    const police = await ds.getRepository(Organization).save({ name: 'Eastside PD', kind: OrgKind.Police });
    const partner = await ds.getRepository(Organization).save({ name: 'Safe Streets', kind: OrgKind.Community });
    for (const [key, org, roles] of [
      ['police-admin', police, [Role.OrgAdmin]],
      ['liaison', police, [Role.PoliceLiaison]],
      ['partner-admin', partner, [Role.OrgAdmin]],
    ] as const) {
      users[key] = await ds
        .getRepository(User)
        .save({ orgId: org.id, email: `${key}@example.test`, roles: [...roles] });
      kinds[key] = org.kind;
    }
  });

  afterAll(async () => {
    await db.drop();
  });

  it('applies wholly the old or wholly the new version, and the audit names the one used (10 races)', async () => {
    const created = await agreements.create(await as('police-admin'), {
      counterpartOrgId: (await ds.getRepository(User).findOneByOrFail({ id: users['partner-admin']!.id })).orgId,
      title: 'Alerts',
      templateKey: 'one-way-shooting-notifications',
    });
    const agreementId = created.id;
    await agreements.propose(await as('police-admin'), created.versions[0]!.id);
    await agreements.approve(await as('police-admin'), created.versions[0]!.id);
    await agreements.approve(await as('partner-admin'), created.versions[0]!.id);

    for (let round = 0; round < 10; round += 1) {
      // Each amendment flips the location precision, so a disclosure shows which version made it.
      const draft = await agreements.amend(await as('police-admin'), agreementId);
      const precision = draft.version % 2 === 0 ? 'area' : 'block';
      const flows = draft.sharingParameters.flows.map((f: Flow) => ({
        ...f,
        fields: { ...f.fields, location: precision },
      }));
      await agreements.updateDraft(await as('police-admin'), draft.id, { sharingParameters: { flows } });
      await agreements.propose(await as('police-admin'), draft.id);
      await agreements.approve(await as('police-admin'), draft.id);

      const liaison = await as('liaison');
      const incident = await sharing.createIncident(liaison, {
        type: 'shooting',
        occurredAt: '2026-11-23T01:00:00Z',
        location: {
          latitude: 41.9,
          longitude: -87.67,
          houseNumber: '1234',
          street: 'W Division St',
          serviceArea: 'D14',
        },
        victims: [{ age: 19, fatal: false }],
        retaliationRisk: 'medium',
      });
      const [shared] = await Promise.all([
        sharing.share(liaison, incident.id, false),
        agreements.approve(await as('partner-admin'), draft.id),
      ]);
      expect(shared).toHaveLength(1);
      const disclosure = await ds.getRepository(Disclosure).findOneByOrFail({ id: shared![0]!.disclosureId });
      const expected = disclosure.agreementVersion % 2 === 0 ? 'area' : 'block';
      expect([draft.version - 1, draft.version]).toContain(disclosure.agreementVersion);
      expect((disclosure.payload as { location: { precision: string } }).location.precision).toBe(expected);
      const [entry] = await ds.query<{ agreement_version: number }[]>(
        `SELECT agreement_version FROM audit_entries WHERE stream = $1 AND action = 'disclosure.create'
          AND subject_id = $2`,
        [agreementStream(agreementId), disclosure.id],
      );
      expect(entry!.agreement_version).toBe(disclosure.agreementVersion);
    }
  });
});
