import { Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '@/lib/use-date-time';
import type { SentDisclosure } from '../api/incidents-api';
import { awaitingAcknowledgement, disclosureState } from '../utils/incident-views';

/**
 * Each disclosure of the incident: the partner organization, the agreement version it went under, delivery,
 * acknowledgement (when, and within the deadline or late — in words) and escalation. Never who acknowledged. A
 * correction of the incident is its own entry, marked as the next revision of the same alert.
 */
export function SharedWith({ disclosures }: { disclosures: SentDisclosure[] }) {
  const { t } = useTranslation('incidents');
  const dateTime = useDateTime();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId} mb={4}>
        {t('shared.title')}
      </Title>
      {disclosures.length === 0 ? (
        <Text c="dimmed">{t('shared.none')}</Text>
      ) : (
        <>
          <p className="incident-note">
            {t('shared.neverWho')} {awaitingAcknowledgement(disclosures) && t('shared.polling')}
          </p>
          <ul className="shared-list">
            {disclosures.map((disclosure) => {
              const state = disclosureState(disclosure);
              const acknowledged = disclosure.acknowledgedAt ? dateTime(disclosure.acknowledgedAt) : '';
              return (
                <li key={disclosure.disclosureId} className={`shared-item shared-${state}`}>
                  <Title order={3} size="h4">
                    {disclosure.recipientOrgName}
                  </Title>
                  {disclosure.revision > 1 && (
                    <Text size="sm">{t('shared.revision', { revision: disclosure.revision })}</Text>
                  )}
                  <dl className="incident-fields">
                    <div>
                      <dt>{t('shared.agreement')}</dt>
                      <dd>{t('shared.agreementVersion', { version: disclosure.agreementVersion })}</dd>
                    </div>
                    <div>
                      <dt>{t('shared.delivered')}</dt>
                      <dd>{disclosure.deliveredAt ? dateTime(disclosure.deliveredAt) : t('shared.notDelivered')}</dd>
                    </div>
                    <div>
                      <dt>{t('shared.acknowledgement')}</dt>
                      <dd className="shared-state">{t(`shared.state.${state}`, { time: acknowledged })}</dd>
                    </div>
                    <div>
                      <dt>{t('shared.escalation')}</dt>
                      <dd>
                        {disclosure.escalatedAt
                          ? t('shared.escalatedAt', { time: dateTime(disclosure.escalatedAt) })
                          : t('shared.notEscalated')}
                      </dd>
                    </div>
                  </dl>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
