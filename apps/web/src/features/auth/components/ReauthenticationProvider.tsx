import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { type ReactNode, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReauthenticationContext } from '@/lib/reauthentication';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { useReauthenticate } from '../api/auth-api';
import { CodeInput, isSixDigits } from './CodeInput';

/**
 * Provides `useReauthentication()` (lib/reauthentication.ts) to every screen: a dialog asking for
 * password + code, sent to POST /api/v1/auth/reauthenticate. One dialog at a time; requests made
 * while it is open wait for the same answer.
 */
export function ReauthenticationProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation('common');
  const { t: tAuth } = useTranslation('auth');
  const reauthenticate = useReauthenticate();
  // Everyone waiting for the dialog's answer; the dialog is open while anyone waits.
  const [waiting, setWaiting] = useState<((ok: boolean) => void)[]>([]);
  const form = useForm({
    initialValues: { password: '', code: '' },
    validate: {
      password: (value) => (value ? null : tAuth('validation.required')),
      code: (value) => (isSixDigits(value) ? null : tAuth('validation.code')),
    },
  });

  const finish = (ok: boolean) => {
    for (const resolve of waiting) resolve(ok);
    setWaiting([]);
    form.reset();
    reauthenticate.reset();
  };

  const request = useCallback(
    () => new Promise<boolean>((resolve) => setWaiting((current) => [...current, resolve])),
    [],
  );

  const submit = form.onSubmit((values) =>
    reauthenticate.mutate(
      { password: values.password, code: values.code.trim() },
      { onSuccess: () => finish(true), onError: () => form.setFieldValue('code', '') },
    ),
  );

  return (
    <ReauthenticationContext value={request}>
      {children}
      <Modal opened={waiting.length > 0} onClose={() => finish(false)} title={t('reauth.title')} centered>
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
              <Button variant="default" onClick={() => finish(false)}>
                {t('reauth.cancel')}
              </Button>
              <Button type="submit" loading={reauthenticate.isPending}>
                {t('reauth.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </ReauthenticationContext>
  );
}
