import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTimeFormat } from '@/lib/date-formats';

/** Dates and times in the reader's language (and the browser's time zone). */
export function useFormatters() {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => {
    const dateTime = dateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    const time = dateTimeFormat(language, { timeStyle: 'short' });
    const date = dateTimeFormat(language, { dateStyle: 'medium' });
    const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();
    return {
      dateTime: (at: Date) => dateTime.format(at),
      /** Today's moments as a time only; others with their date. */
      moment: (at: Date, now = new Date()) => (sameDay(at, now) ? time.format(at) : dateTime.format(at)),
      range: (start: Date, end: Date) => dateTime.formatRange(start, end),
      date: (at: Date) => date.format(at),
    };
  }, [language]);
}
