import { OrgKind } from '@accord/policy';

/** Organizations that can be the partner side of an agreement (the other side is a police organization). */
export function isPartnerKind(kind: OrgKind): boolean {
  return kind === OrgKind.Community || kind === OrgKind.Hospital || kind === OrgKind.City;
}

/** An agreement joins one police organization and one partner organization, whichever side proposes it. */
export function isValidPair(ownKind: OrgKind, counterpartKind: OrgKind): boolean {
  return ownKind === OrgKind.Police
    ? isPartnerKind(counterpartKind)
    : isPartnerKind(ownKind) && counterpartKind === OrgKind.Police;
}

export interface Approval {
  orgId: string;
  userId: string;
}

export type ApprovalOutcome =
  | { refused: 'organization_already_approved' }
  | { refused: 'person_already_approved' }
  | { refused: null; activates: boolean };

/**
 * Dual approval: each party approves once, by two different people, and the version becomes
 * active with the approval that completes both sides. The proposer's approval counts for their own
 * organization only.
 */
export function approvalOutcome(
  partyOrgIds: readonly string[],
  existing: readonly Approval[],
  approver: Approval,
): ApprovalOutcome {
  if (existing.some((a) => a.orgId === approver.orgId)) return { refused: 'organization_already_approved' };
  if (existing.some((a) => a.userId === approver.userId)) return { refused: 'person_already_approved' };
  const approved = new Set([...existing.map((a) => a.orgId), approver.orgId]);
  return { refused: null, activates: partyOrgIds.every((org) => approved.has(org)) };
}
