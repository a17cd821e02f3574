import type { TFunction } from 'i18next';
import { isApiError } from '@/lib/api-error';
import { PASSWORD_MIN_LENGTH, passwordStrength } from './password-strength';
import type { NewPasswordValues } from '../components/PasswordFields';

/** For comfort only: the server decides (and says which rule failed in PASSWORD_REJECTED). */
export function newPasswordRules(t: TFunction<'auth'>) {
  return {
    newPassword: (value: string) =>
      passwordStrength(value).acceptable ? null : t('validation.tooShort', { min: PASSWORD_MIN_LENGTH }),
    confirmPassword: (value: string, values: NewPasswordValues) =>
      value === values.newPassword ? null : t('validation.mismatch'),
  };
}

/** The server's reasons for refusing a new password (`details.problems`), in words, or null. */
export function passwordProblemMessage(error: unknown, t: TFunction<'auth'>): string | null {
  if (isApiError(error, 'PASSWORD_TOO_LONG')) return t('passwordProblems.too_long');
  if (!isApiError(error, 'PASSWORD_REJECTED')) return null;
  const problems = Array.isArray(error.details?.problems) ? (error.details.problems as unknown[]) : [];
  const known = problems.filter(
    (p): p is 'too_short' | 'too_long' | 'common' => p === 'too_short' || p === 'too_long' || p === 'common',
  );
  return known.length > 0 ? known.map((p) => t(`passwordProblems.${p}`)).join(' ') : null;
}
