/** Sessions end 12 hours after login whatever the activity (docs/security.md, Sessions). */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

/**
 * How stale a session's last use may be before a request writes it again: idle time counts from the
 * last write, so a session can end up to this much before its idle limit after the last request.
 */
export const SESSION_TOUCH_MS = 60 * 1000;

/**
 * Whether a session is still within both limits at `now`: before its absolute end, and used less
 * than `idleMs` ago. The one rule for every check (each request, and the live stream's re-checks).
 */
export function withinSessionLimits(
  session: { expiresAt: Date; lastSeenAt: Date },
  now: Date,
  idleMs: number,
): boolean {
  return now < session.expiresAt && now.getTime() - session.lastSeenAt.getTime() < idleMs;
}
