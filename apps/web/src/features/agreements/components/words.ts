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

/** A problem the API reported, in the page's language (its own reason is English only). */
export function useProblemText(): (problem: Problem) => string {
  const t = useAgreementsT();
  return (problem) => {
    const kind = kindOf(problem.reason);
    return t(`problem.${kind.kind}`, 'limit' in kind ? { limit: kind.limit } : {});
  };
}
