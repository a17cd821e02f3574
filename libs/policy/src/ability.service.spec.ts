import { subject } from '@casl/ability';
import { AbilityFactory } from './ability.factory';
import { ABILITY_CACHE_SIZE, AbilityService } from './ability.service';
import type { AgreementGrant } from './agreement-rules';
import { loadAgreementTemplates } from './agreement-templates';
import { OrgKind, Role } from './roles';

const POLICE = '00000000-0000-4000-8000-00000000000a';
const PARTNER = '00000000-0000-4000-8000-00000000000b';
const flows = loadAgreementTemplates().find((t) => t.key === 'one-way-shooting-notifications')!.sharingParameters.flows;
const worker = { userId: 'u-1', orgId: PARTNER, orgKind: OrgKind.Community, roles: [Role.OutreachWorker] };
const alert = subject('Disclosure', {
  recipientOrgId: PARTNER,
  senderOrgId: POLICE,
  agreementId: 'agr-1',
  category: 'incident_notification',
}) as never;

/** The active versions as the agreements lib would report them between two requests. */
class ChangingGrants {
  current: AgreementGrant[] = [];
  async activeGrantsForOrg(): Promise<AgreementGrant[]> {
    return this.current;
  }
}

describe('AbilityService', () => {
  it('applies an agreement state change on the very next call, and reuses the compiled ability otherwise', async () => {
    const grants = new ChangingGrants();
    const service = new AbilityService(new AbilityFactory(), grants);
    expect((await service.abilityFor(worker)).can('read', alert)).toBe(false);

    grants.current = [{ agreementId: 'agr-1', version: 1, policeOrgId: POLICE, partnerOrgId: PARTNER, flows }];
    const active = await service.abilityFor(worker);
    expect(active.can('read', alert)).toBe(true);
    expect(await service.abilityFor(worker)).toBe(active);

    grants.current = []; // suspended
    expect((await service.abilityFor(worker)).can('read', alert)).toBe(false);
  });

  it('keys the cache by roles too, so a role change is never served a stale ability', async () => {
    const service = new AbilityService(new AbilityFactory());
    const before = await service.abilityFor(worker);
    const after = await service.abilityFor({ ...worker, roles: [Role.BoardMember] });
    expect(after).not.toBe(before);
    expect(after.can('read', 'AuditEntry')).toBe(true);
    expect(before.can('read', 'AuditEntry')).toBe(false);
  });

  it('stays bounded', () => {
    const service = new AbilityService(new AbilityFactory());
    for (let i = 0; i < ABILITY_CACHE_SIZE + 50; i += 1) service.compile({ ...worker, userId: `u-${i}` }, []);
    expect(service.cachedCount).toBe(ABILITY_CACHE_SIZE);
  });
});
