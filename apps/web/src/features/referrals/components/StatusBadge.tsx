import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReferralStatus } from '../utils/referral-views';

const COLOURS: Record<ReferralStatus, string> = {
  sent: 'blue',
  accepted: 'cyan',
  assigned: 'indigo',
  contact_attempted: 'yellow',
  engaged: 'green',
  unable_to_reach: 'orange',
  refused_services: 'orange',
  declined: 'gray',
  closed: 'gray',
  retracted: 'gray',
};

/** The referral's status in words (the tone only repeats it; dark text on every tone for contrast). */
export function StatusBadge({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation('referrals');
  return (
    <Badge color={COLOURS[status]} variant="light" c="dark.9">
      {t(`status.${status}`)}
    </Badge>
  );
}
