import { MAX_JOB_DELAY_MS } from '@accord/jobs';
import {
  acknowledge,
  type AcknowledgementState,
  acknowledgementDueAt,
  delayUntilDue,
  escalationCheck,
  isOverdue,
} from './acknowledgement';

const at = (iso: string) => new Date(iso);
const state = (overrides: Partial<AcknowledgementState> = {}): AcknowledgementState => ({
  ackDueAt: at('2026-11-24T15:00:00Z'),
  acknowledgedAt: null,
  slaMet: null,
  escalatedAt: null,
  ...overrides,
});

describe('acknowledgement rules (one place for alerts and assignments)', () => {
  it('sets the deadline the flow’s hours after the request, and none when the flow asks for no acknowledgement', () => {
    expect(acknowledgementDueAt({ acknowledgeWithinHours: 24 }, at('2026-11-23T15:00:00Z'))).toEqual(
      at('2026-11-24T15:00:00Z'),
    );
    expect(acknowledgementDueAt({}, at('2026-11-23T15:00:00Z'))).toBeNull();
    expect(acknowledgementDueAt(undefined, at('2026-11-23T15:00:00Z'))).toBeNull();
  });

  it('meets the SLA up to and including the deadline, misses it after, and has none without a deadline', () => {
    const onTime = state();
    expect(acknowledge(onTime, at('2026-11-24T15:00:00Z'))).toBe(true);
    expect(onTime).toMatchObject({ acknowledgedAt: at('2026-11-24T15:00:00Z'), slaMet: true });
    const late = state();
    acknowledge(late, at('2026-11-24T15:00:00.001Z'));
    expect(late.slaMet).toBe(false);
    const noDeadline = state({ ackDueAt: null });
    acknowledge(noDeadline, at('2026-11-24T15:00:00Z'));
    expect(noDeadline.slaMet).toBeNull();
  });

  it('is overdue only after the deadline passed unacknowledged (at the deadline it can still be met)', () => {
    expect(isOverdue(state(), at('2026-11-24T15:00:00Z'))).toBe(false);
    expect(isOverdue(state(), at('2026-11-24T15:00:00.001Z'))).toBe(true);
    expect(isOverdue(state({ acknowledgedAt: at('2026-11-24T16:00:00Z') }), at('2026-11-25T00:00:00Z'))).toBe(false);
    expect(isOverdue(state({ ackDueAt: null }), at('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('counts the first acknowledgement only', () => {
    const s = state();
    acknowledge(s, at('2026-11-23T16:00:00Z'));
    expect(acknowledge(s, at('2026-11-25T16:00:00Z'))).toBe(false);
    expect(s).toMatchObject({ acknowledgedAt: at('2026-11-23T16:00:00Z'), slaMet: true });
  });

  it('escalates only what is due, unacknowledged and not yet escalated', () => {
    const now = at('2026-11-24T15:00:00Z');
    expect(escalationCheck(state(), now)).toBe('due');
    expect(escalationCheck(state(), at('2026-11-24T14:59:59Z'))).toBe('not-due');
    expect(escalationCheck(state({ acknowledgedAt: now }), now)).toBe('acknowledged');
    expect(escalationCheck(state({ escalatedAt: now }), now)).toBe('already-escalated');
    expect(escalationCheck(state({ ackDueAt: null }), now)).toBe('no-deadline');
  });

  it('delays the deadline job by the time left, never below zero nor past the queue’s limit', () => {
    const now = at('2026-11-23T15:00:00Z');
    expect(delayUntilDue(at('2026-11-24T15:00:00Z'), now)).toBe(24 * 3_600_000);
    expect(delayUntilDue(at('2026-11-22T15:00:00Z'), now)).toBe(0);
    expect(delayUntilDue(at('2027-11-22T15:00:00Z'), now)).toBe(MAX_JOB_DELAY_MS);
  });
});
