import { Button, Group, NativeSelect, Stack, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { referralsEn } from '../i18n/referrals.strings';
import type { Transition } from '../api/referrals-api';

type DeclineReason = NonNullable<Transition['declineReason']>;

/** The managed list of reasons, as the API documents it (the strings are keyed by its enum). */
const REASONS = Object.keys(referralsEn.declineReasons) as DeclineReason[];

/** Declining needs a reason from the managed list; nothing else is asked or sent. */
export function DeclineForm({
  busy,
  onDecline,
  onCancel,
}: {
  busy: boolean;
  onDecline: (reason: DeclineReason) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('referrals');
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (value) => (value ? null : t('decline.required')) },
  });
  return (
    <form
      onSubmit={form.onSubmit(({ reason }) => onDecline(reason as DeclineReason))}
      noValidate
      aria-labelledby="decline-title"
    >
      <Stack gap="sm">
        <Title order={3} size="h5" id="decline-title">
          {t('decline.title')}
        </Title>
        <NativeSelect
          label={t('decline.reason')}
          required
          data={[
            { value: '', label: t('decline.choose'), disabled: true },
            ...REASONS.map((reason) => ({ value: reason, label: t(`declineReasons.${reason}`) })),
          ]}
          {...form.getInputProps('reason')}
        />
        <Group gap="sm" className="referral-steps">
          <Button type="submit" color="red.9" loading={busy}>
            {t('decline.submit')}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={busy}>
            {t('decline.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
