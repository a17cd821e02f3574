/**
 * How far back the demo city's history goes (docs/reports.md, "The demo's history"): the demo
 * agreements take effect this many days ago and the history seeder writes the weeks since, so the
 * board's dashboard has trends to draw on first start.
 */
export const DEMO_HISTORY_DAYS = 42;

/** The morning (08:00 UTC) DEMO_HISTORY_DAYS before `nowMs`: when the demo agreements took effect. */
export function demoHistoryStart(nowMs: number = Date.now()): Date {
  const day = new Date(nowMs - DEMO_HISTORY_DAYS * 86_400_000);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 8));
}
