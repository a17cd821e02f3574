import type { AuditChainEntry } from '@accord/audit';
import type { Flow } from '@accord/policy';

export type PartySide = 'police' | 'partner';

/**
 * What an audit entry of ANOTHER organization (the other party, or a job acting for no one) tells
 * a party beyond who-did-what-when — which is always shown: organization, roles, action, subject,
 * version, outcome, reason code, field names. User ids, request ids and source addresses of
 * another organization are never released; of `details`, only the keys below, and nothing else
 * (a detail added later stays private until it is listed here). These are the facts the parties
 * already share: what was disclosed and how it was received (the board's report counts the same).
 */
const RELEASED_DETAILS: Readonly<Record<string, readonly string[]>> = {
  'agreement.create': ['template'],
  'agreement.version.create': ['basedOn'],
  'disclosure.create': ['category', 'redactions', 'status'],
  'disclosure.update': ['category', 'status'],
  'disclosure.acknowledge': ['slaMet', 'secondsToAcknowledge', 'assignment'],
  'disclosure.response.record': ['responded'],
  'referral.create': ['category', 'disclosureId'],
  // Both boards see every sign-off (the period reviewed; the comments' length, never their text).
  'report.sign_off': ['from', 'to', 'commentChars'],
  'retention.purge': ['purged'],
  // Who may now read what the other party shares is the other party's business (issue 12).
  'user.content_role_grant': ['roles', 'selfGrant'],
};

/**
 * A referral's steps on the partner's side reach the police only under a `referral_status` flow in force when they were
 * taken.
 */
const REFERRAL_STEP = ['from', 'to', 'declineReason'] as const;

/**
 * The detail keys of `entry` released to the `reader` side. `flows` are those of the version in
 * force when the entry was written (none when there was none). The reader's own organization's
 * entries are not asked about: they are shown whole.
 */
export function releasedDetails(
  entry: Pick<AuditChainEntry, 'action'>,
  actor: PartySide | null,
  reader: PartySide | null,
  flows: readonly Flow[],
): readonly string[] {
  if (reader === null) return [];
  if (entry.action === 'referral.transition') {
    // The police sender only retracts, which the partner sees happen to its copy anyway.
    if (actor === 'police') return ['from', 'to'];
    return actor === 'partner' && referralStepsReleased(reader, flows) ? REFERRAL_STEP : [];
  }
  return RELEASED_DETAILS[entry.action] ?? [];
}

/**
 * Whether the partner's steps on referrals (accepted, declined and why, engaged…) reach `reader`:
 * the partner knows its own; the police only under a `referral_status` flow back to them. The audit
 * views and the board's report ask this one rule.
 */
export function referralStepsReleased(reader: PartySide, flows: readonly Flow[]): boolean {
  return (
    reader === 'partner' ||
    flows.some((f) => f.category === 'referral_status' && f.from === 'partner' && f.to === reader)
  );
}
