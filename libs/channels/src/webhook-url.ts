import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

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
  if (!allowed.includes(url.protocol))
    return production ? 'must be an https:// URL' : 'must be an http:// or https:// URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  if (url.hash) return 'must not have a #fragment';
  return null;
}

/** Where a webhook may never point in production: the host itself, the private network, cloud metadata. */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv6');

export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return BLOCKED.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  return family === 0 ? true : BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export type HostLookup = (hostname: string) => Promise<string[]>;

const systemLookup: HostLookup = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Server-side request forgery guard (OWASP API7): in production a webhook may not reach loopback,
 * private, link-local (cloud metadata) or multicast addresses. Checked at creation and again before
 * each call, since a name can be re-pointed after it was accepted. Outside production local
 * receivers are the point (tests, a developer's machine), so nothing is checked.
 */
export async function webhookTargetProblem(
  url: string,
  production: boolean,
  resolve: HostLookup = systemLookup,
): Promise<string | null> {
  if (!production) return null;
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    return 'has a host name that does not resolve';
  }
  if (addresses.length === 0) return 'has a host name that does not resolve';
  return addresses.some(isInternalAddress) ? 'must not point at a loopback, private or link-local address' : null;
}
