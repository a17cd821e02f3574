import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Dates and times in the reader's language (and the browser's time zone). */
export function useFormatters() {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    const time = new Intl.DateTimeFormat(language, { timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
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
