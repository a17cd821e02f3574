import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LiveStatus } from '@/ui/LiveStatus';
import { PageTitle } from '@/ui/PageTitle';
import { ReferralList } from '../components/ReferralList';
import { ReferralsQuery } from '../components/ReferralsQuery';
import { useLiveReferrals } from '../hooks/use-live-referrals';
import { splitByOpen } from '../utils/referral-views';

/** Every referral sent to the program manager's organization, open ones first. */
export function TeamReferralsPage() {
  const { t } = useTranslation('referrals');
  const live = useLiveReferrals();
  const linkTo = (id: string) => `/referrals/team/${id}`;
  return (
    <>
      <PageTitle>{t('team.title')}</PageTitle>
      <Text mb="xs">{t('team.intro')}</Text>
      <LiveStatus
        status={live.status}
        onReconnect={live.reconnect}
        words={t('live', { returnObjects: true })}
        arrived={live.arrived ? t('triage.arrived') : undefined}
      />
      <ReferralsQuery>
        {(referrals) => {
          if (referrals.length === 0) return <Text c="dimmed">{t('team.empty')}</Text>;
          const { open, finished } = splitByOpen(referrals);
          return (
            <>
              <ReferralList title={t('list.open')} referrals={open} linkTo={linkTo} />
              <ReferralList title={t('list.finished')} referrals={finished} linkTo={linkTo} />
            </>
          );
        }}
      </ReferralsQuery>
    </>
  );
}
