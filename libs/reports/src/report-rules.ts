/**
 * The report's rules for what a count may say, apart from the queries that fetch the counts.
 * Below MIN_SAMPLE a rate or a time would describe one or two disclosures, so it is left out.
 */
export const MIN_SAMPLE = 3;
/** A day of police reads is unusual above max(UNUSUAL_READS_FLOOR, UNUSUAL_READS_FACTOR × the period's median). */
export const UNUSUAL_READS_FLOOR = 10;
export const UNUSUAL_READS_FACTOR = 3;

/** The share of `part` in `whole` as a percentage with one decimal, or null below MIN_SAMPLE. */
export function percentOrNull(part: number, whole: number): number | null {
  return whole >= MIN_SAMPLE ? Math.round((1000 * part) / whole) / 10 : null;
}

/** A time in whole seconds, or null when it rests on fewer than MIN_SAMPLE acknowledgements. */
export function secondsOrNull(seconds: number | null, sample: number): number | null {
  return sample >= MIN_SAMPLE && seconds !== null ? Math.round(seconds) : null;
}

/** The days whose reads stand out from the period's median day (the lower middle when even). */
export function unusualReadDays<T extends { reads: number }>(days: readonly T[]): T[] {
  const sorted = days.map((d) => d.reads).sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : 0;
  const threshold = Math.max(UNUSUAL_READS_FLOOR, UNUSUAL_READS_FACTOR * median);
  return days.filter((d) => d.reads > threshold);
}
