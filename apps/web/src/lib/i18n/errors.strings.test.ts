import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errorsEn, errorsEs } from './errors.strings';

/**
 * The codes as the server declares them (libs/http/src/error-code.ts), read as text: no Nest in the browser's tests.
 */
function serverErrorCodes(): string[] {
  const source = readFileSync(
    fileURLToPath(new URL('../../../../../libs/http/src/error-code.ts', import.meta.url)),
    'utf8',
  );
  const body = /export enum ErrorCode \{([\s\S]*?)\}/.exec(source)?.[1] ?? '';
  return [...body.matchAll(/=\s*'([A-Z_]+)'/g)].map((m) => m[1]!);
}

describe('the error-code table', () => {
  it('has plain words in English and Spanish for every code the server can answer', () => {
    const codes = serverErrorCodes();
    expect(codes.length).toBeGreaterThan(20);
    const missing = codes.filter((code) => !(code in errorsEn) || !(code in errorsEs));
    expect(missing).toEqual([]);
    for (const code of codes) {
      expect(errorsEn[code as keyof typeof errorsEn].length).toBeGreaterThan(10);
      expect(errorsEs[code as keyof typeof errorsEs].length).toBeGreaterThan(10);
    }
  });

  it('never shows the server’s own (English, technical) message: each code has its own words', () => {
    expect(errorsEn.INVALID_CREDENTIALS).not.toBe(errorsEs.INVALID_CREDENTIALS);
    expect(errorsEn.ACCOUNT_LOCKED).toMatch(/locked/);
    expect(errorsEs.ACCOUNT_LOCKED).toMatch(/bloqueada/);
  });
});
