import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTimeFormat } from '@/lib/date-formats';

/** A day in the page's language ("Nov 9, 2026", "9 nov 2026"): from a local `YYYY-MM-DD` or an ISO moment. */
export function useDayFormat(): (day: string | Date) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => {
    const format = dateTimeFormat(language, { dateStyle: 'medium' });
    return (day: string | Date) =>
      format.format(typeof day === 'string' && day.length === 10 ? new Date(`${day}T00:00`) : new Date(day));
  }, [language]);
}
