import { List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgreementVersion } from '../api/agreements-api';
import { toDraft } from '../utils/flow-form';
import { capitalize, useTermsT } from './words';

/** A version's flows, read only: who receives what, at what precision, for how long, by when. */
export function FlowSummary({ version }: { version: AgreementVersion }) {
  const { t } = useTranslation('agreements');
  const terms = useTermsT();
  const raw = (version.sharingParameters as { flows?: unknown }).flows;
  const flows = (Array.isArray(raw) ? raw : []).map((f) => toDraft(f as Record<string, unknown>));
  return (
    <Stack gap="sm">
      {flows.map((flow) => (
        <div key={flow.id} className="agreement-flow">
          <Title order={4} size="h5">
            {terms('line.flowTitle', {
              category: terms(`category.${flow.category}`),
              from: terms(`party.${flow.from}`),
              to: terms(`party.${flow.to}`),
            })}
          </Title>
          <Text size="sm">
            {t('flow.audience')}: {flow.audience.map((r) => terms(`audience.${r}`)).join(', ')}
          </Text>
          <Text size="sm">{t('flow.fields')}:</Text>
          <List size="sm">
            {Object.entries(flow.fields).map(([field, precision]) => (
              <List.Item key={field}>
                {capitalize(terms(`field.${field}`, { defaultValue: field }))} —{' '}
                {terms(`precision.${precision}`, { defaultValue: precision })}
              </List.Item>
            ))}
          </List>
          <Text size="sm">
            {typeof flow.retentionDays === 'number' && t('flow.retention', { count: flow.retentionDays })}
            {' · '}
            {typeof flow.acknowledgeWithinHours === 'number'
              ? t('flow.deadline', { count: flow.acknowledgeWithinHours })
              : t('flow.noDeadline')}
            {flow.consentRequired && ` · ${t('flow.consent')}`}
          </Text>
        </div>
      ))}
    </Stack>
  );
}
