import { Alert, Center, Loader, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageTitle } from '@/ui/PageTitle';
import { useWebhooks } from '../api/webhooks-api';
import { AddWebhookForm } from '../components/AddWebhookForm';
import { WebhookList } from '../components/WebhookList';
import { MAX_WEBHOOKS } from '../utils/webhook-views';

/** `/webhooks`: the organization's webhooks, their last deliveries, add (the secret once) and delete. */
export function WebhooksPage() {
  const { t } = useTranslation('webhooks');
  const { t: tc } = useTranslation();
  const webhooks = useWebhooks();
  const [removed, setRemoved] = useState(false);
  return (
    <Stack gap="md" className="webhooks-page">
      <div>
        <PageTitle>{t('title')}</PageTitle>
        <Text mt={-8}>{t('intro')}</Text>
      </div>
      {webhooks.isPending ? (
        <Center py="xl">
          <Loader aria-label={tc('loading')} />
        </Center>
      ) : webhooks.isError ? (
        <ErrorAlert error={webhooks.error} />
      ) : (
        <>
          <AddWebhookForm full={webhooks.data.length >= MAX_WEBHOOKS} />
          {removed && (
            <Alert role="status" color="green" variant="light">
              {t('remove.done')}
            </Alert>
          )}
          <WebhookList webhooks={webhooks.data} onRemoved={() => setRemoved(true)} />
        </>
      )}
    </Stack>
  );
}
