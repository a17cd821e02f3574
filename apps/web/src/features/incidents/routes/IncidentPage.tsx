import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useDateTime } from '@/lib/use-date-time';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageLoader } from '@/ui/PageLoader';
import { PageTitle } from '@/ui/PageTitle';
import { type IncidentDetail, useIncident, useSentDisclosures } from '../api/incidents-api';
import { IncidentRecord } from '../components/IncidentRecord';
import { SharedWith } from '../components/SharedWith';

/** One incident: who it was shared with and how each partner acknowledged it first, then the police record. */
export function IncidentPage() {
  const { t } = useTranslation('incidents');
  const { incidentId = '' } = useParams();
  const query = useIncident(incidentId);
  // Back to the list as it was left: the list's link passes its filters (its address's query) along.
  const listSearch = (useLocation().state as { listSearch?: string } | null)?.listSearch ?? '';
  const back = (
    <Anchor component={Link} to={`/incidents${listSearch}`} size="sm">
      ← {t('detail.back')}
    </Anchor>
  );
  if (query.isPending) return <PageLoader />;
  if (query.isError) {
    return (
      <Stack gap="sm">
        {back}
        <PageTitle>{t('list.title')}</PageTitle>
        <ErrorAlert error={query.error} />
      </Stack>
    );
  }
  return (
    <Stack gap="lg" className="incident-page">
      <div>
        {back}
        <PageTitle>{t(`type.${query.data.type}`)}</PageTitle>
        <OccurredLine incident={query.data} />
        <Group gap="sm" mt="sm">
          <Button component={Link} to={`/incidents/${incidentId}/correct`} variant="default">
            {t('correct.action')}
          </Button>
          {query.data.disclosures.length === 0 && (
            <Button component={Link} to={`/incidents/${incidentId}/preview`} variant="default">
              {t('preview.title')}
            </Button>
          )}
        </Group>
      </div>
      <LiveSharedWith incident={query.data} loadedAt={query.dataUpdatedAt} />
      <IncidentRecord incident={query.data} />
    </Stack>
  );
}

function OccurredLine({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation('incidents');
  const dateTime = useDateTime();
  return (
    <Text size="sm" c="dimmed" mt={-8}>
      {t('detail.occurred', { time: dateTime(incident.occurredAt), area: incident.location.serviceArea })}
    </Text>
  );
}

function LiveSharedWith({ incident, loadedAt }: { incident: IncidentDetail; loadedAt: number }) {
  const disclosures = useSentDisclosures(incident, loadedAt);
  return (
    <>
      {disclosures.isError && <ErrorAlert error={disclosures.error} />}
      <SharedWith disclosures={disclosures.data} />
    </>
  );
}
