import type { AgreementGrant, Flow, FlowCategory, Party } from '@accord/policy';

/**
 * What a share asks of an agreement: flows of this category going from this party (to the other),
 * with the caller on the sending side (the default) or on the receiving side.
 */
export interface FlowQuery {
  category: FlowCategory;
  from: Party;
  caller?: 'sender' | 'recipient';
}

/**
 * Why no flow applies:
 * - AGREEMENT_NOT_IN_FORCE: no such agreement, terminated, or no active unexpired version;
 * - NOT_A_PARTY: the caller's organization is not on the side of the agreement the query names;
 * - NO_FLOW: the version in force has no flow of that category in that direction;
 * - ROLE_NOT_IN_FLOW: there is one, but the caller's abilities do not let them send under it.
 * The first two are "not found" to a caller (existence is private); the last two are refusals.
 */
export type FlowDenialReason = 'AGREEMENT_NOT_IN_FORCE' | 'NOT_A_PARTY' | 'NO_FLOW' | 'ROLE_NOT_IN_FLOW';

/**
 * The version in force of one agreement, the two organizations in this direction, and its matching flows (at least
 * one).
 */
export interface ResolvedFlows {
  ok: true;
  agreement: AgreementGrant;
  senderOrgId: string;
  recipientOrgId: string;
  /** The caller's partner under this agreement: the other party. */
  partnerOrgId: string;
  flows: Flow[];
}

export interface FlowDenial {
  ok: false;
  reason: FlowDenialReason;
  /** The version in force when there is one (a refusal names it in the audit). */
  agreement: AgreementGrant | null;
}

export type FlowResolution = ResolvedFlows | FlowDenial;

function otherParty(party: Party): Party {
  return party === 'police' ? 'partner' : 'police';
}

function orgOf(agreement: AgreementGrant, party: Party): string {
  return party === 'police' ? agreement.policeOrgId : agreement.partnerOrgId;
}

/**
 * The pure part of flow resolution: given the version in force (null when none), the caller's
 * organization and the query, the flows that apply or why none does. The caller must be the
 * organization on its side of the direction; flows match on category, `from` and `to`.
 */
export function matchFlows(agreement: AgreementGrant | null, callerOrgId: string, query: FlowQuery): FlowResolution {
  if (!agreement) return { ok: false, reason: 'AGREEMENT_NOT_IN_FORCE', agreement: null };
  const to = otherParty(query.from);
  const callerParty = query.caller === 'recipient' ? to : query.from;
  if (orgOf(agreement, callerParty) !== callerOrgId) return { ok: false, reason: 'NOT_A_PARTY', agreement };
  const flows = agreement.flows.filter((f) => f.category === query.category && f.from === query.from && f.to === to);
  if (flows.length === 0) return { ok: false, reason: 'NO_FLOW', agreement };
  return {
    ok: true,
    agreement,
    senderOrgId: orgOf(agreement, query.from),
    recipientOrgId: orgOf(agreement, to),
    partnerOrgId: orgOf(agreement, otherParty(callerParty)),
    flows,
  };
}
