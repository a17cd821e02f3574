import { Anchor, Center, List, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePlainDiff } from '@/lib/plain-diff';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageTitle } from '@/ui/PageTitle';
import { useVersionDiff } from '../api/board-api';
import { useBoardAgreement } from '../components/BoardContext';

/** What changed from one version of the agreement to the next (the audit's version links lead here), in sentences. */
export function VersionsPage() {
  const { t } = useTranslation('board');
  const { t: tc } = useTranslation();
  const [params] = useSearchParams();
  const { agreement } = useBoardAgreement();
  const latest = Math.max(...agreement.versions.map((v) => v.version));
  const to = Number(params.get('to')) || latest;
  const from = Number(params.get('from')) || to - 1;
  const diff = useVersionDiff(agreement.id, from, to);
  const describeChanges = usePlainDiff();
  const parameters = (n: number) => agreement.versions.find((v) => v.version === n)?.sharingParameters;
  const groups = diff.data ? describeChanges(diff.data, parameters(from), parameters(to)) : [];
  return (
    <Stack gap="md">
      <div>
        <PageTitle>{t('versions.title', { from, to })}</PageTitle>
        <Anchor component={Link} to="../audit" relative="path">
          {t('versions.back')}
        </Anchor>
      </div>
      {from < 1 || to <= from ? (
        <Text>{t('versions.first')}</Text>
      ) : diff.isPending ? (
        <Center py="xl">
          <Loader aria-label={tc('loading')} />
        </Center>
      ) : !diff.data ? (
        <ErrorAlert error={diff.error} />
      ) : groups.length === 0 ? (
        <Text>{t('versions.none')}</Text>
      ) : (
        groups.map((group) => (
          <section key={group.flowId} aria-label={group.title || undefined}>
            {group.title && (
              <Title order={2} size="h4">
                {group.title}
              </Title>
            )}
            <List spacing="xs">
              {group.lines.map((line, i) => (
                <List.Item key={i}>{line}</List.Item>
              ))}
            </List>
          </section>
        ))
      )}
    </Stack>
  );
}
