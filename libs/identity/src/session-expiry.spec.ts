import { SESSION_ABSOLUTE_MS, withinSessionLimits } from './session-expiry';

const login = new Date('2026-11-23T09:00:00Z');
const IDLE_MS = 30 * 60 * 1000;
const at = (ms: number) => new Date(login.getTime() + ms);
const sessionSeenAt = (seenMs: number) => ({ expiresAt: at(SESSION_ABSOLUTE_MS), lastSeenAt: at(seenMs) });

describe('session limits', () => {
  it('keeps a session used within the idle time', () => {
    expect(withinSessionLimits(sessionSeenAt(0), at(IDLE_MS - 1), IDLE_MS)).toBe(true);
  });

  it('ends a session idle for exactly the idle time', () => {
    expect(withinSessionLimits(sessionSeenAt(0), at(IDLE_MS), IDLE_MS)).toBe(false);
  });

  it('ends a session 12 hours after login however recently it was used', () => {
    const busy = sessionSeenAt(SESSION_ABSOLUTE_MS - 1000);
    expect(withinSessionLimits(busy, at(SESSION_ABSOLUTE_MS - 1), IDLE_MS)).toBe(true);
    expect(withinSessionLimits(busy, at(SESSION_ABSOLUTE_MS), IDLE_MS)).toBe(false);
  });
});
