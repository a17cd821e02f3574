import { Title, VisuallyHidden } from '@mantine/core';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '@/lib/use-date-time';
import type { PreviewItem } from '../api/incidents-api';
import { highlightSegments } from '../utils/text-highlights';

type Field = keyof typeof FIELD_ORDER;
const FIELD_ORDER = {
  incidentType: 0,
  occurredAt: 1,
  location: 2,
  victimCount: 3,
  victimAgeBands: 4,
  fatal: 5,
  hospital: 6,
  retaliationRisk: 7,
  requestedResponse: 8,
  narrative: 9,
} as const;

/**
 * One recipient's column of the preview: exactly the fields it will receive at its precision, what is withheld and
 * why, and the identifiers found in free text marked in place in the text as recorded.
 */
export function RecipientPreview({ item, texts }: { item: PreviewItem; texts: Record<string, string | null> }) {
  const { t } = useTranslation('incidents');
  const headingId = useId();
  const value = usePayloadValue();
  const payload = (item.payload ?? {}) as Record<string, unknown>;
  const released = [...item.fieldsReleased].sort(
    (a, b) => (FIELD_ORDER[a as Field] ?? 99) - (FIELD_ORDER[b as Field] ?? 99),
  );
  const kinds = [...new Set(item.findings.flatMap((f) => f.findings.map((x) => t(`preview.kind.${x.kind}`))))];
  return (
    <section aria-labelledby={headingId} className={item.ok ? 'preview-column' : 'preview-column preview-refused'}>
      <Title order={2} size="h4" id={headingId}>
        {item.recipientOrgName}
      </Title>
      <p className="incident-note">{t('shared.agreementVersion', { version: item.agreementVersion })}</p>
      {!item.ok && (
        <p className="preview-refusal" role="alert">
          {t('preview.refused', { kinds: kinds.join(', ') })}
        </p>
      )}
      {item.findings.map((found) => (
        <div key={found.field} className="preview-found">
          <Title order={3} size="h6">
            {t('preview.found', { field: t(`preview.field.${found.field}`) })}
          </Title>
          <p className="preview-text">
            {highlightSegments(texts[found.field] ?? '', found.findings).map((segment, i) =>
              segment.kind ? (
                <mark key={i} className="preview-identifier" data-kind={segment.kind}>
                  {segment.text}
                  <VisuallyHidden> ({t(`preview.kind.${segment.kind}`)})</VisuallyHidden>
                </mark>
              ) : (
                <span key={i}>{segment.text}</span>
              ),
            )}
          </p>
        </div>
      ))}
      {item.ok && (
        <>
          <Title order={3} size="h6" mt="sm">
            {t('preview.receives')}
          </Title>
          <dl className="incident-fields preview-fields">
            {released.map((field) => (
              <div key={field}>
                <dt>{t(`preview.field.${field as Field}`)}</dt>
                <dd>{value(field, payload[field])}</dd>
              </div>
            ))}
          </dl>
          <Title order={3} size="h6" mt="sm">
            {t('preview.withheld')}
          </Title>
          {item.fieldsWithheld.length === 0 ? (
            <p className="incident-note">{t('preview.withheldNone')}</p>
          ) : (
            <ul className="preview-withheld">
              {item.fieldsWithheld.map((w) => (
                <li key={w.field}>
                  {t(`preview.field.${w.field}`)}: {t(`preview.reason.${w.reason}`)}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** A payload value in words, as the recipient's inbox would show it. */
function usePayloadValue(): (field: string, value: unknown) => ReactNode {
  const { t } = useTranslation('incidents');
  const dateTime = useDateTime();
  return (field, value) => {
    if (value === null || value === undefined) return t('detail.none');
    switch (field) {
      case 'incidentType':
        return t(`type.${value as 'shooting' | 'homicide'}`);
      case 'occurredAt':
        return dateTime(value as string);
      case 'retaliationRisk':
        return t(`risk.${value as 'low' | 'medium' | 'high' | 'unknown'}`);
      case 'fatal':
        return value ? t('preview.yes') : t('preview.no');
      case 'victimAgeBands':
        return (value as string[]).join(', ');
      case 'location': {
        const l = value as { precision: 'exact' | 'block' | 'grid' | 'area'; [key: string]: unknown };
        const text = (v: unknown) => (typeof v === 'string' ? v : '');
        return t(`preview.locationValue.${l.precision}`, {
          address: text(l.address),
          block: text(l.block),
          cell: text(l.cell),
          area: text(l.serviceArea),
        });
      }
      default:
        return String(value);
    }
  };
}
