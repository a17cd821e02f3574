import { Anchor, Button, Center, Group, List, Loader, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '@/lib/api-error';
import { useDateTime } from '@/lib/use-date-time';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageTitle } from '@/ui/PageTitle';
import { useRetract, useSentReferral, useWithdrawConsent } from '../api/sent-referrals-api';
import { SentStatus } from '../components/SentStatus';
import { isUuid, releasedFields, riskFactorItems } from '../utils/referral-views';
import { canRetract, canWithdrawConsent, type PoliceReferral, sentStatusOf } from '../utils/sent-referrals';

/**
 * One referral the department sent: its own record of the person and the consent, the coarse status
 * the agreement lets back, and what the liaison may still do (retract; record a consent withdrawal).
 */
export function SentReferralPage() {
  const { t } = useTranslation('referrals');
  const { t: tc } = useTranslation();
  const { referralId = '' } = useParams();
  const valid = isUuid(referralId);
  const referral = useSentReferral(valid ? referralId : '');
  // Arrived from the form: said once, in words.
  const justSent = (useLocation().state as { sent?: boolean } | null)?.sent === true;
  const back = (
    <Anchor component={Link} to="/referrals/sent" size="sm" mb="xs" display="inline-block">
      {t('sent.back')}
    </Anchor>
  );
  if (valid && referral.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={tc('loading')} />
      </Center>
    );
  }
  if (!referral.data) {
    return (
      <>
        {back}
        <PageTitle>{t('detail.title')}</PageTitle>
        <ErrorAlert error={referral.error ?? new ApiError(404, 'NOT_FOUND', 'Not a referral of your department')} />
      </>
    );
  }
  const view = referral.data;
  return (
    <>
      {back}
      <PageTitle>{view.person.name ?? t('detail.title')}</PageTitle>
      <div role="status">
        {justSent && (
          <Text fw={600} mb="xs">
            {t('compose.sent')}
          </Text>
        )}
      </div>
      <div className="referral-status-line">
        <SentStatus status={sentStatusOf(view)} />
        <SentDates referral={view} />
      </div>
      <div className="referral-detail">
        <SentRecord referral={view} />
        <SentActions referral={view} />
      </div>
    </>
  );
}

function SentDates({ referral }: { referral: PoliceReferral }) {
  const { t } = useTranslation('referrals');
  const dateTime = useDateTime();
  return (
    <Text size="sm">
      {t('sent.sentOn')} {dateTime(referral.createdAt)}
      {referral.statusBack?.updatedAt ? ` · ${t('sent.updated', { when: referral.statusBack.updatedAt })}` : ''}
    </Text>
  );
}

/** The department's own record, as the API opened it for the sender. */
function SentRecord({ referral }: { referral: PoliceReferral }) {
  const { t } = useTranslation('referrals');
  const dateTime = useDateTime();
  const { consent } = referral;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="sent-person" mb="md">
      <Title order={2} size="h4" id="sent-person" mb="xs">
        {t('detail.person')}
      </Title>
      <dl className="referral-fields">
        {releasedFields(referral.person).map(({ field, value }) => (
          <div key={field}>
            <dt>{t(`fields.${field}`)}</dt>
            <dd>
              {field === 'riskFactors' ? (
                <List size="sm">
                  {riskFactorItems(value).map((item, index) => (
                    <List.Item key={index}>{item}</List.Item>
                  ))}
                </List>
              ) : (
                value
              )}
            </dd>
          </div>
        ))}
        <div>
          <dt>{t('detail.consent')}</dt>
          <dd>
            {consent.basis
              ? t('sent.consentLine', { basis: t(`consent.${consent.basis}`), given: consent.givenOn ?? '' })
              : t('detail.noConsent')}
            {consent.expiresOn && `, ${t('sent.consentExpires', { date: consent.expiresOn })}`}
            {consent.withdrawnAt && (
              <Text fw={600} size="sm">
                {t('sent.consentWithdrawnAt', { when: dateTime(consent.withdrawnAt) })}
              </Text>
            )}
          </dd>
        </div>
      </dl>
    </Paper>
  );
}

/** Retract (until the partner takes it up) and record a withdrawal of consent (after a confirmation). */
function SentActions({ referral }: { referral: PoliceReferral }) {
  const { t } = useTranslation('referrals');
  const retract = useRetract(referral.id);
  const withdraw = useWithdrawConsent(referral.id);
  const [confirming, setConfirming] = useState(false);
  const retractable = canRetract(referral);
  const withdrawable = canWithdrawConsent(referral);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="sent-actions" mb="md">
      <Title order={2} size="h4" id="sent-actions" mb="xs">
        {t('sent.actions')}
      </Title>
      <div role="status">
        {retract.isSuccess && referral.retracted && <Text mb="sm">{t('sent.retracted')}</Text>}
        {withdraw.isSuccess && <Text mb="sm">{t('sent.withdrawn')}</Text>}
      </div>
      <ErrorAlert error={retract.error ?? withdraw.error} />
      {!retractable && !withdrawable && <Text c="dimmed">{t('sent.noActions')}</Text>}
      <Stack gap="sm">
        {retractable && (
          <div>
            <Button variant="default" onClick={() => retract.mutate()} loading={retract.isPending}>
              {t('sent.retract')}
            </Button>
            <Text size="sm" c="dimmed" mt={4}>
              {t('sent.retractHint')}
            </Text>
          </div>
        )}
        {withdrawable && (
          <Button color="red.9" onClick={() => setConfirming(true)}>
            {t('sent.withdraw')}
          </Button>
        )}
      </Stack>
      {/* lockScroll off: its scroll lock writes a <style> element, which the CSP (style-src 'self') refuses. */}
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('sent.withdrawTitle')}
        centered
        lockScroll={false}
        closeButtonProps={{ 'aria-label': t('sent.withdrawCancel') }}
      >
        <Text mb="md">{t('sent.withdrawBody')}</Text>
        <Group gap="sm" className="referral-steps">
          <Button
            color="red.9"
            loading={withdraw.isPending}
            onClick={() => withdraw.mutate(undefined, { onSettled: () => setConfirming(false) })}
          >
            {t('sent.withdrawConfirm')}
          </Button>
          <Button variant="default" onClick={() => setConfirming(false)} disabled={withdraw.isPending}>
            {t('sent.withdrawCancel')}
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}
