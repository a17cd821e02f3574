import { Button, Group, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InboxStreamStatus } from '@/lib/inbox-stream';

/**
 * Whether new items arrive by themselves right now, in words (with a dot whose colour only
 * repeats them). Announced politely when it changes, as are arrivals.
 */
export function LiveStatus({
  status,
  arrived,
  onReconnect,
}: {
  status: InboxStreamStatus;
  arrived: number;
  onReconnect: () => void;
}) {
  const { t } = useTranslation('inbox');
  return (
    <Group gap="xs" wrap="nowrap" align="center" className={`live-status live-status-${status}`} mb="md">
      <span className="live-dot" aria-hidden />
      <Text size="sm" role="status" flex={1}>
        {t(`stream.${status}`)}
        {arrived > 0 && <VisuallyHidden> {t('stream.arrived', { count: arrived })}</VisuallyHidden>}
      </Text>
      {status === 'stopped' && (
        <Button size="compact-sm" variant="default" onClick={onReconnect}>
          {t('stream.reconnect')}
        </Button>
      )}
    </Group>
  );
}
