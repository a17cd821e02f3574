import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgreementReport } from '../api/board-api';
import { openIssues } from '../utils/open-issues';

export function OpenIssues({ report }: { report: AgreementReport }) {
  const { t } = useTranslation('board');
  const issues = openIssues(report);
  if (issues.length === 0) return <Text>{t('issues.none')}</Text>;
  return (
    <List spacing={4}>
      {issues.map((issue) => (
        <List.Item key={issue.key}>{t(`issues.${issue.key}`, { n: issue.count })}</List.Item>
      ))}
    </List>
  );
}
