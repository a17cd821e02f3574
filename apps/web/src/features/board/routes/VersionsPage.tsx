import { Anchor, Center, List, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageTitle } from '@/ui/PageTitle';
import { useVersionDiff } from '../api/board-api';
import { useBoardAgreement } from '../components/BoardContext';
import { changeText } from '../utils/version-changes';

/** What changed from one version of the agreement to the next (the audit's version links lead here). */
export function VersionsPage() {
  const { t } = useTranslation('board');
  const { t: tc } = useTranslation();
  const [params] = useSearchParams();
  const { agreement } = useBoardAgreement();
  const latest = Math.max(...agreement.versions.map((v) => v.version));
  const to = Number(params.get('to')) || latest;
  const from = Number(params.get('from')) || to - 1;
  const diff = useVersionDiff(agreement.id, from, to);
  const words = { yes: t('versions.yes'), no: t('versions.no') };
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
      ) : diff.data.length === 0 ? (
        <Text>{t('versions.none')}</Text>
      ) : (
        <List spacing="xs">
          {diff.data.map((change, i) => {
            const text = changeText(change, words);
            return <List.Item key={`${change.path}-${i}`}>{t(`versions.${text.key}`, text.values)}</List.Item>;
          })}
        </List>
      )}
    </Stack>
  );
}
