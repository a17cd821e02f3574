import { dictionary } from '@zxcvbn-ts/language-common';
import { DomainException, ErrorCode } from '@accord/http';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
/** Refused before any hashing, so a huge password cannot buy CPU or memory. */
export const PASSWORD_MAX_BYTES = 1024;

let common: ReadonlySet<string> | undefined;

/** zxcvbn-ts's list of common passwords (about 49 000 entries), compared case-insensitively. */
export function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

/** Throws PASSWORD_TOO_LONG for anything over 1 KiB; called before a password is hashed or verified. */
export function assertPasswordSize(password: string): void {
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) {
    throw new DomainException(ErrorCode.PasswordTooLong, `A password may not exceed ${PASSWORD_MAX_BYTES} bytes`);
  }
}

export type PasswordProblem = 'too_short' | 'too_long' | 'common';

/**
 * The rules of a new password (docs/security.md "Sessions", NIST 800-63B): length counted in characters, not
 * bytes; no composition rules; nothing is truncated; a common password is refused.
 */
export function passwordProblems(password: string): PasswordProblem[] {
  const length = Array.from(password).length;
  const problems: PasswordProblem[] = [];
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  if (commonPasswords().has(password.toLowerCase())) problems.push('common');
  return problems;
}

export function assertAcceptablePassword(password: string): void {
  assertPasswordSize(password);
  const problems = passwordProblems(password);
  if (problems.length > 0) {
    throw new DomainException(
      ErrorCode.PasswordRejected,
      `The password is not acceptable: use ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters that are not ` +
        `a commonly used password`,
      { problems },
    );
  }
}
