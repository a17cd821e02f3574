import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LiveStatus } from '@/ui/LiveStatus';
import { PageTitle } from '@/ui/PageTitle';
import { ReferralList } from '../components/ReferralList';
import { ReferralsQuery } from '../components/ReferralsQuery';
import { useLiveReferrals } from '../hooks/use-live-referrals';
import { splitByOpen } from '../utils/referral-views';

/**
 * The outreach worker's referrals (the API lists only those assigned to them), open ones first; new ones arrive live.
 */
export function MyReferralsPage() {
  const { t } = useTranslation('referrals');
  const live = useLiveReferrals();
  return (
    <>
      <PageTitle>{t('mine.title')}</PageTitle>
      <Text mb="xs">{t('mine.intro')}</Text>
      <LiveStatus
        status={live.status}
        onReconnect={live.reconnect}
        words={t('live', { returnObjects: true })}
        arrived={live.arrived ? t('mine.arrived') : undefined}
      />
      <ReferralsQuery>
        {(referrals) => {
          const { open, finished } = splitByOpen(referrals);
          return (
            <>
              <ReferralList
                title={t('list.open')}
                referrals={open}
                linkTo={(id) => `/referrals/mine/${id}`}
                empty={t('mine.empty')}
              />
              <ReferralList title={t('list.finished')} referrals={finished} linkTo={(id) => `/referrals/mine/${id}`} />
            </>
          );
        }}
      </ReferralsQuery>
    </>
  );
}
