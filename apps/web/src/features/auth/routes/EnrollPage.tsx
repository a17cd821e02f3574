import { Alert, Button, Stack, Stepper, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { components } from '@/api/schema';
import { AuthLayout } from '@/ui/AuthLayout';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageTitle } from '@/ui/PageTitle';
import { useConfirmEnrollment, useStartEnrollment } from '../api/auth-api';
import { CodeInput, isSixDigits } from '../components/CodeInput';
import { PasswordFields } from '../components/PasswordFields';
import { TotpQrCode } from '../components/TotpQrCode';
import { accountOfOtpauthUri, tokenFromFragment } from '../utils/enrollment-link';
import { newPasswordRules, passwordProblemMessage } from '../utils/password-form';
import type { SignInState } from './SignInPage';

type Challenge = Pick<components['schemas']['EnrollmentChallengeDto'], 'otpauthUri' | 'secret'>;

/** `/enroll#token=…`: a new password, the authenticator app, one code — then sign in. */
export function EnrollPage() {
  const { t } = useTranslation('auth');
  const navigate = useNavigate();
  const [token] = useState(() => tokenFromFragment(window.location.hash));
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [done, setDone] = useState(false);
  const start = useStartEnrollment();
  const confirm = useConfirmEnrollment();

  // The token is kept in memory only: off the address bar and out of the history entry.
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(window.history.state, '', window.location.pathname);
  }, []);

  const passwordForm = useForm({
    initialValues: { newPassword: '', confirmPassword: '' },
    validate: newPasswordRules(t),
  });
  const codeForm = useForm({
    initialValues: { code: '' },
    validate: { code: (value) => (isSixDigits(value) ? null : t('validation.code')) },
  });

  if (!token) {
    return (
      <AuthLayout>
        <PageTitle>{t('enroll.title')}</PageTitle>
        <Alert color="red" role="alert">
          {t('enroll.noToken')}
        </Alert>
      </AuthLayout>
    );
  }

  const submitPassword = passwordForm.onSubmit(({ newPassword }) => {
    start.mutate(
      { token, password: newPassword },
      { onSuccess: (answer) => setChallenge({ otpauthUri: answer.otpauthUri, secret: answer.secret }) },
    );
  });
  const submitCode = codeForm.onSubmit(({ code }) => {
    confirm.mutate(
      { token, code: code.trim() },
      { onSuccess: () => setDone(true), onError: () => codeForm.setFieldValue('code', '') },
    );
  });
  const goToSignIn = () => {
    const email = challenge ? accountOfOtpauthUri(challenge.otpauthUri) : null;
    const state: SignInState = { enrolled: true, ...(email ? { email } : {}) };
    void navigate('/sign-in', { replace: true, state });
  };
  const step = done ? 2 : challenge ? 1 : 0;
  const passwordProblem = passwordProblemMessage(start.error, t);

  return (
    <AuthLayout>
      <PageTitle>{t('enroll.title')}</PageTitle>
      <Stepper active={step} size="sm" mb="lg" allowNextStepsSelect={false}>
        <Stepper.Step label={t('enroll.step1')}>
          <ErrorAlert error={passwordProblem ? undefined : (start.error ?? undefined)} />
          <form onSubmit={submitPassword} noValidate>
            <Stack gap="sm">
              <PasswordFields form={passwordForm} />
              {passwordProblem && (
                <Alert color="red" role="alert">
                  {passwordProblem}
                </Alert>
              )}
              <Button type="submit" loading={start.isPending}>
                {t('enroll.continue')}
              </Button>
            </Stack>
          </form>
        </Stepper.Step>
        <Stepper.Step label={t('enroll.step2')}>
          {challenge && (
            <Stack gap="md">
              <TotpQrCode otpauthUri={challenge.otpauthUri} secret={challenge.secret} />
              <ErrorAlert error={confirm.error ?? undefined} />
              <form onSubmit={submitCode} noValidate>
                <Stack gap="sm">
                  <Text size="sm">{t('enroll.confirmCode')}</Text>
                  <CodeInput {...codeForm.getInputProps('code')} />
                  <Button type="submit" loading={confirm.isPending}>
                    {t('enroll.confirm')}
                  </Button>
                </Stack>
              </form>
            </Stack>
          )}
        </Stepper.Step>
        <Stepper.Completed>
          <Stack gap="md">
            <Alert color="green">{t('enroll.done')}</Alert>
            <Button onClick={goToSignIn}>{t('enroll.goToSignIn')}</Button>
          </Stack>
        </Stepper.Completed>
      </Stepper>
    </AuthLayout>
  );
}
