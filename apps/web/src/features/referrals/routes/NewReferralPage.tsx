import { Button, Center, Fieldset, Loader, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '@/lib/api-error';
import { toLocalDate } from '@/lib/local-time';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageTitle } from '@/ui/PageTitle';
import { useReferralTargets, useSendReferral } from '../api/sent-referrals-api';
import { PERSON_FIELDS } from '../utils/referral-views';
import {
  formFieldOf,
  referralBodyOf,
  type ReferralFormValues,
  type ReferralTarget,
  refusedFields,
} from '../utils/sent-referrals';

const EMPTY: ReferralFormValues = {
  agreementId: '',
  name: '',
  contact: '',
  dateOfBirth: '',
  age: '',
  reason: '',
  riskFactors: '',
  consentBasis: '',
  consentGivenOn: '',
  consentExpiresOn: '',
};

/**
 * The liaison refers a person to a partner. The agreement's referral flow (read from the API) decides what
 * the form asks: whether consent is required, on which bases, and the ages it covers. The API checks it
 * all again; what it refuses is shown at the field it names.
 */
export function NewReferralPage() {
  const { t } = useTranslation('referrals');
  const { t: tc } = useTranslation();
  const targets = useReferralTargets();
  if (targets.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={tc('loading')} />
      </Center>
    );
  }
  return (
    <>
      <PageTitle>{t('compose.title')}</PageTitle>
      <Text mb="md">{t('compose.intro')}</Text>
      {targets.isError ? (
        <ErrorAlert error={targets.error} />
      ) : targets.data.length === 0 ? (
        <Text>{t('compose.noAgreements')}</Text>
      ) : (
        <ReferralForm targets={targets.data} />
      )}
    </>
  );
}

function ReferralForm({ targets }: { targets: ReferralTarget[] }) {
  const { t } = useTranslation('referrals');
  const navigate = useNavigate();
  const send = useSendReferral();
  const form = useForm<ReferralFormValues>({
    initialValues: {
      ...EMPTY,
      agreementId: targets.length === 1 ? targets[0]!.agreementId : '',
      consentGivenOn: toLocalDate(new Date()),
    },
    validate: {
      agreementId: (value) => (value ? null : t('compose.required')),
      name: (value) => (value.trim() ? null : t('compose.required')),
      reason: (value) => (value.trim() ? null : t('compose.required')),
      consentBasis: (value, values) =>
        !value && targetOf(values.agreementId)?.consentRequired ? t('compose.required') : null,
      consentGivenOn: (value, values) => (values.consentBasis && !value ? t('compose.required') : null),
    },
  });
  const values = form.getValues();
  const targetOf = (id: string) => targets.find((target) => target.agreementId === id);
  const target = targetOf(values.agreementId);

  // What the API refused, at the field it names (the flow's consent and age rules, identifiers in the reason).
  useEffect(() => {
    if (!send.error || !isApiError(send.error)) return;
    const message = isApiError(send.error, 'IDENTIFIERS_FOUND') ? t('compose.identifiers') : t('compose.refused');
    for (const path of refusedFields(send.error.details)) {
      const field = formFieldOf(path);
      if (field) form.setFieldError(field, message);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when a new refusal arrives
  }, [send.error]);

  const released = (target?.released ?? []).flatMap((field) =>
    (PERSON_FIELDS as readonly string[]).includes(field)
      ? [t(`fields.${field as (typeof PERSON_FIELDS)[number]}`)]
      : field === 'consentBasis'
        ? [t('detail.consent')]
        : [],
  );
  const ageHint =
    target?.ageMin !== undefined && target.ageMax !== undefined
      ? t('compose.ageRange', { min: target.ageMin, max: target.ageMax })
      : target?.ageMin !== undefined
        ? t('compose.ageFrom', { min: target.ageMin })
        : target?.ageMax !== undefined
          ? t('compose.ageUpTo', { max: target.ageMax })
          : undefined;
  const ageAsked = ageHint !== undefined;

  return (
    <form
      noValidate
      className="referral-form"
      onSubmit={form.onSubmit((submitted) =>
        send.mutate(referralBodyOf(submitted), {
          onSuccess: (created) => void navigate(`/referrals/sent/${created.id}`, { state: { sent: true } }),
        }),
      )}
    >
      <Stack gap="md">
        <NativeSelect
          label={t('compose.agreement')}
          required
          data={[
            { value: '', label: t('compose.chooseAgreement'), disabled: true },
            ...targets.map((option) => ({ value: option.agreementId, label: option.title })),
          ]}
          description={released.length > 0 ? t('compose.releases', { fields: released.join(', ') }) : undefined}
          {...form.getInputProps('agreementId')}
        />
        <Fieldset legend={t('compose.person')}>
          <Stack gap="sm">
            <TextInput label={t('compose.name')} required autoComplete="off" {...form.getInputProps('name')} />
            <TextInput label={t('compose.contact')} autoComplete="off" {...form.getInputProps('contact')} />
            <TextInput
              type="date"
              label={t('compose.dateOfBirth')}
              autoComplete="off"
              {...form.getInputProps('dateOfBirth')}
            />
            <TextInput
              type="number"
              inputMode="numeric"
              min={0}
              max={120}
              label={t('compose.age')}
              required={ageAsked}
              description={ageHint}
              autoComplete="off"
              {...form.getInputProps('age')}
            />
            <Textarea
              label={t('compose.reason')}
              description={t('compose.reasonHint')}
              required
              autosize
              minRows={3}
              {...form.getInputProps('reason')}
            />
            <Textarea
              label={t('compose.riskFactors')}
              description={t('compose.riskFactorsHint')}
              autosize
              minRows={2}
              {...form.getInputProps('riskFactors')}
            />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('compose.consent')}>
          <Stack gap="sm">
            <Text size="sm">
              {target?.consentRequired === false ? t('compose.consentOptional') : t('compose.consentRequired')}
            </Text>
            <NativeSelect
              label={t('compose.basis')}
              required={target?.consentRequired !== false}
              data={[
                target?.consentRequired === false
                  ? { value: '', label: t('compose.noBasis') }
                  : { value: '', label: t('compose.chooseBasis'), disabled: true },
                ...(target?.consentBases ?? []).map((basis) => ({ value: basis, label: t(`consent.${basis}`) })),
              ]}
              {...form.getInputProps('consentBasis')}
            />
            <TextInput
              type="date"
              label={t('compose.givenOn')}
              required={Boolean(values.consentBasis)}
              {...form.getInputProps('consentGivenOn')}
            />
            <TextInput type="date" label={t('compose.expiresOn')} {...form.getInputProps('consentExpiresOn')} />
          </Stack>
        </Fieldset>
        <ErrorAlert error={send.error} />
        <Button type="submit" size="md" loading={send.isPending}>
          {t('compose.submit')}
        </Button>
      </Stack>
    </form>
  );
}
