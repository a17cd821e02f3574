import type { Flow } from '@accord/policy';
import { acknowledgementDueAt } from './acknowledgement';

const DAY_MS = 24 * 3_600_000;

/** When a disclosure made at `createdAt` under `flow` ends and by when it must be acknowledged. */
export interface DisclosureTerms {
  expiresAt: Date;
  ackDueAt: Date | null;
}

/**
 * The one place a disclosure's expiry and deadline are computed, for every category: it lives the
 * flow's `retentionDays` from the share; it must be acknowledged within the flow's
 * `acknowledgeWithinHours` (acknowledgement.ts) — unless it asks no one to act on it (a referral's
 * status back informs the police, it is not an alert), then it has no deadline. A revision (a
 * correction of the source) ends no later than the disclosure it corrects (`endsBy`): a correction
 * never lengthens what the recipient keeps.
 */
export function disclosureTerms(
  flow: Pick<Flow, 'retentionDays' | 'acknowledgeWithinHours'>,
  createdAt: Date,
  asksAcknowledgement = true,
  endsBy?: Date,
): DisclosureTerms {
  const retained = createdAt.getTime() + flow.retentionDays * DAY_MS;
  return {
    expiresAt: new Date(endsBy ? Math.min(retained, endsBy.getTime()) : retained),
    ackDueAt: asksAcknowledgement ? acknowledgementDueAt(flow, createdAt) : null,
  };
}
