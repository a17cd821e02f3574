import { PasswordInput, Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { PasswordStrengthMeter } from './PasswordStrengthMeter';

export interface NewPasswordValues {
  newPassword: string;
  confirmPassword: string;
}

/** New password + repeat, with the meter described-by the first field (enrollment and password change). */
export function PasswordFields<T extends NewPasswordValues>({ form }: { form: UseFormReturnType<T> }) {
  const { t } = useTranslation('auth');
  return (
    <Stack gap="sm">
      <div>
        <PasswordInput
          label={t('fields.newPassword')}
          autoComplete="new-password"
          required
          aria-describedby="password-strength"
          {...form.getInputProps('newPassword')}
        />
        <PasswordStrengthMeter id="password-strength" password={form.values.newPassword} />
      </div>
      <PasswordInput
        label={t('fields.confirmPassword')}
        autoComplete="new-password"
        required
        {...form.getInputProps('confirmPassword')}
      />
    </Stack>
  );
}
