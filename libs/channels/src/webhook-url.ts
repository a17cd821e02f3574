/**
 * What a webhook URL must be: https in production (the signed body still travels, and the receiver's
 * identity matters), http allowed elsewhere for local receivers; never credentials (they would sit
 * in the table and the logs) nor a fragment. Returns the problem, or null when the URL is fine.
 */
export function webhookUrlProblem(raw: string, production: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return 'is not a URL';
  }
  const allowed = production ? ['https:'] : ['https:', 'http:'];
  if (!allowed.includes(url.protocol)) return production ? 'must be an https:// URL' : 'must be an http:// or https:// URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  if (url.hash) return 'must not have a #fragment';
  return null;
}
