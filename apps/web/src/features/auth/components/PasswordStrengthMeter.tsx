import { Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordStrength } from '../utils/password-strength';

const COLORS = { too_short: 'red', too_long: 'red', acceptable: 'yellow', good: 'teal', strong: 'green' } as const;

/** The server's rules as a bar and words (colour is never the only signal). */
export function PasswordStrengthMeter({ password, id }: { password: string; id: string }) {
  const { t } = useTranslation('auth');
  const strength = passwordStrength(password);
  const level =
    strength.level === 'too_short'
      ? t('strength.too_short', { count: strength.missing })
      : strength.level === 'too_long'
        ? t('strength.too_long', { max: PASSWORD_MAX_LENGTH })
        : t(`strength.${strength.level}`);
  const label = t('strength.label', { level });
  return (
    <div id={id}>
      <Progress value={strength.percent} color={COLORS[strength.level]} size="sm" mt="xs" aria-label={label} />
      <Text size="sm" mt={4} aria-live="polite">
        {label}
      </Text>
      <Text size="xs" c="dimmed" mt={2}>
        {t('strength.hint', { min: PASSWORD_MIN_LENGTH })}
      </Text>
    </div>
  );
}
