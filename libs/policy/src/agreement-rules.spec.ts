import { createMongoAbility, subject } from '@casl/ability';
import fc from 'fast-check';
import { AbilityFactory } from './ability.factory';
import { type AgreementGrant, grantsSignature, narrowByAgreements } from './agreement-rules';
import { loadAgreementTemplates } from './agreement-templates';
import type { AppAbility } from './auth-context';
import { OrgKind, Role } from './roles';

const POLICE = '00000000-0000-4000-8000-00000000000a';
const PARTNER = '00000000-0000-4000-8000-00000000000b';
const OTHER = '00000000-0000-4000-8000-00000000000c';
const templates = Object.fromEntries(loadAgreementTemplates().map((t) => [t.key, t.sharingParameters.flows]));
const factory = new AbilityFactory();

function grant(template: string, agreementId = 'agr-1', policeOrgId = POLICE, partnerOrgId = PARTNER): AgreementGrant {
  return { agreementId, version: 1, policeOrgId, partnerOrgId, flows: templates[template]! };
}

function abilityOf(orgId: string, orgKind: OrgKind, roles: Role[], grants: AgreementGrant[]): AppAbility {
  const owner = { userId: 'u-1', orgId, orgKind, roles };
  return createMongoAbility<AppAbility>(narrowByAgreements(factory.rulesFor(owner), owner, grants));
}

const disclosure = (fields: Record<string, unknown>) =>
  subject('Disclosure', {
    senderOrgId: POLICE,
    recipientOrgId: PARTNER,
    agreementId: 'agr-1',
    category: 'incident_notification',
    ...fields,
  }) as never;

