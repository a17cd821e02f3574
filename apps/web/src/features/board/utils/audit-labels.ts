/**
 * Audit entries in words ("Outreach program acknowledged an alert — within the 2 h deadline"): which party acted,
 * what it did, and, for an acknowledgement, whether it met the agreement's deadline. Pure: it returns i18n keys
 * and values, the component translates them.
 */

/** Actions with a sentence of their own (board.strings.ts `action.*`, dots as underscores); others show their code. */
export const LABELLED_ACTIONS = [
  'agreement.approve',
  'agreement.create',
  'agreement.propose',
  'agreement.terminate',
  'agreement.version.activate',
  'agreement.version.approve',
  'agreement.version.create',
  'agreement.version.expire',
  'agreement.version.propose',
  'agreement.version.supersede',
  'agreement.version.update',
  'audit.export',
  'audit.search',
  'community_concern.create',
  'disclosure.acknowledge',
  'disclosure.create',
  'disclosure.deliver',
  'disclosure.escalate',
  'disclosure.purge',
  'disclosure.read',
  'disclosure.response.record',
  'disclosure.update',
  'disclosure.withhold',
  'legal_hold.lift',
  'legal_hold.set',
  'referral.consent.withdraw',
  'referral.create',
  'referral.forward',
  'referral.list',
  'referral.note.create',
  'referral.notes.read',
  'referral.read',
  'referral.transition',
  'referral_status.share',
  'report.export',
  'report.sign_off',
  'retention.purge',
] as const;
export type LabelledAction = (typeof LABELLED_ACTIONS)[number];
export type ActionKey = LabelledAction extends infer A ? (A extends string ? Underscored<A> : never) : never;
type Underscored<S extends string> = S extends `${infer H}.${infer T}` ? `${H}_${Underscored<T>}` : S;

/** Who acted, as the board knows the parties. */
export type Actor = 'police' | 'partner' | 'system' | 'other';

export interface Parties {
  policeOrgId: string;
  partnerOrgId: string;
}

export function actorOf(actorOrgId: string | null, parties: Parties): Actor {
  if (actorOrgId === null) return 'system';
  if (actorOrgId === parties.policeOrgId) return 'police';
  if (actorOrgId === parties.partnerOrgId) return 'partner';
  return 'other';
}

/** The parties with their names, as the agreement gives them (each party reads both: they signed together). */
export interface NamedParties extends Parties {
  policeOrgName: string;
  partnerOrgName: string;
}

/** A party's name; null for the system or an organization that is not a party (the caller says what it is). */
export function partyName(orgId: string | null, parties: NamedParties): string | null {
  const actor = actorOf(orgId, parties);
  const name = actor === 'police' ? parties.policeOrgName : actor === 'partner' ? parties.partnerOrgName : '';
  return name === '' ? null : name;
}

export function actionKey(action: string): ActionKey | null {
  return (LABELLED_ACTIONS as readonly string[]).includes(action) ? (action.replaceAll('.', '_') as ActionKey) : null;
}

/** What the agreement released of an entry's details (from a verified bundle), if anything. */
export type ReleasedDetails = Record<string, string | number | boolean | null>;

/** The deadline part of an acknowledgement's sentence, when the released details say it. */
export function deadlineOf(
  action: string,
  details: ReleasedDetails | undefined,
  targetHours: number | null,
): { key: 'within' | 'late'; hours: number | null } | null {
  if (action !== 'disclosure.acknowledge' || details === undefined || typeof details.slaMet !== 'boolean') return null;
  return { key: details.slaMet ? 'within' : 'late', hours: targetHours };
}

/** A duration in whole hours and minutes ("2 h", "1 h 30 min", "45 min"); under a minute "<1 min". */
export function hoursAndMinutes(seconds: number): {
  key: 'hours' | 'hoursMinutes' | 'minutes' | 'underMinute';
  h: number;
  m: number;
} {
  const total = Math.round(seconds / 60);
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (seconds < 60) return { key: 'underMinute', h: 0, m: 0 };
  if (h === 0) return { key: 'minutes', h, m };
  return { key: m === 0 ? 'hours' : 'hoursMinutes', h, m };
}

/**
 * The hours a version gives the partner to acknowledge an alert (its police → partner incident-notification flow's
 * `acknowledgeWithinHours`), or null when it sets none: the deadline an acknowledgement under that version met.
 */
export function alertTargetHours(sharingParameters: Record<string, unknown> | undefined): number | null {
  const flows = sharingParameters?.flows;
  if (!Array.isArray(flows)) return null;
  for (const flow of flows as Array<Record<string, unknown>>) {
    if (
      flow.category === 'incident_notification' &&
      flow.from === 'police' &&
      typeof flow.acknowledgeWithinHours === 'number'
    )
      return flow.acknowledgeWithinHours;
  }
  return null;
}
