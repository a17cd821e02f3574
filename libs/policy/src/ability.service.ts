import { createMongoAbility } from '@casl/ability';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { AbilityFactory, type AbilityOwner } from './ability.factory';
import { type AgreementGrant, grantsSignature, narrowByAgreements } from './agreement-rules';
import type { AppAbility } from './auth-context';
import type { OrgKind } from './roles';

/** Where the active agreement versions of an organization come from (the agreements lib). */
export interface GrantsSource {
  activeGrantsForOrg(orgId: string): Promise<AgreementGrant[]>;
}

export const GRANTS_SOURCE = Symbol('GRANTS_SOURCE');

/** Compiled abilities kept per process; small, because a key names a user and a set of versions. */
export const ABILITY_CACHE_SIZE = 2_000;

/**
 * A caller's ability: the role baseline narrowed by the active agreements of their organization.
 * The active versions are read on every request (one indexed query), and the compiled ability is
 * cached under the user, their roles and those versions — so a suspension, termination, expiry or
 * new version changes the key and takes effect on the very next request, without re-login.
 */
@Injectable()
export class AbilityService {
  private readonly cache = new Map<string, AppAbility>();

  constructor(
    private readonly factory: AbilityFactory,
    @Optional() @Inject(GRANTS_SOURCE) private readonly grants?: GrantsSource,
  ) {}

  async abilityFor(owner: AbilityOwner & { orgKind: OrgKind }): Promise<AppAbility> {
    const grants = this.grants ? await this.grants.activeGrantsForOrg(owner.orgId) : [];
    return this.compile(owner, grants);
  }

  compile(owner: AbilityOwner & { orgKind: OrgKind }, grants: AgreementGrant[]): AppAbility {
    const key = `${owner.userId}|${owner.orgId}|${[...owner.roles].sort().join(',')}|${grantsSignature(grants)}`;
    const cached = this.cache.get(key);
    if (cached) {
      // Refresh its place: the map's insertion order doubles as least-recently-used order.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const ability = createMongoAbility<AppAbility>(narrowByAgreements(this.factory.rulesFor(owner), owner, grants));
    this.cache.set(key, ability);
    if (this.cache.size > ABILITY_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return ability;
  }

  get cachedCount(): number {
    return this.cache.size;
  }
}
