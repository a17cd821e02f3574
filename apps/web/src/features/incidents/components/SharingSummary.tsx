import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IncidentSummary } from '../api/incidents-api';

/** "Shared with 2 partners · 1 acknowledged · 1 overdue": in words, the overdue part also in bold red. */
export function SharingSummary({ counts }: { counts: IncidentSummary['disclosures'] }) {
  const { t } = useTranslation('incidents');
  if (counts.shared === 0) return <Text c="dimmed">{t('summary.notShared')}</Text>;
  return (
    <Text>
      {t('summary.sharedWith', { count: counts.shared })} · {t('summary.acknowledged', { count: counts.acknowledged })}
      {counts.overdue > 0 && (
        <>
          {' · '}
          <Text span fw={700} className="incident-overdue">
            {t('summary.overdue', { count: counts.overdue })}
          </Text>
        </>
      )}
    </Text>
  );
}
