import { Anchor, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageTitle } from '@/ui/PageTitle';
import { useAuditSearch } from '../api/board-api';
import { AuditFiltersForm } from '../components/AuditFiltersForm';
import { AuditTable } from '../components/AuditTable';
import { useBoardAgreement } from '../components/BoardContext';
import { auditFiltersFrom, auditSearchOf } from '../utils/audit-filters';
import { releasedDetailsBySeq } from '../utils/released-details';

/**
 * The audit trail in words, newest first: filters kept in the address, "Show more" with the API's keyset cursor.
 * The search answers no details; once the bundle is verified in this tab, what it releases (an acknowledgement's
 * slaMet) completes the sentences.
 */
export function AuditPage() {
  const { t } = useTranslation('board');
  const { t: tc } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { agreement, verification } = useBoardAgreement();
  const filters = auditFiltersFrom(params);
  const query = useAuditSearch(agreement, filters);
  const entries = query.data?.pages.flatMap((page) => page.entries) ?? [];
  const verified = verification.state.status === 'done' ? verification.state.bundle : null;
  const details = useMemo(() => (verified ? releasedDetailsBySeq(verified) : null), [verified]);
  return (
    <Stack gap="md">
      <div>
        <PageTitle>{t('audit.title')}</PageTitle>
        <Text mt={-8}>{t('audit.intro')}</Text>
      </div>
      <AuditFiltersForm key={params.toString()} filters={filters} onApply={(next) => setParams(auditSearchOf(next))} />
      {!details && (
        <Text size="sm" className="board-no-print">
          {t('audit.detailsHint')}{' '}
          <Anchor component={Link} to="../verify" relative="path" underline="always">
            {t('audit.detailsLink')}
          </Anchor>
        </Text>
      )}
      {query.isPending ? (
        <Center py="xl">
          <Loader aria-label={tc('loading')} />
        </Center>
      ) : !query.data ? (
        <ErrorAlert error={query.error} />
      ) : (
        <>
          {query.isError && <ErrorAlert error={query.error} />}
          {entries.length === 0 ? (
            <Text c="dimmed">{t('audit.empty')}</Text>
          ) : (
            <AuditTable entries={entries} details={details} />
          )}
          {query.hasNextPage && (
            <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
              {t('audit.more')}
            </Button>
          )}
        </>
      )}
    </Stack>
  );
}
