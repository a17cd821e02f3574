import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api-error';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { useAddWebhook } from '../api/webhooks-api';
import { fieldProblems, MAX_WEBHOOKS, problemOfApi, urlProblem } from '../utils/webhook-views';
import { SecretOnce } from './SecretOnce';

/** The URL, checked as the API checks it; then the secret, once. */
export function AddWebhookForm({ full }: { full: boolean }) {
  const { t } = useTranslation('webhooks');
  const add = useAddWebhook();
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const form = useForm({
    initialValues: { url: '' },
    validate: {
      url: (value) => {
        const problem = urlProblem(value);
        return problem ? t(`problem.${problem}`) : null;
      },
    },
  });
  const apiProblems = isApiError(add.error, 'VALIDATION_FAILED') ? fieldProblems(add.error.details, 'url') : [];
  const urlError = form.errors.url ?? (apiProblems.length > 0 ? t(`problem.${problemOfApi(apiProblems)}`) : undefined);
  const submit = form.onSubmit(({ url }) =>
    add.mutate(url.trim(), {
      onSuccess: (webhook) => {
        setCreated({ url: webhook.url, secret: webhook.secret });
        form.reset();
      },
    }),
  );
  const done = () => {
    setCreated(null);
    add.reset();
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="add-webhook-title">
      <Title order={2} size="h3" id="add-webhook-title" mb="xs">
        {t('add.title')}
      </Title>
      {created ? (
        <SecretOnce url={created.url} secret={created.secret} onDone={done} />
      ) : full ? (
        <Text size="sm">{t('add.full', { max: MAX_WEBHOOKS })}</Text>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <TextInput
              label={t('add.url')}
              description={t('add.urlHint')}
              type="url"
              required
              autoComplete="off"
              maxLength={2000}
              {...form.getInputProps('url')}
              error={urlError}
            />
            {add.error && apiProblems.length === 0 && <ErrorAlert error={add.error} />}
            <Group>
              <Button type="submit" loading={add.isPending}>
                {t('add.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}
