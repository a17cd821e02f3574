/**
 * The enrollment token travels in the link's fragment (`/enroll#token=…`), which browsers never
 * send to a server or write to its logs; the app sends it only in the POST body.
 */
export function tokenFromFragment(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && /^[A-Za-z0-9_-]{16,100}$/.test(token) ? token : null;
}

/** The account name of an otpauth URI (`otpauth://totp/Accord:ana%40example.org?...` → the e-mail). */
export function accountOfOtpauthUri(uri: string): string | null {
  const match = /^otpauth:\/\/totp\/([^?]+)/.exec(uri);
  if (!match?.[1]) return null;
  const label = decodeURIComponent(match[1]);
  return label.includes(':') ? label.slice(label.indexOf(':') + 1) : label;
}

/** The key grouped by four for reading aloud or typing into an app by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}
