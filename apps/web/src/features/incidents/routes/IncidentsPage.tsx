import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageTitle } from '@/ui/PageTitle';
import { useIncidents, useServiceAreas } from '../api/incidents-api';
import { IncidentFiltersForm } from '../components/IncidentFiltersForm';
import { IncidentTable } from '../components/IncidentTable';
import { filtersFrom, incidentsQuery, isFiltered, searchOf } from '../utils/incident-views';

/**
 * The liaison's incidents: filters (kept in the address, so Back from an incident finds the same list), the table,
 * "Show more" with the API's cursor.
 */
export function IncidentsPage() {
  const { t } = useTranslation('incidents');
  const { t: tc } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const query = useIncidents(incidentsQuery(filters));
  const areas = useServiceAreas();
  const incidents = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="md" className="incidents-page">
      <div>
        <PageTitle>{t('list.title')}</PageTitle>
        <Text mt={-8}>{t('list.intro')}</Text>
        <Button component={Link} to="/incidents/new" mt="sm">
          {t('compose.newIncident')}
        </Button>
      </div>
      {/* Keyed by the address: Back and Forward show the filters of the list they show. */}
      <IncidentFiltersForm
        key={`${params.toString()}:${areas.data?.features.length ?? 0}`}
        filters={filters}
        areas={areas.data?.features.map((f) => f.properties) ?? []}
        onApply={(next) => setParams(searchOf(next))}
      />
      {query.isPending ? (
        <Center py="xl">
          <Loader aria-label={tc('loading')} />
        </Center>
      ) : !query.data ? (
        <ErrorAlert error={query.error} />
      ) : (
        <>
          {query.isError && <ErrorAlert error={query.error} />}
          {incidents.length === 0 ? (
            <Text c="dimmed">{isFiltered(filters) ? t('list.emptyFiltered') : t('list.empty')}</Text>
          ) : (
            <IncidentTable incidents={incidents} />
          )}
          {query.hasNextPage && (
            <Button
              variant="default"
              onClick={() => void query.fetchNextPage()}
              loading={query.isFetchingNextPage}
              className="incidents-more"
            >
              {t('list.more')}
            </Button>
          )}
        </>
      )}
    </Stack>
  );
}
