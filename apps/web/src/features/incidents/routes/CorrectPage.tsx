import { Anchor, Button, Stack, Switch, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageLoader } from '@/ui/PageLoader';
import { PageTitle } from '@/ui/PageTitle';
import { type IncidentDetail, useCorrectIncident, useIncident, useServiceAreas } from '../api/incidents-api';
import { IncidentForm } from '../components/IncidentForm';
import { correctionBody, draftOf } from '../utils/incident-form';
import { mapAreas } from '@/lib/service-area-map';

/** `/incidents/:incidentId/correct`: the record prefilled; what changed goes out as the next revision of each alert. */
export function CorrectPage() {
  const { incidentId = '' } = useParams();
  const record = useIncident(incidentId);
  const areasQuery = useServiceAreas();
  if (record.isPending || areasQuery.isPending) return <PageLoader />;
  if (record.isError) return <ErrorAlert error={record.error} />;
  return <CorrectForm incident={record.data} areasData={areasQuery.data} />;
}

function CorrectForm({ incident, areasData }: { incident: IncidentDetail; areasData: Parameters<typeof mapAreas>[0] }) {
  const { t } = useTranslation('incidents');
  const navigate = useNavigate();
  const areas = useMemo(() => mapAreas(areasData), [areasData]);
  const original = useMemo(() => draftOf(incident), [incident]);
  const [draft, setDraft] = useState(original);
  const [redact, setRedact] = useState(false);
  const [unchanged, setUnchanged] = useState(false);
  const correct = useCorrectIncident(incident.id);
  const back = `/incidents/${incident.id}`;
  return (
    <Stack gap="md" className="incident-page">
      <div>
        <Anchor component={Link} to={back} size="sm">
          ← {t('correct.cancel')}
        </Anchor>
        <PageTitle>{t('correct.title')}</PageTitle>
        <Text mt={-8}>{t('correct.intro')}</Text>
      </div>
      <IncidentForm
        draft={draft}
        onChange={(next) => {
          setUnchanged(false);
          setDraft(next);
        }}
        areas={areas}
        submitLabel={t('correct.submit')}
        pending={correct.isPending}
        error={correct.error}
        beforeSubmit={
          <>
            {unchanged && <ErrorAlert message={t('correct.nothing')} />}
            <Switch checked={redact} onChange={(e) => setRedact(e.currentTarget.checked)} label={t('correct.redact')} />
          </>
        }
        secondary={
          <Button variant="default" component={Link} to={back}>
            {t('correct.cancel')}
          </Button>
        }
        onSubmit={() => {
          const body = correctionBody(draft, original, redact);
          if (!body) {
            setUnchanged(true);
            return;
          }
          correct.mutate(body, { onSuccess: () => void navigate(back, { replace: true }) });
        }}
      />
    </Stack>
  );
}
