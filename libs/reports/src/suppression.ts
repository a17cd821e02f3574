/** Counts this small could single out a person or an incident; exports show them as "<3". */
export const SUPPRESSION_THRESHOLD = 3;

export type Count = number | '<3';

export function suppress(count: number): Count {
  return count > 0 && count < SUPPRESSION_THRESHOLD ? '<3' : count;
}

/** Rows of `[section, key, value]` as CSV, quoting every cell (values are codes and numbers only). */
export function toCsv(rows: Array<[string, string, string | number | null]>): string {
  const cell = (v: string | number | null) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  return ['section,key,value', ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}
