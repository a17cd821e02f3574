import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createCryptoPlugin } from '@otplib/core';
import { generateSync } from '@otplib/hotp';
import { generateTOTP } from '@otplib/uri';
import { toDataURL } from 'qrcode';
import { base32Decode, base32Encode } from './base32';

// otplib's umbrella package and its default plugins load ES-module-only libraries; its HOTP core
// with Node's own HMAC and our base32 (RFC 4648) computes the same codes and loads everywhere.
const crypto = createCryptoPlugin({
  name: 'node',
  hmac: (algorithm, key, data) => new Uint8Array(createHmac(algorithm, key).update(data).digest()),
  randomBytes: (length) => new Uint8Array(randomBytes(length)),
});

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes of the previous and next step are accepted too, for clock drift between phone and server. */
export const TOTP_WINDOW = 1;
export const TOTP_ISSUER = 'Accord';

export function totpStepAt(timeMs: number): number {
  return Math.floor(timeMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code of one step: TOTP is HOTP over the step number (RFC 6238). */
export function totpCodeForStep(secret: string, step: number): string {
  return generateSync({ secret: base32Decode(secret), counter: step, digits: TOTP_DIGITS, crypto });
}

export function totpCodeAt(secret: string, timeMs: number): string {
  return totpCodeForStep(secret, totpStepAt(timeMs));
}

/**
 * The step a code belongs to, or null. A step at or before `lastUsedStep` is refused even when
 * the code is right: each code is accepted once, and never one older than a code already used.
 */
export function matchTotpStep(
  secret: string,
  code: string,
  timeMs: number,
  lastUsedStep: number | null,
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const current = totpStepAt(timeMs);
  const given = Buffer.from(code, 'utf8');
  let matched: number | null = null;
  for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step++) {
    // Every candidate is computed and compared, so timing says nothing about which step matched.
    const equal = timingSafeEqual(Buffer.from(totpCodeForStep(secret, step), 'utf8'), given);
    if (equal && matched === null && (lastUsedStep === null || step > lastUsedStep)) matched = step;
  }
  return matched;
}

/** 160 random bits, base32 (RFC 6238 recommends the HMAC-SHA1 output length). */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The label names the account in the authenticator app; it stays on the user's phone. */
export function totpUri(secret: string, accountLabel: string): string {
  return generateTOTP({
    issuer: TOTP_ISSUER,
    label: accountLabel,
    secret,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  });
}

export function totpQrDataUrl(uri: string): Promise<string> {
  return toDataURL(uri, { errorCorrectionLevel: 'M', margin: 1 });
}
