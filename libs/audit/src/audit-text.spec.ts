import fc from 'fast-check';
import { sanitizeAuditText, sanitizeNullableAuditText } from './audit-text';

describe('sanitizeAuditText (log injection)', () => {
  it('leaves ordinary text, accents and emoji untouched (the same string, no copy)', () => {
    const text = 'Überweisung — café 🚓 "quoted" 12:00';
    expect(sanitizeAuditText(text)).toBe(text);
  });

  it('escapes CR and LF so a value can never start a forged log line', () => {
    expect(sanitizeAuditText('ok\r\n2026-11-23 INFO login outcome=success')).toBe(
      'ok\\u000d\\u000a2026-11-23 INFO login outcome=success',
    );
  });

  it('escapes ANSI escape sequences, NUL, DEL, TAB and the single-byte CSI', () => {
    expect(sanitizeAuditText('\u001b[2J\u001b[31mred\u0000\u007f\t\u009b')).toBe(
      '\\u001b[2J\\u001b[31mred\\u0000\\u007f\\u0009\\u009b',
    );
  });

  it('escapes Unicode line separators, bidi overrides and lone surrogates but keeps surrogate pairs', () => {
    expect(sanitizeAuditText('a\u2028b\u2029c\u202ed\u2066e')).toBe('a\\u2028b\\u2029c\\u202ed\\u2066e');
    expect(sanitizeAuditText('x\ud800y\udc00z 😀')).toBe('x\\ud800y\\udc00z 😀');
  });

  it(
    'escapes the backslash too, so the escaping is reversible and a literal "\\u000a" is not mistaken for a ' +
      'newline',
    () => {
      expect(sanitizeAuditText('\\u000a')).toBe('\\\\u000a');
      expect(sanitizeAuditText('\n')).toBe('\\u000a');
    },
  );

  it('never lets a control character through and never maps two inputs to one output', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        const sa = sanitizeAuditText(a);
        expect(sa).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
        expect(sa).not.toMatch(/[\ud800-\udfff]/u); // no lone surrogate (a pair is one code point under /u)
        if (a !== b) expect(sa).not.toBe(sanitizeAuditText(b));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps null as null', () => {
    expect(sanitizeNullableAuditText(null)).toBeNull();
    expect(sanitizeNullableAuditText(undefined)).toBeNull();
    expect(sanitizeNullableAuditText('a\nb')).toBe('a\\u000ab');
  });
});
