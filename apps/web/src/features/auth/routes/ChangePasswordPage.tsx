import { Alert, Button, Container, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageTitle } from '@/ui/PageTitle';
import { useChangePassword } from '../api/auth-api';
import { PasswordFields } from '../components/PasswordFields';
import { newPasswordRules, passwordProblemMessage } from '../utils/password-form';

/** Needs the current password; the server ends every other session of the person. */
export function ChangePasswordPage() {
  const { t } = useTranslation('auth');
  const change = useChangePassword();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: { currentPassword: (value: string) => (value ? null : t('validation.required')), ...newPasswordRules(t) },
  });
  const submit = form.onSubmit(({ currentPassword, newPassword }) => {
    change.mutate({ currentPassword, newPassword }, { onSuccess: () => form.reset() });
  });
  const problem = passwordProblemMessage(change.error, t);
  return (
    <Container size="xs" px={0}>
      <PageTitle>{t('password.title')}</PageTitle>
      {change.isSuccess && (
        <Alert color="green" role="status" mb="md">
          {t('password.changed')}
        </Alert>
      )}
      <ErrorAlert error={problem ? undefined : (change.error ?? undefined)} message={problem ?? undefined} />
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <PasswordInput
            label={t('fields.currentPassword')}
            autoComplete="current-password"
            required
            {...form.getInputProps('currentPassword')}
          />
          <PasswordFields form={form} />
          <Button type="submit" loading={change.isPending}>
            {t('password.submit')}
          </Button>
        </Stack>
      </form>
    </Container>
  );
}
