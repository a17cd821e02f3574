import { TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The 6-digit TOTP field: numeric keypad on phones, and the OS may offer the code itself. */
export function CodeInput(props: TextInputProps) {
  const { t } = useTranslation('auth');
  return (
    <TextInput
      label={t('fields.code')}
      description={t('fields.codeHint')}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      required
      {...props}
    />
  );
}

export const isSixDigits = (value: string) => /^\d{6}$/.test(value.trim());
