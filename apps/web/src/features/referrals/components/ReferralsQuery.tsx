import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { useReceivedReferrals } from '../api/referrals-api';
import type { PartnerReferral } from '../utils/referral-views';

/** The received referrals once loaded (a loader before, the failure in plain words if it failed). */
export function ReferralsQuery({ children }: { children: (referrals: PartnerReferral[]) => ReactNode }) {
  const { t } = useTranslation();
  const referrals = useReceivedReferrals();
  if (referrals.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('loading')} />
      </Center>
    );
  }
  if (referrals.isError) return <ErrorAlert error={referrals.error} />;
  return children(referrals.data);
}
