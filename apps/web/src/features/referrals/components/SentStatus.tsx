import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SentStatus as Status } from '../utils/sent-referrals';

const TONES: Record<Status, 'blue' | 'cyan' | 'green' | 'orange' | 'gray'> = {
  noWordYet: 'blue',
  pending: 'cyan',
  engaged: 'green',
  not_engaged: 'orange',
  closed: 'gray',
  retracted: 'gray',
  consentWithdrawn: 'gray',
};

/**
 * What the police know of a sent referral, in words (the tone only repeats it; dark text for contrast). Not a
 * Badge: the words are a sentence and wrap on a phone instead of being cut.
 */
export function SentStatus({ status }: { status: Status }) {
  const { t } = useTranslation('referrals');
  return (
    <Text span size="sm" fw={600} className={`sent-status sent-status-${TONES[status]}`}>
      {t(`sent.statuses.${status}`)}
    </Text>
  );
}
