import { Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '@/lib/use-date-time';
import type { IncidentDetail } from '../api/incidents-api';

/** The police's own record of the incident, every field as recorded (it never leaves the department as such). */
export function IncidentRecord({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation('incidents');
  const dateTime = useDateTime();
  const headingId = useId();
  const { location } = incident;
  const address = [location.houseNumber, location.street].filter(Boolean).join(' ');
  const none = t('detail.none');
  const victims = incident.victims.map((victim) =>
    [
      victim.age === null ? t('detail.victimUnknownAge') : t('detail.victim', { age: victim.age }),
      victim.fatal ? t('detail.fatal') : t('detail.notFatal'),
      victim.name,
    ]
      .filter(Boolean)
      .join(', '),
  );
  const rows: [string, ReactNode][] = [
    [t('detail.occurredAt'), dateTime(incident.occurredAt)],
    [t('detail.location'), t('detail.locationValue', { address, area: location.serviceArea })],
    [
      t('detail.victims'),
      victims.length === 0 ? (
        none
      ) : (
        <ul className="incident-victims">
          {victims.map((victim, i) => (
            <li key={i}>{victim}</li>
          ))}
        </ul>
      ),
    ],
    [t('detail.hospital'), incident.hospital ?? none],
    [t('detail.retaliationRisk'), t(`risk.${incident.retaliationRisk}`)],
    [t('detail.narrative'), incident.narrative ?? none],
    [t('detail.requestedResponse'), incident.requestedResponse ?? none],
    [t('detail.caseNumber'), incident.caseNumber ?? none],
    [t('detail.otherNames'), incident.otherNames.length ? incident.otherNames.join(', ') : none],
    [t('detail.recorded'), dateTime(incident.createdAt)],
  ];
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId} mb={4}>
        {t('detail.record')}
      </Title>
      <p className="incident-note">{t('detail.recordIntro')}</p>
      <dl className="incident-fields">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
