import { List, NativeSelect, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlainDiff } from '@/lib/plain-diff';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageLoader } from '@/ui/PageLoader';
import { type Agreement, useDiff } from '../api/agreements-api';
import { defaultComparison } from '../utils/agreement-views';

/** What changes between two versions (GET /agreements/:id/diff), in sentences (lib/plain-diff.ts). */
export function VersionDiff({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation('agreements');
  const describeChanges = usePlainDiff();
  const initial = defaultComparison(agreement);
  const [chosen, setChosen] = useState<{ from: number; to: number } | null>(null);
  // The default follows the agreement (a new amendment is compared at once); a choice the admin made stays.
  const comparison = chosen ?? initial;
  const diff = useDiff(agreement.id, comparison);
  const parameters = (n: number) => agreement.versions.find((v) => v.version === n)?.sharingParameters;
  const options = agreement.versions.map((v) => ({
    value: String(v.version),
    label: t('diff.versionOption', { version: v.version, status: t(`status.${v.status}`) }),
  }));
  const groups =
    diff.data && comparison ? describeChanges(diff.data, parameters(comparison.from), parameters(comparison.to)) : [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="diff-title">
      <Title order={2} size="h3" id="diff-title">
        {t('diff.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('diff.intro')}
      </Text>
      {!comparison ? (
        <Text size="sm">{t('diff.only')}</Text>
      ) : (
        <Stack gap="sm">
          <Group>
            <NativeSelect
              label={t('diff.from')}
              value={String(comparison.from)}
              onChange={(e) => setChosen({ ...comparison, from: Number(e.currentTarget.value) })}
              data={options}
            />
            <NativeSelect
              label={t('diff.to')}
              value={String(comparison.to)}
              onChange={(e) => setChosen({ ...comparison, to: Number(e.currentTarget.value) })}
              data={options}
            />
          </Group>
          <ErrorAlert error={diff.error ?? undefined} />
          {diff.isFetching && !diff.data && <PageLoader />}
          {(comparison.from === comparison.to || (diff.data && groups.length === 0)) && (
            <Text size="sm">{t('diff.nothing')}</Text>
          )}
          {groups.map((group) => (
            <div key={group.flowId}>
              {group.title && (
                <Title order={3} size="h5">
                  {group.title}
                </Title>
              )}
              <List size="sm" className="agreement-diff">
                {group.lines.map((line, i) => (
                  <List.Item key={i}>{line}</List.Item>
                ))}
              </List>
            </div>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
