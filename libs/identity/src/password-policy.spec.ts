import { DomainException } from '@accord/http';
import { assertAcceptablePassword, assertPasswordSize, commonPasswords, passwordProblems } from './password-policy';

describe('password rules', () => {
  it('ships a common-password list of at least 10 000 entries', () => {
    expect(commonPasswords().size).toBeGreaterThanOrEqual(10_000);
  });

  it('refuses fewer than 12 characters, counting characters rather than bytes', () => {
    expect(passwordProblems('short-pass1')).toEqual(['too_short']);
    expect(passwordProblems('ééééééééééé')).toEqual(['too_short']);
    expect(passwordProblems('river-lantern-okra')).toEqual([]);
  });

  it('has no composition rules: a long lower-case phrase is fine', () => {
    expect(passwordProblems('correct horse battery staple')).toEqual([]);
  });

  it('accepts 256 characters untruncated and refuses 257', () => {
    expect(passwordProblems('a1b2'.repeat(64))).toEqual([]);
    expect(passwordProblems('a1b2'.repeat(64) + 'x')).toEqual(['too_long']);
  });

  it('refuses a common password whatever its case', () => {
    const entry = [...commonPasswords()].find((p) => p.length >= 12)!;
    expect(passwordProblems(entry.toUpperCase())).toContain('common');
  });

  it('refuses more than 1 KiB before anything else, with PASSWORD_TOO_LONG', () => {
    expect(() => assertPasswordSize('x'.repeat(1024))).not.toThrow();
    let error: unknown;
    try {
      assertAcceptablePassword('x'.repeat(1025));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainException);
    expect((error as DomainException).code).toBe('PASSWORD_TOO_LONG');
  });

  it('names the problems without echoing the password', () => {
    let error: unknown;
    try {
      assertAcceptablePassword('tiny');
    } catch (e) {
      error = e;
    }
    expect((error as DomainException).code).toBe('PASSWORD_REJECTED');
    expect((error as DomainException).details).toEqual({ problems: expect.arrayContaining(['too_short']) });
    expect((error as Error).message).not.toContain('tiny');
  });
});
