import { useTranslation } from 'react-i18next';
import { dateTimeFormat } from '@/lib/date-formats';
import { useDateTime } from '@/lib/use-date-time';
import { type ConcernValue, concernValues } from '../utils/concern';

/** A community concern as the agreement released it: labels and fixed values translated, free text untouched. */
export function ConcernFields({ payload }: { payload: Record<string, unknown> | null }) {
  const { t, i18n } = useTranslation('inbox');
  const dateTime = useDateTime();
  const day = (value: string) =>
    dateTimeFormat(i18n.resolvedLanguage ?? 'en', { dateStyle: 'full', timeZone: 'UTC' }).format(
      new Date(`${value}T00:00:00Z`),
    );
  const shown = (value: ConcernValue): string => {
    if (value.field === 'concernType') return value.type ? t(`concern.types.${value.type}`) : value.text;
    if ('day' in value) return day(value.day);
    if ('hour' in value) return t('concern.hourOf', { time: dateTime(value.hour.toISOString()) });
    return value.text;
  };
  const values = concernValues(payload);
  if (values.length === 0) return <p>{t('alert.noDetails')}</p>;
  return (
    <dl className="released-fields">
      {values.map((value) => (
        <div key={value.field} className="released-field">
          <dt>{t(`concern.fields.${value.field}`)}</dt>
          <dd className={value.field === 'narrative' ? 'released-text' : undefined}>{shown(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
