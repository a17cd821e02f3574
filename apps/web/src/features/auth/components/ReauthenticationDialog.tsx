import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { useReauthenticate } from '../api/auth-api';
import { CodeInput, isSixDigits } from './CodeInput';

/**
 * The dialog of ReauthenticationProvider: password + code, sent to POST /api/v1/auth/reauthenticate.
 * `onFinish(true)` once the API accepted them, `onFinish(false)` when the person cancels.
 */
export function ReauthenticationDialog({ onFinish }: { onFinish(ok: boolean): void }) {
  const { t } = useTranslation('common');
  const { t: tAuth } = useTranslation('auth');
  const reauthenticate = useReauthenticate();
  const form = useForm({
    initialValues: { password: '', code: '' },
    validate: {
      password: (value) => (value ? null : tAuth('validation.required')),
      code: (value) => (isSixDigits(value) ? null : tAuth('validation.code')),
    },
  });

  const submit = form.onSubmit((values) =>
    reauthenticate.mutate(
      { password: values.password, code: values.code.trim() },
      { onSuccess: () => onFinish(true), onError: () => form.setFieldValue('code', '') },
    ),
  );

  return (
    <Modal opened onClose={() => onFinish(false)} title={t('reauth.title')} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{t('reauth.body')}</Text>
          <ErrorAlert error={reauthenticate.error ?? undefined} />
          <PasswordInput
            label={t('reauth.password')}
            autoComplete="current-password"
            required
            data-autofocus
            {...form.getInputProps('password')}
          />
          <CodeInput {...form.getInputProps('code')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onFinish(false)}>
              {t('reauth.cancel')}
            </Button>
            <Button type="submit" loading={reauthenticate.isPending}>
              {t('reauth.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
