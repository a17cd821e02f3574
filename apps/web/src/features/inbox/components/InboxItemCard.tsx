import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { InboxItem } from '../api/inbox-api';
import { useFormatters } from '../hooks/useFormatters';
import { categoryKey } from '../utils/category';
import { DeadlineText } from './DeadlineText';

/** One alert or assigned referral in the list: what it is, its deadline, when it came. The whole card opens it. */
export function InboxItemCard({ item, now }: { item: InboxItem; now: Date }) {
  const { t } = useTranslation('inbox');
  const format = useFormatters();
  return (
    <Link to={`/inbox/${item.disclosureId}`} className="inbox-card" data-category={item.category}>
      <Group justify="space-between" wrap="nowrap" gap="xs" mb={4}>
        <Text fw={700} size="lg" className="inbox-card-title">
          {t(`category.${categoryKey(item.category)}`)}
        </Text>
        {!item.readAt && (
          <Badge variant="filled" color="blue" size="sm">
            {t('item.unread')}
          </Badge>
        )}
      </Group>
      <DeadlineText item={item} now={now} />
      <Text size="sm" c="dimmed">
        {t('item.received', { time: format.moment(new Date(item.receivedAt), now) })}
      </Text>
    </Link>
  );
}
