import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InboxStreamStatus } from '@/lib/inbox-stream';

/** Whether the list updates by itself, and what just came in (both announced to screen readers). */
export function LiveStatus({
  status,
  reconnect,
  arrived,
}: {
  status: InboxStreamStatus;
  reconnect: () => void;
  arrived?: string;
}) {
  const { t } = useTranslation('referrals');
  return (
    <div role="status">
      <Group gap="xs" mb="sm">
        <Text size="sm" c="dimmed">
          {t(`live.${status}`)}
        </Text>
        {status === 'stopped' && (
          <Button size="compact-sm" variant="default" onClick={reconnect}>
            {t('live.reconnect')}
          </Button>
        )}
      </Group>
      {arrived && (
        <Alert color="blue" variant="light" mb="md">
          {arrived}
        </Alert>
      )}
    </div>
  );
}
