import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX_BYTES, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordStrength } from './password-strength';

const serverPolicy = readFileSync(
  fileURLToPath(new URL('../../../../../../libs/identity/src/password-policy.ts', import.meta.url)),
  'utf8',
);
const serverConstant = (name: string) => Number(new RegExp(`export const ${name} = (\\d+);`).exec(serverPolicy)?.[1]);

describe('passwordStrength', () => {
  it('uses the same length limits as the server', () => {
    expect(serverConstant('PASSWORD_MIN_LENGTH')).toBe(PASSWORD_MIN_LENGTH);
    expect(serverConstant('PASSWORD_MAX_LENGTH')).toBe(PASSWORD_MAX_LENGTH);
    expect(serverConstant('PASSWORD_MAX_BYTES')).toBe(PASSWORD_MAX_BYTES);
  });

  it('calls anything under 12 characters too short and says how many are missing', () => {
    expect(passwordStrength('')).toMatchObject({ level: 'too_short', missing: 12, acceptable: false });
    expect(passwordStrength('eleven-char')).toMatchObject({ level: 'too_short', missing: 1, acceptable: false });
  });

  it('counts characters, not bytes, like the server', () => {
    expect(passwordStrength('ñandú-ñandú-')).toMatchObject({ level: 'acceptable', acceptable: true });
    expect(passwordStrength('🙂'.repeat(11))).toMatchObject({ level: 'too_short', missing: 1 });
  });

  it('grows stronger with length only (no composition rules)', () => {
    expect(passwordStrength('a'.repeat(12)).level).toBe('acceptable');
    expect(passwordStrength('lantern river okra').level).toBe('good');
    expect(passwordStrength('lantern river okra forty').level).toBe('strong');
  });

  it('refuses more than 256 characters or 1 KiB', () => {
    expect(passwordStrength('a'.repeat(256)).acceptable).toBe(true);
    expect(passwordStrength('a'.repeat(257))).toMatchObject({ level: 'too_long', acceptable: false });
  });
});