describe('narrowByAgreements', () => {
  it('leaves nothing on shared data without an active agreement', () => {
    const worker = abilityOf(PARTNER, OrgKind.Community, [Role.OutreachWorker], []);
    expect(worker.can('read', disclosure({}))).toBe(false);
    expect(worker.can('read', 'Disclosure')).toBe(false);
  });

  it('lets an audience role read what the agreement sends it, and nothing of another agreement or category', () => {
    const worker = abilityOf(
      PARTNER,
      OrgKind.Community,
      [Role.OutreachWorker],
      [grant('one-way-shooting-notifications')],
    );
    expect(worker.can('read', disclosure({}))).toBe(true);
    expect(worker.can('read', disclosure({ agreementId: 'agr-2' }))).toBe(false);
    expect(worker.can('read', disclosure({ category: 'community_concern' }))).toBe(false);
    expect(worker.can('read', disclosure({ recipientOrgId: OTHER }))).toBe(false);
  });

  it('gives police nothing back under a one-way agreement, and coarse status and concerns under a two-way one', () => {
    const back = disclosure({ senderOrgId: PARTNER, recipientOrgId: POLICE, category: 'community_concern' });
    const status = disclosure({ senderOrgId: PARTNER, recipientOrgId: POLICE, category: 'referral_status' });
    const oneWay = abilityOf(POLICE, OrgKind.Police, [Role.PoliceLiaison], [grant('one-way-shooting-notifications')]);
    expect(oneWay.can('read', back)).toBe(false);
    expect(oneWay.can('read', status)).toBe(false);
    const twoWay = abilityOf(POLICE, OrgKind.Police, [Role.PoliceLiaison], [grant('two-way-referrals-and-status')]);
    expect(twoWay.can('read', back)).toBe(true);
    expect(twoWay.can('read', status)).toBe(true);
  });

  it('lets the liaison acknowledge (update) a concern sent under a two-way agreement, nothing else', () => {
    const back = disclosure({ senderOrgId: PARTNER, recipientOrgId: POLICE, category: 'community_concern' });
    const status = disclosure({ senderOrgId: PARTNER, recipientOrgId: POLICE, category: 'referral_status' });
    const liaison = (template: string) => abilityOf(POLICE, OrgKind.Police, [Role.PoliceLiaison], [grant(template)]);
    expect(liaison('two-way-referrals-and-status').can('update', back)).toBe(true);
    expect(liaison('two-way-referrals-and-status').can('update', status)).toBe(false);
    expect(liaison('one-way-shooting-notifications').can('update', back)).toBe(false);
    const foreign = disclosure({ senderOrgId: PARTNER, recipientOrgId: OTHER, category: 'community_concern' });
    expect(liaison('two-way-referrals-and-status').can('update', foreign)).toBe(false);
  });

  it('keeps a baseline rule that names categories to them: the agreement intersects, never replaces', () => {
    const owner = { userId: 'u-1', orgId: POLICE, orgKind: OrgKind.Police, roles: [Role.PoliceLiaison] };
    const baseline = [
      { action: 'update', subject: 'Disclosure', conditions: { recipientOrgId: POLICE, category: 'referral_status' } },
      { action: 'read', subject: 'Disclosure', conditions: { recipientOrgId: POLICE, category: { $in: ['x'] } } },
    ] as Parameters<typeof narrowByAgreements>[0];
    const rules = narrowByAgreements(baseline, owner, [grant('two-way-referrals-and-status')]);
    expect(rules).toEqual([
      {
        action: 'update',
        subject: 'Disclosure',
        conditions: { recipientOrgId: POLICE, agreementId: { $in: ['agr-1'] }, category: { $in: ['referral_status'] } },
      },
    ]);
  });

  it('never lets board members or platform operators read shared content, whatever the agreements', () => {
    const grants = [grant('two-way-referrals-and-status')];
    for (const [orgId, kind, role] of [
      [PARTNER, OrgKind.Community, Role.BoardMember],
      [POLICE, OrgKind.Police, Role.BoardMember],
      [OTHER, OrgKind.Platform, Role.PlatformOperator],
    ] as const) {
      const ability = abilityOf(orgId, kind, [role], grants);
      expect(ability.can('read', disclosure({ recipientOrgId: orgId }))).toBe(false);
      expect(
        ability.can(
          'read',
          subject('Referral', { recipientOrgId: orgId, agreementId: 'agr-1', category: 'referral' }) as never,
        ),
      ).toBe(false);
    }
  });

  const roleArb = fc.subarray(Object.values(Role), { minLength: 1 });
  const grantArb = fc
    .tuple(fc.constantFrom(...Object.keys(templates)), fc.constantFrom('agr-1', 'agr-2'), fc.boolean())
    .map(([t, id, swap]) => (swap ? grant(t, id, PARTNER, POLICE) : grant(t, id)));
  const subjectArb = fc.record({
    type: fc.constantFrom('Disclosure', 'Referral', 'Incident', 'User', 'Agreement', 'AuditEntry'),
    senderOrgId: fc.constantFrom(POLICE, PARTNER, OTHER),
    recipientOrgId: fc.constantFrom(POLICE, PARTNER, OTHER),
    orgId: fc.constantFrom(POLICE, PARTNER, OTHER),
    agreementId: fc.constantFrom('agr-1', 'agr-2', 'agr-3'),
    category: fc.constantFrom('incident_notification', 'referral', 'referral_status', 'community_concern'),
  });

  it('only ever narrows: anything allowed with agreements is allowed by the role baseline alone (property)', () => {
    fc.assert(
      fc.property(
        roleArb,
        fc.constantFrom(POLICE, PARTNER),
        fc.array(grantArb, { maxLength: 3 }),
        subjectArb,
        fc.constantFrom('create', 'read', 'list', 'update', 'delete', 'approve', 'export'),
        (roles, orgId, grants, s, action) => {
          const owner = { userId: 'u-1', orgId, orgKind: orgId === POLICE ? OrgKind.Police : OrgKind.Community, roles };
          const baseline = createMongoAbility<AppAbility>(factory.rulesFor(owner));
          const narrowed = createMongoAbility<AppAbility>(narrowByAgreements(factory.rulesFor(owner), owner, grants));
          const instance = subject(s.type, { ...s, partyOrgIds: [POLICE, PARTNER] }) as never;
          if (narrowed.can(action, instance)) expect(baseline.can(action, instance)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it(
    'never gives a police role a way to list people from partner-originated data, whatever the agreements ' +
      '(property)',
    () => {
      fc.assert(
        fc.property(
          fc.subarray([Role.PoliceLiaison, Role.OrgAdmin, Role.BoardMember], { minLength: 1 }),
          fc.array(grantArb, { maxLength: 3 }),
          (roles, grants) => {
            const ability = abilityOf(POLICE, OrgKind.Police, roles, grants);
            for (const agreementId of ['agr-1', 'agr-2']) {
              const partnerReferral = subject('Referral', {
                senderOrgId: PARTNER,
                recipientOrgId: POLICE,
                agreementId,
                category: 'referral',
              }) as never;
              expect(ability.can('list', partnerReferral)).toBe(false);
              expect(ability.can('read', partnerReferral)).toBe(false);
            }
          },
        ),
        { numRuns: 500 },
      );
    },
  );

  it('changes the cache signature whenever an agreement version changes', () => {
    expect(grantsSignature([grant('one-way-shooting-notifications')])).toBe('agr-1:1');
    expect(grantsSignature([{ ...grant('one-way-shooting-notifications'), version: 2 }])).toBe('agr-1:2');
    expect(grantsSignature([])).toBe('');
  });
});
