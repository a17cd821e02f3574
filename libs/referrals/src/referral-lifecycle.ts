/**
 * The referral lifecycle (docs/referrals.md) as data, so the service, the tests and the docs read the
 * same table: sent → accepted | declined → assigned → contact_attempted → engaged |
 * unable_to_reach | refused_services → closed; the sender may retract while it is still `sent`.
 */
export type ReferralStatus =
  | 'sent'
  | 'retracted'
  | 'accepted'
  | 'declined'
  | 'assigned'
  | 'contact_attempted'
  | 'engaged'
  | 'unable_to_reach'
  | 'refused_services'
  | 'closed';

export const CONSENT_BASES = ['written', 'verbal', 'guardian', 'statutory'] as const;
export type ConsentBasis = (typeof CONSENT_BASES)[number];

/** The managed list of reasons a program manager may decline for. */
export const DECLINE_REASONS = [
  'outside_service_area',
  'outside_age_range',
  'at_capacity',
  'already_served',
  'safety_concern',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** Who may move a referral along an edge: the police sender, a program manager, or the assigned worker. */
export type Mover = 'sender' | 'manager' | 'assignee';

const EDGES: Record<ReferralStatus, Partial<Record<ReferralStatus, readonly Mover[]>>> = {
  sent: { accepted: ['manager'], declined: ['manager'], retracted: ['sender'] },
  accepted: { assigned: ['manager'] },
  // Re-assignment (a worker leaves) and repeated attempts are edges onto the same state.
  assigned: { assigned: ['manager'], contact_attempted: ['manager', 'assignee'] },
  contact_attempted: {
    contact_attempted: ['manager', 'assignee'],
    engaged: ['manager', 'assignee'],
    unable_to_reach: ['manager', 'assignee'],
    refused_services: ['manager', 'assignee'],
  },
  engaged: { closed: ['manager', 'assignee'] },
  unable_to_reach: { closed: ['manager', 'assignee'] },
  refused_services: { closed: ['manager', 'assignee'] },
  declined: {},
  retracted: {},
  closed: {},
};

/** The partner-side states a status request may name (the sender only retracts). */
export const PARTNER_TARGETS: readonly ReferralStatus[] = [
  'accepted',
  'declined',
  'assigned',
  'contact_attempted',
  'engaged',
  'unable_to_reach',
  'refused_services',
  'closed',
];

export type TransitionCheck = { ok: true } | { ok: false; reason: 'INVALID_TRANSITION' | 'NOT_YOUR_STEP' };

export function checkTransition(from: ReferralStatus, to: ReferralStatus, mover: Mover): TransitionCheck {
  const movers = EDGES[from][to];
  if (!movers) return { ok: false, reason: 'INVALID_TRANSITION' };
  return movers.includes(mover) ? { ok: true } : { ok: false, reason: 'NOT_YOUR_STEP' };
}

/**
 * The steps `mover` may take from `from`, for the partner's screens: outcomes first, a step onto the
 * same state (another contact attempt, re-assignment) last. The API still checks each request.
 */
export function nextStepsFrom(from: ReferralStatus, mover: Mover): ReferralStatus[] {
  const steps = PARTNER_TARGETS.filter((to) => checkTransition(from, to, mover).ok);
  return [...steps.filter((to) => to !== from), ...steps.filter((to) => to === from)];
}

/** States from which the referral can still change (consent withdrawal and termination stop these). */
export function isOpen(status: ReferralStatus): boolean {
  return Object.keys(EDGES[status]).length > 0;
}

/**
 * What a `referral_status` flow with `status: coarse` lets flow back to the police: an outcome
 * class, never which worker, which services or any note.
 */
export type CoarseStatus = 'pending' | 'engaged' | 'not_engaged' | 'closed';

export function coarseStatus(status: ReferralStatus): CoarseStatus {
  switch (status) {
    case 'engaged':
      return 'engaged';
    case 'declined':
    case 'unable_to_reach':
    case 'refused_services':
      return 'not_engaged';
    case 'closed':
    case 'retracted':
      return 'closed';
    default:
      return 'pending';
  }
}

/** Normalized form for the blind index: case, accents, punctuation and spacing do not matter. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .sort()
    .join(' ');
}
