import type { components } from '@/api/schema';

type Agreement = components['schemas']['AgreementDto'];
type Version = components['schemas']['AgreementVersionDto'];

/** Where an agreement stands, in the words an org admin uses (the list's badge). */
export type AgreementState = 'draft' | 'proposed' | 'in_force' | 'suspended' | 'expired' | 'terminated';

/** The version both parties approved and that applies to shares now, if any. */
export function versionInForce(agreement: Agreement): Version | undefined {
  return agreement.versions.find((v) => v.status === 'active');
}

/** The draft or proposal under discussion (at most one at a time: the API refuses a second). */
export function openVersion(agreement: Agreement): Version | undefined {
  return agreement.versions.find((v) => v.status === 'draft' || v.status === 'proposed');
}

export function agreementState(agreement: Agreement): AgreementState {
  if (agreement.terminatedAt) return 'terminated';
  if (versionInForce(agreement)) return 'in_force';
  const latest = agreement.versions[agreement.versions.length - 1];
  if (!latest) return 'draft';
  if (latest.status === 'draft' || latest.status === 'proposed') {
    // A proposal on an agreement that was suspended or expired is still a proposal: it is what happens next.
    return latest.status;
  }
  if (latest.status === 'expired') return 'expired';
  if (latest.status === 'terminated') return 'terminated';
  return 'suspended';
}

/** When each party approved a version (organizations, never people: the API does not say who). */
export function approvalsBySide(
  agreement: Agreement,
  version: Version,
): { side: 'police' | 'partner'; orgId: string; approvedAt: string | null }[] {
  const at = (orgId: string) => version.approvals.find((a) => a.orgId === orgId)?.approvedAt ?? null;
  return [
    { side: 'police', orgId: agreement.policeOrgId, approvedAt: at(agreement.policeOrgId) },
    { side: 'partner', orgId: agreement.partnerOrgId, approvedAt: at(agreement.partnerOrgId) },
  ];
}

/** Whether the caller's organization still has to approve this version. */
export function awaitsApprovalFrom(version: Version, orgId: string): boolean {
  return version.status === 'proposed' && !version.approvals.some((a) => a.orgId === orgId);
}

/** The caller's side of the agreement. */
export function sideOf(agreement: Agreement, orgId: string): 'police' | 'partner' {
  return agreement.policeOrgId === orgId ? 'police' : 'partner';
}

/** The versions to compare by default: the one in force (else the one before) against the newest. */
export function defaultComparison(agreement: Agreement): { from: number; to: number } | null {
  const versions = agreement.versions;
  if (versions.length < 2) return null;
  const to = versions[versions.length - 1]!.version;
  const inForce = versionInForce(agreement);
  const from = inForce && inForce.version !== to ? inForce.version : versions[versions.length - 2]!.version;
  return { from, to };
}

/**
 * A Problem the API reported with a proposal (422 SHARING_PARAMETERS_INVALID, `details.problems`), or a refused
 * input (400 VALIDATION_FAILED, `details.fields`): where (`flows[0].retentionDays`) and why, in the API's words.
 */
export interface Problem {
  path: string;
  reason: string;
}

export function problemsOf(error: unknown): Problem[] {
  const details = (error as { details?: Record<string, unknown> } | null)?.details;
  if (!details) return [];
  if (Array.isArray(details.problems))
    return details.problems.map((p: { path?: unknown; reason?: unknown }) => ({
      path: String(p.path ?? ''),
      reason: String(p.reason ?? ''),
    }));
  if (Array.isArray(details.fields))
    return details.fields.flatMap((f: { path?: unknown; problems?: unknown }) =>
      (Array.isArray(f.problems) ? f.problems : ['']).map((reason) => ({
        path: String(f.path ?? ''),
        reason: String(reason),
      })),
    );
  return [];
}

/** What a problem says, as a key of `agreements:problem.*` and its values: the API's reason is English only. */
export type ProblemKind =
  | { kind: 'required' }
  | { kind: 'personField' }
  | { kind: 'notAField' }
  | { kind: 'unknownKey' }
  | { kind: 'direction' }
  | { kind: 'oneOf' }
  | { kind: 'duplicateId' }
  | { kind: 'minAboveMax' }
  | { kind: 'referralNeedsContact' }
  | { kind: 'atLeast'; limit: number }
  | { kind: 'atMost'; limit: number }
  | { kind: 'tooFew' }
  | { kind: 'wholeNumber' }
  | { kind: 'pattern' }
  | { kind: 'invalid' };

export function kindOf(reason: string): ProblemKind {
  const bound = /must be (>=|<=) (\d+)/.exec(reason);
  if (bound) return { kind: bound[1] === '>=' ? 'atLeast' : 'atMost', limit: Number(bound[2]) };
  const rules: [RegExp, ProblemKind][] = [
    [/^is required$|should not be empty|must not be empty/, { kind: 'required' }],
    [/identifies a person/, { kind: 'personField' }],
    [/is not a field of/, { kind: 'notAField' }],
    [/^unknown key/, { kind: 'unknownKey' }],
    [/flows go from/, { kind: 'direction' }],
    [/^must be one of|^must be "/, { kind: 'oneOf' }],
    [/duplicates the id/, { kind: 'duplicateId' }],
    [/is greater than/, { kind: 'minAboveMax' }],
    [/must release at least a name or a contact/, { kind: 'referralNeedsContact' }],
    [/must NOT have fewer than/, { kind: 'tooFew' }],
    [/must be integer/, { kind: 'wholeNumber' }],
    [/must match pattern/, { kind: 'pattern' }],
  ];
  return rules.find(([pattern]) => pattern.test(reason))?.[1] ?? { kind: 'invalid' };
}

const FLOW_KEYS = [
  'id',
  'category',
  'from',
  'to',
  'audience',
  'fields',
  'conditions',
  'consentRequired',
  'retentionDays',
  'acknowledgeWithinHours',
];
const FLOW_PATH = new RegExp(`^flows\\[(\\d+)\\]\\.(${FLOW_KEYS.join('|')})\\b`);

/** The problems no control of the form can show (e.g. "(root)"): shown above the form instead. */
export function unplacedProblems(problems: Problem[], flowCount: number): Problem[] {
  return problems.filter((p) => {
    const match = FLOW_PATH.exec(p.path);
    return !match || Number(match[1]) >= flowCount;
  });
}

/** The problems a control shows: those at its path, or (with `within`) at any path under it. */
export function problemsAt(problems: Problem[], path: string, within = false): Problem[] {
  return problems.filter(
    (p) => p.path === path || (within && (p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`))),
  );
}
