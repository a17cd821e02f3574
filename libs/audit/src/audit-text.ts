/**
 * Log-injection defence for every string that enters the audit trail. Audit entries are read in
 * terminals, log viewers and exported reports, so a value must never be able to start a new
 * line, move the cursor, recolour the screen, reverse the text direction or end a C string.
 *
 * Such characters are stored escaped, never rejected: refusing would let an attacker suppress
 * the audit entry of their own request by putting a newline in it.
 *
 * The escaping is injective, so the stored text still says exactly what was received: a
 * backslash becomes `\\`, and each dangerous code unit becomes `\uXXXX`. A literal `\u000a`
 * received as six characters is therefore stored as `\\u000a`, never confused with a newline.
 *
 * Escaped: C0 controls (U+0000–U+001F: NUL, TAB, CR, LF, ESC…), DEL (U+007F), C1 controls
 * (U+0080–U+009F, which include the single-byte CSI U+009B), the line and paragraph separators
 * (U+2028, U+2029), bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) and
 * lone surrogates (PostgreSQL text cannot hold them, so they would silently change on storage).
 */
// The `u` flag makes a surrogate class match only unpaired surrogates.
const NEEDS_ESCAPE = /[\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u;
const ESCAPE_ALL = /[\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;

function escapeOne(char: string): string {
  if (char === '\\') return '\\\\';
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Returns `value` with every dangerous character escaped (the common case returns it untouched). */
export function sanitizeAuditText(value: string): string {
  // Test first: almost every value is clean, and test() allocates nothing.
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPE_ALL, escapeOne) : value;
}

export function sanitizeNullableAuditText(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : sanitizeAuditText(value);
}
