import { fromLocalInput, localDateAfter, toLocalDate } from '@/lib/local-time';

/** A reporting period as the board picks it: local days, both inclusive (`YYYY-MM-DD`). */
export interface Period {
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The report API takes at most 366 days. */
export const MAX_PERIOD_DAYS = 366;
export const DEFAULT_PERIOD_DAYS = 28;

/** The period in the address (`?from=…&to=…`), else the last four weeks up to today. */
export function periodFrom(params: URLSearchParams, now = new Date()): Period {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  if (DAY.test(from) && DAY.test(to) && from <= to && daysIn({ from, to }) <= MAX_PERIOD_DAYS) return { from, to };
  return { from: localDateAfter(now, 1 - DEFAULT_PERIOD_DAYS), to: toLocalDate(now) };
}

export function daysIn(period: Period): number {
  const start = new Date(`${period.from}T00:00`);
  const end = new Date(`${period.to}T00:00`);
  return Math.round((end.getTime() - start.getTime()) / 86_400_000) + 1;
}

/** The period as the report API takes it: from the first day's local start to the start of the day after the last. */
export function apiPeriod(period: Period): { from: string; to: string } {
  return {
    from: fromLocalInput(period.from)!,
    to: fromLocalInput(localDateAfter(new Date(`${period.to}T00:00`), 1))!,
  };
}

/** `?from=…&to=…`, to keep the period when moving between the board's pages. */
export function periodSearch(period: Period): string {
  return `?${new URLSearchParams({ from: period.from, to: period.to }).toString()}`;
}
