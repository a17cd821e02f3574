import { Alert, Button, Center, Group, Loader, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api-error';
import { fromLocalInput, toLocalDateTime } from '@/lib/local-time';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageTitle } from '@/ui/PageTitle';
import { useConcernTargets, useSendConcern } from '../api/concerns-api';
import { SentConcerns } from './SentConcerns';
import {
  AREA_CODE,
  CONCERN_TYPES,
  concernBodyOf,
  type ConcernFormValues,
  type ConcernTarget,
} from '../utils/concern-form';

/**
 * A program manager tells the police of an area-level concern (two-way agreements): no names, no
 * addresses. The narrative is screened by the API; when it finds identifiers the manager removes them
 * or sends it with them redacted.
 */
export function SendConcernPage() {
  const { t } = useTranslation('concerns');
  const { t: tc } = useTranslation();
  const targets = useConcernTargets();
  if (targets.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={tc('loading')} />
      </Center>
    );
  }
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <Text mb="md">{t('intro')}</Text>
      {targets.isError ? (
        <ErrorAlert error={targets.error} />
      ) : targets.data.length === 0 ? (
        <Text>{t('noAgreements')}</Text>
      ) : (
        <ConcernForm targets={targets.data} />
      )}
      <SentConcerns />
    </>
  );
}

function ConcernForm({ targets }: { targets: ConcernTarget[] }) {
  const { t } = useTranslation('concerns');
  const { t: tc } = useTranslation();
  const send = useSendConcern();
  const [sentTo, setSentTo] = useState<ConcernTarget | null>(null);
  const done = useRef<HTMLDivElement>(null);
  const form = useForm<ConcernFormValues>({
    initialValues: {
      agreementId: targets.length === 1 ? targets[0]!.agreementId : '',
      concernType: '',
      area: '',
      occurredAt: toLocalDateTime(new Date()),
      narrative: '',
      requestedAction: '',
    },
    validate: {
      agreementId: (value) => (value ? null : tc('form.required')),
      concernType: (value) => (value ? null : tc('form.required')),
      area: (value) => (AREA_CODE.test(value.trim()) ? null : t('areaInvalid')),
      occurredAt: (value) => (fromLocalInput(value) ? null : tc('form.required')),
    },
  });
  const identifiers = isApiError(send.error, 'IDENTIFIERS_FOUND');
  useEffect(() => {
    if (identifiers) form.setFieldError('narrative', t('identifiers'));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when a new refusal arrives
  }, [send.error]);
  useEffect(() => {
    if (sentTo) done.current?.focus();
  }, [sentTo]);

  const submit = (redact: boolean) =>
    form.onSubmit((values) => {
      const target = targets.find((candidate) => candidate.agreementId === values.agreementId) ?? null;
      send.mutate(concernBodyOf(values, fromLocalInput(values.occurredAt)!, redact), {
        onSuccess: () => {
          setSentTo(target);
          form.reset();
        },
      });
    });

  return (
    <Stack gap="md" className="concern-form">
      <div ref={done} tabIndex={-1} role="status">
        {sentTo && (
          <Alert color="green" variant="light">
            {sentTo.acknowledgeWithinHours
              ? t('sentWithDeadline', { count: sentTo.acknowledgeWithinHours })
              : t('sent')}
          </Alert>
        )}
      </div>
      <form noValidate onSubmit={submit(false)}>
        <Stack gap="sm">
          <NativeSelect
            label={t('agreement')}
            required
            data={[
              { value: '', label: t('chooseAgreement'), disabled: true },
              ...targets.map((target) => ({ value: target.agreementId, label: target.title })),
            ]}
            {...form.getInputProps('agreementId')}
          />
          <NativeSelect
            label={t('type')}
            required
            data={[
              { value: '', label: t('chooseType'), disabled: true },
              ...CONCERN_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) })),
            ]}
            {...form.getInputProps('concernType')}
          />
          <TextInput
            label={t('area')}
            description={t('areaHint')}
            required
            autoComplete="off"
            {...form.getInputProps('area')}
          />
          <TextInput type="datetime-local" label={t('occurredAt')} required {...form.getInputProps('occurredAt')} />
          <Textarea
            label={t('narrative')}
            description={t('narrativeHint')}
            autosize
            minRows={3}
            {...form.getInputProps('narrative')}
          />
          <TextInput label={t('requestedAction')} autoComplete="off" {...form.getInputProps('requestedAction')} />
          {!identifiers && <ErrorAlert error={send.error} />}
          <Group gap="sm">
            <Button type="submit" loading={send.isPending}>
              {t('submit')}
            </Button>
            {identifiers && (
              <Button type="button" variant="default" onClick={() => submit(true)()} loading={send.isPending}>
                {t('submitRedacted')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
