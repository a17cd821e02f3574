import { Anchor, Group, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDateTime } from '@/lib/use-date-time';
import type { PartnerReferral } from '../utils/referral-views';
import { StatusBadge } from './StatusBadge';

/** One referral in a list: who (as released), its status, when it came, why; the name opens it. */
export function ReferralCard({ referral, to }: { referral: PartnerReferral; to: string }) {
  const { t } = useTranslation('referrals');
  const dateTime = useDateTime();
  return (
    <Paper withBorder radius="md" p="sm" component="li" className="referral-card">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Title order={3} size="h4">
          <Anchor component={Link} to={to}>
            {referral.person.name ?? t('list.unnamed')}
          </Anchor>
        </Title>
        <StatusBadge status={referral.status} />
      </Group>
      <Text size="sm" c="dimmed">
        {t('list.received', { when: dateTime(referral.receivedAt) })}
      </Text>
      {referral.person.reason && (
        <Text size="sm" lineClamp={2} mt={4}>
          {referral.person.reason}
        </Text>
      )}
      {referral.possibleDuplicate && (
        <Text size="sm" mt={4} fw={600}>
          {t('detail.possibleDuplicate')}
        </Text>
      )}
    </Paper>
  );
}
