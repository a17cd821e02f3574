import { countFailure, LOCKOUT_THRESHOLD, LOCKOUT_WINDOW_MS } from './lockout';

const t0 = new Date('2026-11-23T09:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('account lockout (CJIS AC-7)', () => {
  it('locks on the fifth consecutive failure within 15 minutes, not before', () => {
    let state = { failedLoginCount: 0, firstFailedAt: null as Date | null };
    const locks: boolean[] = [];
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) {
      const next = countFailure(state, at(i * 60_000));
      locks.push(next.locks);
      state = next;
    }
    expect(locks).toEqual([false, false, false, false, true]);
    expect(state).toMatchObject({ failedLoginCount: 5, firstFailedAt: t0 });
  });

  it('counts the window from the first failure of the series, so a failure at exactly 15 minutes still counts', () => {
    const fourth = { failedLoginCount: 4, firstFailedAt: t0 };
    expect(countFailure(fourth, at(LOCKOUT_WINDOW_MS))).toMatchObject({ failedLoginCount: 5, locks: true });
  });

  it('starts a new series when the first failure is older than the window', () => {
    const fourth = { failedLoginCount: 4, firstFailedAt: t0 };
    const later = at(LOCKOUT_WINDOW_MS + 1);
    expect(countFailure(fourth, later)).toEqual({ failedLoginCount: 1, firstFailedAt: later, locks: false });
  });

  it('starts a series at the first failure after a success (no first failure recorded)', () => {
    expect(countFailure({ failedLoginCount: 0, firstFailedAt: null }, t0)).toEqual({
      failedLoginCount: 1,
      firstFailedAt: t0,
      locks: false,
    });
  });
});
