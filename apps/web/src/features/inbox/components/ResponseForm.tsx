import { Button, Chip, Fieldset, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { invalidFields } from '@/lib/api-error';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { type Disclosure, useRecordResponse } from '../api/inbox-api';
import { useFormatters } from '../hooks/useFormatters';
import { RESPONSE_TYPES, SERVICE_TYPES } from '../utils/fields';
import { toLocalDateTime } from '@/lib/local-time';
import { endsBeforeStart, responseBodyOf, type ResponseValues, responseValuesOf } from '../utils/response-values';
import { FollowUpPicker } from './FollowUpPicker';
import { ResponseTimer } from './ResponseTimer';
import { TouchChoices } from './TouchChoices';

/**
 * The organization's private record of its response, made for thumbs and done in under a minute:
 * yes or no first, and only then what was done (chips), the time spent (a timer button), services
 * and a follow-up day. The timer's taps save at once, so a walk that outlasts the session or a
 * locked phone keeps its start.
 */
export function ResponseForm({
  item,
  now,
  services = true,
}: {
  item: Disclosure;
  now: Date;
  /** Whether services are asked (a partner's response to an alert); the police's response to a concern has none. */
  services?: boolean;
}) {
  const { t } = useTranslation('inbox');
  const { t: tc } = useTranslation();
  const format = useFormatters();
  const save = useRecordResponse(item.disclosureId);
  const form = useForm<ResponseValues>({
    initialValues: responseValuesOf(item.response),
    validate: {
      responded: (value) => (value ? null : tc('form.required')),
      endedAt: (_value, values) =>
        values.responded === 'yes' && endsBeforeStart(values) ? t('response.endBeforeStart') : null,
    },
  });
  const values = form.getValues();
  // The API names the fields it refused (VALIDATION_FAILED); each is marked where the person sees it.
  const refused = invalidFields(save.error);
  const refusedError = (field: string) =>
    refused.some((path) => path === field || path.startsWith(`${field}.`)) ? tc('form.required') : undefined;

  const stamp = (field: 'startedAt' | 'endedAt') => {
    const next: ResponseValues = { ...form.getValues(), responded: 'yes', [field]: toLocalDateTime(new Date()) };
    form.setValues(next);
    if (!endsBeforeStart(next)) save.mutate(responseBodyOf(next, item.response));
  };

  return (
    <form
      onSubmit={form.onSubmit((submitted) => save.mutate(responseBodyOf(submitted, item.response)))}
      noValidate
      className="response-form"
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {item.category === 'community_concern' ? t('response.privateConcern') : t('response.private')}
        </Text>
        <Fieldset legend={t('response.responded')} variant="unstyled" className="touch-fieldset">
          <Chip.Group
            value={values.responded}
            onChange={(value) => form.setFieldValue('responded', value as ResponseValues['responded'])}
          >
            <Group gap="sm" grow>
              <Chip value="yes" classNames={{ label: 'touch-chip' }} size="lg" radius="md">
                {t('response.yes')}
              </Chip>
              <Chip value="no" classNames={{ label: 'touch-chip' }} size="lg" radius="md">
                {t('response.no')}
              </Chip>
            </Group>
          </Chip.Group>
          {form.errors.responded && (
            <Text c="var(--mantine-color-error)" size="sm" mt={4}>
              {form.errors.responded}
            </Text>
          )}
        </Fieldset>

        {values.responded === 'yes' && (
          <>
            <TouchChoices
              legend={t('response.types')}
              options={RESPONSE_TYPES}
              label={(type) => t(`response.type.${type}`)}
              value={values.responseTypes}
              onChange={(picked) => form.setFieldValue('responseTypes', picked)}
            />
            <ResponseTimer
              startedAt={{ ...form.getInputProps('startedAt'), error: refusedError('startedAt') }}
              endedAt={{ ...form.getInputProps('endedAt'), error: form.errors.endedAt ?? refusedError('endedAt') }}
              now={now}
              saving={save.isPending}
              onStamp={stamp}
            />
            {services && (
              <TouchChoices
                legend={t('response.services')}
                options={SERVICE_TYPES}
                label={(service) => t(`response.service.${service}`)}
                value={values.services}
                onChange={(picked) => form.setFieldValue('services', picked)}
              />
            )}
          </>
        )}

        {values.responded !== '' && (
          <FollowUpPicker
            value={values.followUpDue}
            onChange={(day) => form.setFieldValue('followUpDue', day)}
            error={refusedError('followUpDueAt')}
          />
        )}

        <ErrorAlert error={save.error ?? undefined} />
        <Button type="submit" size="xl" fullWidth className="touch-primary" loading={save.isPending}>
          {t('response.save')}
        </Button>
        <Text role="status" size="sm" fw={item.response ? 600 : 400}>
          {item.response
            ? t('response.saved', { time: format.moment(new Date(item.response.updatedAt), now) })
            : t('response.notSaved')}
        </Text>
      </Stack>
    </form>
  );
}
