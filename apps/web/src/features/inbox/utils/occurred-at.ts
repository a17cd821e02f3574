const HOUR_MS = 3_600_000;

/**
 * When an incident happened, as the window the released time stands for. The API cuts the time to
 * the agreed precision in UTC (exact, to the hour, or to the day: libs/sharing generalization.ts)
 * without saying which, so the precision is read from what was cut: a time on the hour is shown as
 * that hour, a UTC midnight as that UTC day. A coarser window than the agreement's is still true;
 * a finer one would claim knowledge the partner was not given.
 */
export function occurredWindow(iso: string): { start: Date; end: Date | null } | null {
  const start = new Date(iso);
  if (Number.isNaN(start.getTime())) return null;
  const onTheHour = start.getUTCMinutes() === 0 && start.getUTCSeconds() === 0 && start.getUTCMilliseconds() === 0;
  if (!onTheHour) return { start, end: null };
  const span = start.getUTCHours() === 0 ? 24 * HOUR_MS : HOUR_MS;
  return { start, end: new Date(start.getTime() + span) };
}
