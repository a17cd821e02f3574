import { describe, expect, it } from 'vitest';
import { accountOfOtpauthUri, groupSecret, tokenFromFragment } from './enrollment-link';

describe('enrollment link helpers', () => {
  it('reads the token from the fragment only, and only if it looks like one', () => {
    expect(tokenFromFragment('#token=abcdefghijklmnopqrstuvwxyz0123_-')).toBe('abcdefghijklmnopqrstuvwxyz0123_-');
    expect(tokenFromFragment('')).toBeNull();
    expect(tokenFromFragment('#token=short')).toBeNull();
    expect(tokenFromFragment('#token=<script>alert(1)</script>aaaaaaaa')).toBeNull();
  });

  it('finds the account e-mail in an otpauth URI', () => {
    expect(accountOfOtpauthUri('otpauth://totp/Accord:ana%40example.org?secret=ABC&issuer=Accord')).toBe(
      'ana@example.org',
    );
    expect(accountOfOtpauthUri('https://example.org')).toBeNull();
  });

  it('groups the secret by four characters', () => {
    expect(groupSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });
});
