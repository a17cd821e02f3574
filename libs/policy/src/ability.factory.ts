import { createMongoAbility, type RawRuleOf } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import type { AppAbility } from './auth-context';
import { policiesDir } from './policies-dir';
import { type BaselineRule, loadRoleBaseline, type RoleBaseline, roleBaselineFile } from './role-baseline';
import type { Role } from './roles';

export interface AbilityOwner {
  userId: string;
  orgId: string;
  roles: readonly Role[];
}

function substitute(value: unknown, owner: AbilityOwner): unknown {
  if (value === '$orgId') return owner.orgId;
  if (value === '$userId') return owner.userId;
  if (Array.isArray(value)) return value.map((v) => substitute(v, owner));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, owner)]));
  }
  return value;
}

/**
 * Compiles the role baseline (`policies/roles.yaml`) into a caller's CASL ability. Read and
 * validated once at construction, so a broken baseline stops the process at boot rather than
 * failing requests later.
 */
@Injectable()
export class AbilityFactory {
  readonly baseline: RoleBaseline;

  constructor(baseline?: RoleBaseline) {
    this.baseline = baseline ?? loadRoleBaseline(roleBaselineFile(policiesDir()));
  }

  rulesFor(owner: AbilityOwner): RawRuleOf<AppAbility>[] {
    const granted: BaselineRule[] = [
      ...this.baseline.everyone,
      ...owner.roles.flatMap((role) => this.baseline.roles[role] ?? []),
    ];
    const toRaw = (rule: BaselineRule): RawRuleOf<AppAbility> => ({
      action: rule.actions,
      subject: rule.subjects,
      inverted: rule.inverted,
      ...(rule.conditions ? { conditions: substitute(rule.conditions, owner) as Record<string, unknown> } : {}),
      ...(rule.fields ? { fields: rule.fields } : {}),
    });
    // CASL gives later rules priority: every `cannot` goes last so no role's grant can undo it.
    return [...granted.filter((r) => !r.inverted).map(toRaw), ...granted.filter((r) => r.inverted).map(toRaw)];
  }

  /** The caller's ability from the baseline alone (agreement rules arrive with the agreements issue). */
  createFor(owner: AbilityOwner): AppAbility {
    return createMongoAbility<AppAbility>(this.rulesFor(owner));
  }
}
