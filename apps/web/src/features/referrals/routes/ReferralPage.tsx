import { Anchor, Center, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '@/lib/api-error';
import { useSession } from '@/lib/session';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageTitle } from '@/ui/PageTitle';
import { useReferral, useWorkers } from '../api/referrals-api';
import { CaseNotes } from '../components/CaseNotes';
import { NextSteps } from '../components/NextSteps';
import { PersonDetails } from '../components/PersonDetails';
import { StatusBadge } from '../components/StatusBadge';
import { useDateTime } from '@/lib/use-date-time';
import { isPartnerView, isUuid, type PartnerReferral } from '../utils/referral-views';

/** The list a referral page was opened from: where "back" goes. */
const PLACES = {
  mine: { list: '/referrals/mine', back: 'mine.back' },
  triage: { list: '/triage', back: 'triage.back' },
  team: { list: '/referrals/team', back: 'team.back' },
} as const;
export type ReferralPlace = keyof typeof PLACES;

/**
 * One referral as the receiving organization sees it: the released person, its status and who has
 * it, the next step(s) and the case notes. The same page for the worker and the program manager;
 * what each may see and do is the API's answer.
 */
export function ReferralPage({ place }: { place: ReferralPlace }) {
  const { t } = useTranslation('referrals');
  const { t: tCommon } = useTranslation();
  const { referralId = '' } = useParams();
  const valid = isUuid(referralId);
  const referral = useReferral(referralId, valid);
  const back = (
    <Anchor component={Link} to={PLACES[place].list} size="sm" mb="xs" display="inline-block">
      {t(PLACES[place].back)}
    </Anchor>
  );

  if (valid && referral.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={tCommon('loading')} />
      </Center>
    );
  }
  const view = referral.data;
  if (!view || !isPartnerView(view)) {
    return (
      <>
        {back}
        <PageTitle>{t('detail.title')}</PageTitle>
        <ErrorAlert
          error={referral.error ?? new ApiError(404, 'NOT_FOUND', 'Not a referral received by your organization')}
        />
      </>
    );
  }
  return (
    <>
      {back}
      <PageTitle>{view.person.name ?? t('detail.title')}</PageTitle>
      <StatusLine referral={view} />
      <div className="referral-detail">
        <div>
          <PersonDetails referral={view} />
          <NextSteps referral={view} />
        </div>
        <CaseNotes referralId={view.id} />
      </div>
    </>
  );
}

/** Status, when it came, who has it (or why it was declined). */
function StatusLine({ referral }: { referral: PartnerReferral }) {
  const { t } = useTranslation('referrals');
  const dateTime = useDateTime();
  const { data: me } = useSession();
  const workers = useWorkers((me?.roles ?? []).includes('program_manager') && referral.assignedTo !== null);
  const named = workers.data?.find((worker) => worker.id === referral.assignedTo)?.displayName;
  const assignee =
    referral.assignedTo === null
      ? null
      : referral.assignedTo === me?.id
        ? t('detail.assignedToYou')
        : named
          ? t('detail.assignedTo', { name: named })
          : t('detail.assignedToSomeone');
  return (
    <div className="referral-status-line">
      <StatusBadge status={referral.status} />
      <Text size="sm">{t('list.received', { when: dateTime(referral.receivedAt) })}</Text>
      {assignee && <Text size="sm">{assignee}</Text>}
      {referral.assignedTo === null && referral.status === 'accepted' && (
        <Text size="sm">{t('detail.notAssigned')}</Text>
      )}
      {referral.status === 'declined' && referral.declineReason && (
        <Text size="sm">{t('detail.declinedFor', { reason: t(`declineReasons.${referral.declineReason}`) })}</Text>
      )}
    </div>
  );
}
