import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '../api/inbox-api';
import { useFormatters } from '../hooks/useFormatters';
import { deadlineStatus } from '../utils/deadline';
import { deadlineText } from '../utils/deadline-text';

/**
 * The acknowledgement deadline counting down ("Due in 1 h 12 min", "Overdue by 5 min") and when
 * it falls, or when the item was acknowledged. The words carry the meaning; colour repeats it.
 */
export function DeadlineText({
  item,
  now,
  size = 'md',
}: {
  item: Pick<InboxItem, 'ackDueAt' | 'acknowledgedAt'>;
  now: Date;
  size?: 'md' | 'lg';
}) {
  const { t } = useTranslation('inbox');
  const format = useFormatters();
  const status = deadlineStatus(item, now);
  const tone =
    status.kind === 'overdue'
      ? 'overdue'
      : status.kind === 'due' && status.soon
        ? 'soon'
        : status.kind === 'acknowledged'
          ? status.onTime === false
            ? 'late'
            : 'done'
          : 'due';
  const dueAt = item.ackDueAt ? new Date(item.ackDueAt) : null;
  return (
    <div className={`deadline deadline-${tone}`}>
      <Text fw={700} size={size} className="deadline-main">
        {deadlineText(status, t, (at) => format.moment(at, now))}
      </Text>
      {dueAt && status.kind !== 'acknowledged' && (
        <Text size="sm" c="dimmed">
          <time dateTime={dueAt.toISOString()}>{t('deadline.by', { time: format.moment(dueAt, now) })}</time>
        </Text>
      )}
    </div>
  );
}
