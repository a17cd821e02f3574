/**
 * A change between two versions of the sharing parameters (GET /agreements/:id/diff), in a sentence: the API
 * names the place (`flow shooting-alerts › fields.location`); this says what it was and what it became. Kept
 * small on purpose: features/agreements has the full plain-language diff for the agreement's own page.
 */
export interface ChangeText {
  key: 'added' | 'removed' | 'changed';
  values: { path: string; before: string; after: string };
}

/** A parameter value in words: text as it is, lists joined, yes/no, objects as compact `key: value` pairs. */
export function valueWords(value: unknown, yes = 'yes', no = 'no'): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? yes : no;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((v) => valueWords(v, yes, no)).join(', ');
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${valueWords(v, yes, no)}`)
    .join('; ');
}

export function changeText(
  change: { path: string; change: 'added' | 'removed' | 'changed'; before?: unknown; after?: unknown },
  words: { yes: string; no: string } = { yes: 'yes', no: 'no' },
): ChangeText {
  return {
    key: change.change,
    values: {
      path: change.path,
      before: valueWords(change.before, words.yes, words.no),
      after: valueWords(change.after, words.yes, words.no),
    },
  };
}
