import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTimeFormat } from './date-formats';

/** Date and time in the page's language and the device's time zone ("Dec 6, 2026, 5:41 PM"). */
export function useDateTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => {
    const format = dateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    return (iso: string) => format.format(new Date(iso));
  }, [language]);
}
