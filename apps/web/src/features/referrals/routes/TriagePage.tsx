import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LiveStatus } from '@/ui/LiveStatus';
import { PageTitle } from '@/ui/PageTitle';
import { ReferralList } from '../components/ReferralList';
import { ReferralsQuery } from '../components/ReferralsQuery';
import { TeamDeadlines } from '../components/TeamDeadlines';
import { useLiveReferrals } from '../hooks/use-live-referrals';

/**
 * The program manager's queue: new referrals to accept or decline, accepted ones to assign (new ones arrive
 * live); then the team's deadlines at a glance: escalations first, then what is open.
 */
export function TriagePage() {
  const { t } = useTranslation('referrals');
  const live = useLiveReferrals();
  const linkTo = (id: string) => `/triage/${id}`;
  return (
    <>
      <PageTitle>{t('triage.title')}</PageTitle>
      <Text mb="xs">{t('triage.intro')}</Text>
      <LiveStatus
        status={live.status}
        onReconnect={live.reconnect}
        words={t('live', { returnObjects: true })}
        arrived={live.arrived ? t('triage.arrived') : undefined}
      />
      <ReferralsQuery>
        {(referrals) => {
          const toDecide = referrals.filter((r) => r.status === 'sent');
          const toAssign = referrals.filter((r) => r.status === 'accepted');
          if (toDecide.length + toAssign.length === 0) return <Text c="dimmed">{t('triage.empty')}</Text>;
          return (
            <>
              <ReferralList title={t('triage.toDecide')} referrals={toDecide} linkTo={linkTo} />
              <ReferralList title={t('triage.toAssign')} referrals={toAssign} linkTo={linkTo} />
            </>
          );
        }}
      </ReferralsQuery>
      <TeamDeadlines />
    </>
  );
}
