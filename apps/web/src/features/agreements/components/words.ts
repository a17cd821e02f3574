import { useTranslation } from 'react-i18next';
import { kindOf, type Problem } from '../utils/agreement-views';
import type { Translate } from '@/lib/plain-diff';

/** "hospital name" → "Hospital name": the field and role names read as labels at the start of a line. */
export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** The feature's `t` as a plain function of a key computed at run time (a category, a field, a precision). */
export function useAgreementsT(): Translate {
  const { t } = useTranslation('agreements');
  return t as unknown as Translate;
}

/**
 * The words of an agreement's terms — parties, categories, audiences, fields, precisions, conditions — kept once in
 * lib/i18n/plain-diff.strings.ts, so the agreement's pages, its form and the plain-language diff say them alike.
 */
export function useTermsT(): Translate {
  const { t } = useTranslation('common', { keyPrefix: 'plainDiff' });
  return t as unknown as Translate;
}

/** A problem the API reported, in the page's language (its own reason is English only). */
export function useProblemText(): (problem: Problem) => string {
  const t = useAgreementsT();
  return (problem) => {
    const kind = kindOf(problem.reason);
    return t(`problem.${kind.kind}`, 'limit' in kind ? { limit: kind.limit } : {});
  };
}
