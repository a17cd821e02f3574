import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { invalidFields } from '@/lib/api-error';
import { useSession } from '@/lib/session';
import { AuthLayout } from '@/ui/AuthLayout';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageTitle } from '@/ui/PageTitle';
import { useSignIn } from '../api/auth-api';
import { CodeInput, isSixDigits } from '../components/CodeInput';
import { DemoAccountsPanel } from '../components/DemoAccountsPanel';

/** What other pages may hand the sign-in page (router state, never the URL). */
export interface SignInState {
  from?: string;
  enrolled?: boolean;
  email?: string;
}

export function SignInPage() {
  const { t } = useTranslation('auth');
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as SignInState;
  const [params] = useSearchParams();
  const reason = params.get('reason');
  const session = useSession();
  const signIn = useSignIn();
  const form = useForm({
    initialValues: { email: state.email ?? '', password: '', code: '' },
    validate: {
      email: (value) => (/^\S+@\S+$/.test(value.trim()) ? null : t('validation.email')),
      password: (value) => (value ? null : t('validation.required')),
      code: (value) => (isSixDigits(value) ? null : t('validation.code')),
    },
  });

  if (session.data) return <Navigate to={state.from ?? '/'} replace />;

  const submit = form.onSubmit((values) => {
    signIn.mutate(
      { email: values.email.trim(), password: values.password, code: values.code.trim() },
      {
        onSuccess: () => void navigate(state.from ?? '/', { replace: true }),
        // A code is used once: a refused attempt needs a fresh one.
        onError: () => form.setFieldValue('code', ''),
      },
    );
  });
  const refused = invalidFields(signIn.error);

  return (
    <AuthLayout aside={<DemoAccountsPanel onPick={(account) => form.setValues(account)} />}>
      <PageTitle>{t('signIn.title')}</PageTitle>
      {reason === 'expired' && (
        <Alert color="yellow" mb="md">
          {t('signIn.expired')}
        </Alert>
      )}
      {reason === 'signed-out' && (
        <Alert color="blue" mb="md">
          {t('signIn.signedOut')}
        </Alert>
      )}
      {state.enrolled && (
        <Alert color="green" mb="md">
          {t('signIn.enrolled')}
        </Alert>
      )}
      <ErrorAlert error={signIn.error ?? undefined} />
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="username"
            required
            {...form.getInputProps('email')}
            error={form.errors.email ?? (refused.includes('email') ? t('validation.email') : undefined)}
          />
          <PasswordInput
            label={t('fields.password')}
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <CodeInput
            {...form.getInputProps('code')}
            error={form.errors.code ?? (refused.includes('code') ? t('validation.code') : undefined)}
          />
          <Button type="submit" loading={signIn.isPending} fullWidth mt="xs">
            {t('signIn.submit')}
          </Button>
          <Text size="sm" c="dimmed">
            {t('signIn.help')}
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
