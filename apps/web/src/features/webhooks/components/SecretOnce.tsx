import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The new webhook's signing secret, this once: a clear warning, the secret selectable in a read-only field, a copy
 * button, and "I have stored it", which drops it from the page (nothing else holds it: the API never answers it
 * again, and the list is read from the API).
 */
export function SecretOnce({ url, secret, onDone }: { url: string; secret: string; onDone: () => void }) {
  const { t } = useTranslation('webhooks');
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="secret-title" className="webhook-secret">
      <Stack gap="sm">
        <Title order={3} size="h4" id="secret-title">
          {t('secret.title')}
        </Title>
        <Text size="sm" fw={600}>
          {t('secret.warning')}
        </Text>
        <Text size="sm" className="webhook-url">
          {url}
        </Text>
        <TextInput
          label={t('secret.label')}
          value={secret}
          readOnly
          onFocus={(event) => event.currentTarget.select()}
          classNames={{ input: 'webhook-secret-value' }}
        />
        <Group gap="sm">
          <Button variant="default" onClick={() => void copy()}>
            {t('secret.copy')}
          </Button>
          <Button onClick={onDone}>{t('secret.done')}</Button>
        </Group>
        <Text size="sm" role="status">
          {copied === 'yes' ? t('secret.copied') : copied === 'failed' ? t('secret.copyFailed') : ''}
        </Text>
      </Stack>
    </Paper>
  );
}
