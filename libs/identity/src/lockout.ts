/** CJIS AC-7: this many consecutive failures within the window lock the account until an admin releases it. */
export const LOCKOUT_THRESHOLD = 5;
/** The failures must fall within this window from the first one; an older first failure starts the count again. */
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;

export interface FailureCount {
  failedLoginCount: number;
  firstFailedAt: Date | null;
}

/**
 * The account's count after one more failure at `now`, and whether it locks. The window runs from
 * the first failure of the series, so failures spread thinly over hours never lock; a success
 * resets the count elsewhere (the login itself).
 */
export function countFailure(previous: FailureCount, now: Date): FailureCount & { locks: boolean } {
  const fresh = !previous.firstFailedAt || now.getTime() - previous.firstFailedAt.getTime() > LOCKOUT_WINDOW_MS;
  const failedLoginCount = fresh ? 1 : previous.failedLoginCount + 1;
  return {
    failedLoginCount,
    firstFailedAt: fresh ? now : previous.firstFailedAt,
    locks: failedLoginCount >= LOCKOUT_THRESHOLD,
  };
}
