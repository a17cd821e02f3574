const pad = (n: number) => String(n).padStart(2, '0');

/** A moment as a `datetime-local` input shows it: the browser's local time, to the minute. */
export function toLocalDateTime(at: Date | string | null | undefined): string {
  if (!at) return '';
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A day as a `date` input shows it, in local time. */
export function toLocalDate(at: Date | string | null | undefined): string {
  return toLocalDateTime(at).slice(0, 10);
}

/**
 * What a `datetime-local` or `date` input holds, as an ISO moment for the API (a day means its local start); undefined
 * when empty or unreadable.
 */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value.length === 10 ? `${value}T00:00` : value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The local day `days` after `from`, as a `date` input value. */
export function localDateAfter(from: Date, days: number): string {
  const d = new Date(from.getFullYear(), from.getMonth(), from.getDate() + days);
  return toLocalDate(d);
}

/**
 * The last moment of the local day a `date` input holds, as an ISO moment for the API (for an inclusive "to" filter);
 * undefined when empty or unreadable.
 */
export function endOfLocalDay(value: string): string | undefined {
  const start = fromLocalInput(value.slice(0, 10));
  if (!start) return undefined;
  const d = new Date(start);
  return new Date(new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime() - 1).toISOString();
}
