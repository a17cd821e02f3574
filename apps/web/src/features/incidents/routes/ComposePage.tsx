import { Anchor, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageLoader } from '@/ui/PageLoader';
import { PageTitle } from '@/ui/PageTitle';
import { useRecordIncident, useServiceAreas } from '../api/incidents-api';
import { IncidentForm } from '../components/IncidentForm';
import { createBody, emptyDraft } from '../utils/incident-form';
import { mapAreas } from '@/lib/service-area-map';

/** `/incidents/new`: the liaison records a shooting notification, then previews it per partner before sharing. */
export function ComposePage() {
  const { t } = useTranslation('incidents');
  const navigate = useNavigate();
  const areasQuery = useServiceAreas();
  const areas = useMemo(() => mapAreas(areasQuery.data), [areasQuery.data]);
  const [draft, setDraft] = useState(() => emptyDraft(new Date()));
  const record = useRecordIncident();
  if (areasQuery.isPending) return <PageLoader />;
  return (
    <Stack gap="md" className="incident-page">
      <div>
        <Anchor component={Link} to="/incidents" size="sm">
          ← {t('detail.back')}
        </Anchor>
        <PageTitle>{t('compose.title')}</PageTitle>
        <Text mt={-8}>{t('compose.intro')}</Text>
      </div>
      {areasQuery.isError && <ErrorAlert error={areasQuery.error} />}
      <IncidentForm
        draft={draft}
        onChange={setDraft}
        areas={areas}
        submitLabel={t('compose.submit')}
        pending={record.isPending}
        error={record.error}
        onSubmit={() =>
          record.mutate(createBody(draft), {
            onSuccess: (created) => void navigate(`/incidents/${created.id}/preview`),
          })
        }
      />
    </Stack>
  );
}
