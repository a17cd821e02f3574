import type { RawRuleOf } from '@casl/ability';
import type { AppAbility } from './auth-context';
import type { Flow, FlowCategory } from './sharing-parameters';
import { OrgKind, Role } from './roles';

/** What one active agreement version contributes to a caller's ability. */
export interface AgreementGrant {
  agreementId: string;
  version: number;
  policeOrgId: string;
  partnerOrgId: string;
  flows: Flow[];
}

export interface GrantOwner {
  orgId: string;
  orgKind: OrgKind;
  roles: readonly Role[];
}

type RawRule = RawRuleOf<AppAbility>;

/** Subjects whose every record was shared under an agreement; their rules are narrowed by it. */
const CATEGORIES_OF: Record<string, FlowCategory[]> = {
  Disclosure: ['incident_notification', 'referral_status', 'community_concern'],
  Referral: ['referral'],
};
const RECEIVING_ACTIONS = new Set(['read', 'list', 'update']);
const SENDING_ACTIONS = new Set(['create']);

function asList<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

function sideOf(owner: GrantOwner, grant: AgreementGrant): 'police' | 'partner' | undefined {
  if (grant.policeOrgId === owner.orgId) return 'police';
  if (grant.partnerOrgId === owner.orgId) return 'partner';
  return undefined;
}

/**
 * For one subject and one direction (receiving or sending), the agreements under which the owner
 * may act and the flow categories each allows. Receivers must hold a role in the flow's audience;
 * senders act for their organization within what the baseline already lets their role do.
 */
function allowedScopes(
  owner: GrantOwner,
  grants: AgreementGrant[],
  subject: string,
  direction: 'receive' | 'send',
): { agreementId: string; categories: FlowCategory[] }[] {
  const categories = CATEGORIES_OF[subject] ?? [];
  const scopes: { agreementId: string; categories: FlowCategory[] }[] = [];
  for (const grant of grants) {
    const side = sideOf(owner, grant);
    if (!side) continue;
    const allowed = grant.flows
      .filter((flow) => categories.includes(flow.category))
      .filter((flow) =>
        direction === 'receive'
          ? flow.to === side && flow.audience.some((role) => owner.roles.includes(role as Role))
          : flow.from === side,
      )
      .map((flow) => flow.category);
    if (allowed.length > 0) scopes.push({ agreementId: grant.agreementId, categories: [...new Set(allowed)].sort() });
  }
  return scopes;
}

/** The flow categories a baseline condition names (`category: x` or `category: { $in: [...] }`); undefined: any. */
function categoriesNamedBy(conditions: unknown): string[] | undefined {
  if (typeof conditions !== 'object' || conditions === null || !('category' in conditions)) return undefined;
  const category = (conditions as { category: unknown }).category;
  if (typeof category === 'string') return [category];
  if (typeof category === 'object' && category !== null && '$in' in category) {
    const values = (category as { $in: unknown }).$in;
    return Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : [];
  }
  // Any other operator on the category is not understood here: grant none rather than guess.
  return [];
}

/**
 * Applies the caller's active agreements to their baseline rules. Agreements can only narrow:
 * every rule on shared data (Disclosure, Referral) is kept only as copies restricted to one
 * agreement and the flow categories it allows that caller — never a rule the baseline lacks, and
 * with no active agreement nothing on shared data remains. `cannot` rules pass through untouched
 * and keep their priority (the factory orders them last).
 */
export function narrowByAgreements(baseline: RawRule[], owner: GrantOwner, grants: AgreementGrant[]): RawRule[] {
  const out: RawRule[] = [];
  for (const rule of baseline) {
    const subjects = asList(rule.subject as string | string[]);
    const governed = subjects.filter((s) => s in CATEGORIES_OF);
    if (rule.inverted || governed.length === 0) {
      out.push(rule);
      continue;
    }
    const ungoverned = subjects.filter((s) => !(s in CATEGORIES_OF));
    if (ungoverned.length > 0) out.push({ ...rule, subject: ungoverned } as RawRule);
    // A rule on the caller's own sent records (`senderOrgId`, e.g. the police's referrals) follows
    // the sending side for reads and updates too: the sender keeps its record and may retract.
    const ownSent = typeof rule.conditions === 'object' && rule.conditions !== null && 'senderOrgId' in rule.conditions;
    const baselineCategories = categoriesNamedBy(rule.conditions);
    for (const subject of governed) {
      for (const action of asList(rule.action as string | string[])) {
        const direction =
          SENDING_ACTIONS.has(action) || (ownSent && RECEIVING_ACTIONS.has(action))
            ? 'send'
            : RECEIVING_ACTIONS.has(action)
              ? 'receive'
              : undefined;
        if (!direction) continue; // e.g. `delete` or `manage` on shared data: no agreement grants it
        // Agreements that allow the same categories share one rule (`agreementId $in [...]`): a
        // partner with fifty agreements gets a handful of rules, not hundreds, in CASL and in SQL.
        const agreementsByCategories = new Map<string, string[]>();
        for (const scope of allowedScopes(owner, grants, subject, direction)) {
          // A baseline rule naming categories keeps to them: the agreement's are intersected, never put instead.
          const categories = scope.categories.filter((c) => baselineCategories?.includes(c) ?? true);
          if (categories.length === 0) continue;
          const key = categories.join(',');
          agreementsByCategories.set(key, [...(agreementsByCategories.get(key) ?? []), scope.agreementId]);
        }
        for (const [categories, agreementIds] of agreementsByCategories) {
          out.push({
            action,
            subject,
            conditions: {
              ...((rule.conditions as object | undefined) ?? {}),
              agreementId: { $in: agreementIds.sort() },
              category: { $in: categories.split(',') },
            },
            ...(rule.fields ? { fields: rule.fields } : {}),
          } as RawRule);
        }
      }
    }
  }
  return out;
}

/** A stable key of the grants a cached ability was built from: any state change makes a new key. */
export function grantsSignature(grants: AgreementGrant[]): string {
  return grants
    .map((g) => `${g.agreementId}:${g.version}`)
    .sort()
    .join(',');
}
