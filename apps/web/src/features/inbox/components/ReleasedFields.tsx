import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../hooks/useFormatters';
import { INCIDENT_FIELDS, type IncidentField, type IncidentPayload } from '../utils/fields';
import { occurredWindow } from '../utils/occurred-at';

/**
 * The alert exactly as released: each field the agreement let through, in the API's order,
 * already generalized by the API (the block, never the house; an hour, not the minute; age bands).
 * Labels and fixed values are translated; free text stays as the sender wrote it.
 */
export function ReleasedFields({ payload, fieldsReleased }: { payload: IncidentPayload; fieldsReleased: string[] }) {
  const { t } = useTranslation('inbox');
  const value = useFieldValue();
  const shown = INCIDENT_FIELDS.filter((field) => payload[field] !== undefined || fieldsReleased.includes(field));
  return (
    <dl className="released-fields">
      {shown.map((field) => (
        <div key={field} className="released-field">
          <dt>{t(`fields.${field}`)}</dt>
          <dd>{value(field, payload)}</dd>
        </div>
      ))}
    </dl>
  );
}

function useFieldValue(): (field: IncidentField, payload: IncidentPayload) => ReactNode {
  const { t } = useTranslation('inbox');
  const format = useFormatters();
  const notGiven = (
    <Text span c="dimmed">
      {t('values.notGiven')}
    </Text>
  );
  return (field, payload) => {
    switch (field) {
      case 'incidentType':
        return payload.incidentType ? t(`values.incidentType.${payload.incidentType}`) : notGiven;
      case 'occurredAt': {
        const window = payload.occurredAt ? occurredWindow(payload.occurredAt) : null;
        if (!window || !payload.occurredAt) return notGiven;
        return (
          <time dateTime={payload.occurredAt}>
            {window.end ? format.range(window.start, window.end) : format.dateTime(window.start)}
          </time>
        );
      }
      case 'location': {
        const location = payload.location;
        if (!location) return notGiven;
        const area = t('values.serviceArea', { code: location.serviceArea });
        switch (location.precision) {
          case 'exact':
            return (
              <Lines
                lines={[
                  location.address ?? '',
                  location.latitude !== undefined && location.longitude !== undefined
                    ? t('values.coordinates', {
                        latitude: String(location.latitude),
                        longitude: String(location.longitude),
                      })
                    : '',
                  area,
                ]}
              />
            );
          case 'block':
            return <Lines lines={[location.block ?? '', area]} />;
          case 'grid':
            return <Lines lines={[location.cell ? t('values.gridCell', { cell: location.cell }) : '', area]} />;
          case 'area':
            return t('values.areaOnly', { code: location.serviceArea });
        }
        return notGiven;
      }
      case 'victimCount':
        return payload.victimCount === undefined ? notGiven : t('values.victims', { count: payload.victimCount });
      case 'victimAgeBands':
        return payload.victimAgeBands?.length
          ? payload.victimAgeBands.map((band) => ageBandText(band, t)).join(', ')
          : notGiven;
      case 'fatal':
        return payload.fatal === undefined ? notGiven : payload.fatal ? t('values.fatalYes') : t('values.fatalNo');
      case 'hospital':
        return payload.hospital || notGiven;
      case 'retaliationRisk':
        return payload.retaliationRisk ? t(`values.risk.${payload.retaliationRisk}`) : notGiven;
      case 'narrative':
      case 'requestedResponse': {
        const text = payload[field];
        return text ? <span className="released-text">{text}</span> : notGiven;
      }
    }
  };
}

/** "15-19" → "15–19 years"; "unknown" → "age unknown"; anything else as the API wrote it. */
function ageBandText(band: string, t: ReturnType<typeof useTranslation<'inbox'>>['t']): string {
  if (band === 'unknown') return t('values.ageUnknown');
  const [, low, high] = /^(\d+)-(\d+)$/.exec(band) ?? [];
  return low && high ? t('values.ageBand', { low, high }) : band;
}

function Lines({ lines }: { lines: string[] }) {
  return (
    <>
      {lines.filter(Boolean).map((line) => (
        <span key={line} className="released-line">
          {line}
        </span>
      ))}
    </>
  );
}
