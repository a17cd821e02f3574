import { Anchor, Button, Center, Group, Loader, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageLoader } from '@/ui/PageLoader';
import { PageTitle } from '@/ui/PageTitle';
import { useIncident, useIncidentPreview, useShareIncident } from '../api/incidents-api';
import { RecipientPreview } from '../components/RecipientPreview';

/**
 * `/incidents/:incidentId/preview`: per recipient, side by side, exactly what each will receive; identifiers found
 * in free text marked in place, with the choice to replace them by markers; then Share, and on to the incident's
 * page, where the acknowledgements arrive.
 */
export function PreviewPage() {
  const { t } = useTranslation('incidents');
  const { t: tc } = useTranslation();
  const { incidentId = '' } = useParams();
  const navigate = useNavigate();
  const [redact, setRedact] = useState(false);
  const record = useIncident(incidentId);
  const preview = useIncidentPreview(incidentId, redact);
  const share = useShareIncident(incidentId);
  if (record.isPending) return <PageLoader />;
  if (record.isError) return <ErrorAlert error={record.error} />;
  const items = preview.data ?? [];
  const refused = items.some((item) => !item.ok);
  const found = items.some((item) => item.findings.length > 0);
  const texts = { narrative: record.data.narrative, requestedResponse: record.data.requestedResponse };
  return (
    <Stack gap="md" className="incident-page">
      <div>
        <Anchor component={Link} to={`/incidents/${incidentId}`} size="sm">
          ← {t('preview.skip')}
        </Anchor>
        <PageTitle>{t('preview.title')}</PageTitle>
        <Text mt={-8}>{t('preview.intro')}</Text>
      </div>
      {(found || redact) && (
        <Switch
          checked={redact}
          onChange={(e) => setRedact(e.currentTarget.checked)}
          label={t('preview.redact')}
          description={t('preview.redactHelp')}
        />
      )}
      {preview.isPending ? (
        <Center py="xl">
          <Loader aria-label={tc('loading')} />
        </Center>
      ) : preview.isError ? (
        <ErrorAlert error={preview.error} />
      ) : items.length === 0 ? (
        <Text>{t('preview.noRecipients')}</Text>
      ) : (
        <div className="preview-columns">
          {items.map((item) => (
            <RecipientPreview key={`${item.agreementId}:${item.flowId}`} item={item} texts={texts} />
          ))}
        </div>
      )}
      <ErrorAlert error={share.error} />
      <Group gap="sm">
        {items.length > 0 && (
          <Button
            disabled={preview.isPending || refused}
            loading={share.isPending}
            onClick={() =>
              share.mutate(redact, { onSuccess: () => void navigate(`/incidents/${incidentId}`, { replace: true }) })
            }
          >
            {t('preview.share', { count: new Set(items.map((i) => i.recipientOrgId)).size })}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
