/**
 * The server's password rules (libs/identity/src/password-policy.ts), for the meter only: length in
 * characters (not bytes), 12 at least, 256 at most, 1 KiB at most, no composition rules. Whether
 * a password is too common only the server knows (its list has ~49 000 entries, too big to ship);
 * its PASSWORD_REJECTED answer says so. password-strength.test.ts fails if the numbers drift.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
export const PASSWORD_MAX_BYTES = 1024;

export type PasswordStrengthLevel = 'too_short' | 'too_long' | 'acceptable' | 'good' | 'strong';

export interface PasswordStrength {
  level: PasswordStrengthLevel;
  /** Characters still missing to reach the minimum (0 once long enough). */
  missing: number;
  /** 0–100, for the meter's bar. */
  percent: number;
  /** Whether the server's length rules accept it (it may still refuse a common password). */
  acceptable: boolean;
}

/** Length is what makes a password strong under these rules: each level is a few more characters. */
export function passwordStrength(password: string): PasswordStrength {
  const length = Array.from(password).length;
  const bytes = new TextEncoder().encode(password).length;
  if (length > PASSWORD_MAX_LENGTH || bytes > PASSWORD_MAX_BYTES)
    return { level: 'too_long', missing: 0, percent: 100, acceptable: false };
  if (length < PASSWORD_MIN_LENGTH) {
    return {
      level: 'too_short',
      missing: PASSWORD_MIN_LENGTH - length,
      percent: Math.round((length / PASSWORD_MIN_LENGTH) * 40),
      acceptable: false,
    };
  }
  if (length < 16) return { level: 'acceptable', missing: 0, percent: 55, acceptable: true };
  if (length < 20) return { level: 'good', missing: 0, percent: 80, acceptable: true };
  return { level: 'strong', missing: 0, percent: 100, acceptable: true };
}
