import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SentStatus as Status } from '../utils/sent-referrals';

const COLOURS: Record<Status, string> = {
  noWordYet: 'blue',
  pending: 'cyan',
  engaged: 'green',
  not_engaged: 'orange',
  closed: 'gray',
  retracted: 'gray',
  consentWithdrawn: 'gray',
};

/** What the police know of a sent referral, in words (the tone only repeats it; dark text for contrast). */
export function SentStatus({ status }: { status: Status }) {
  const { t } = useTranslation('referrals');
  return (
    <Badge color={COLOURS[status]} variant="light" c="dark.9" tt="none" size="lg" className="sent-status">
      {t(`sent.statuses.${status}`)}
    </Badge>
  );
}
