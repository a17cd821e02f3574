import { MAX_JOB_DELAY_MS } from '@accord/jobs';
import type { Flow } from '@accord/policy';

const HOUR_MS = 3_600_000;

/**
 * The acknowledgement rules, in one place for everything that asks someone to acknowledge: a
 * disclosure (its recipient organization acknowledges — the first person counts) and an
 * assignment (one worker acknowledges a referral assigned to them). Both carry these fields.
 */
export interface AcknowledgementState {
  ackDueAt: Date | null;
  acknowledgedAt: Date | null;
  slaMet: boolean | null;
  escalatedAt: Date | null;
}

/** The deadline: the flow's `acknowledgeWithinHours` after the request (the share, the assignment); none without it. */
export function acknowledgementDueAt(
  flow: Pick<Flow, 'acknowledgeWithinHours'> | undefined,
  requestedAt: Date,
): Date | null {
  const hours = flow?.acknowledgeWithinHours;
  return hours ? new Date(requestedAt.getTime() + hours * HOUR_MS) : null;
}

/**
 * Records an acknowledgement made at `now`; the first one counts, so an acknowledged state is
 * left as it is (false). The SLA is met when it came no later than the deadline (null: none).
 */
export function acknowledge(state: AcknowledgementState, now: Date): boolean {
  if (state.acknowledgedAt) return false;
  state.acknowledgedAt = now;
  state.slaMet = state.ackDueAt ? now.getTime() <= state.ackDueAt.getTime() : null;
  return true;
}

/**
 * Overdue: still unacknowledged after its deadline. At the deadline itself an acknowledgement still meets the SLA
 * (above), so it is not overdue yet. The incidents list counts the same rule in SQL (SharingService.listIncidents).
 */
export function isOverdue(state: Pick<AcknowledgementState, 'ackDueAt' | 'acknowledgedAt'>, now: Date): boolean {
  return !state.acknowledgedAt && state.ackDueAt !== null && now.getTime() > state.ackDueAt.getTime();
}

export type EscalationCheck = 'acknowledged' | 'already-escalated' | 'no-deadline' | 'not-due' | 'due';

/**
 * What an escalation run at `now` should do; only `due` escalates. An acknowledgement before the deadline is the
 * cancellation.
 */
export function escalationCheck(state: AcknowledgementState, now: Date): EscalationCheck {
  if (state.acknowledgedAt) return 'acknowledged';
  if (state.escalatedAt) return 'already-escalated';
  if (!state.ackDueAt) return 'no-deadline';
  return now.getTime() < state.ackDueAt.getTime() ? 'not-due' : 'due';
}

/** The delay of the deadline job asked for at `now` (never negative, never past the queue's limit). */
export function delayUntilDue(dueAt: Date, now: Date): number {
  return Math.min(MAX_JOB_DELAY_MS, Math.max(0, dueAt.getTime() - now.getTime()));
}
