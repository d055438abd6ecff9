// Which URLs and resolved addresses the proxy may fetch on an upstream's say-so (SSRF guard).
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';

/** Everything that is not a public unicast address: this host, private networks, link-local, ULA... */
const NOT_PUBLIC = new BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NOT_PUBLIC.addSubnet(prefix, bits, 'ipv4');
}
for (const [prefix, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64 can reach IPv4 private space
  ['100::', 64],
  ['2001:db8::', 32],
  ['2002::', 16], // 6to4 embeds an arbitrary IPv4 address
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(prefix, bits, 'ipv6');
}

/** Node's BlockList also matches IPv4-mapped IPv6 (::ffff:10.0.0.1) against the IPv4 rules. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export class UnsafeUrlError extends Error {
  override readonly name = 'UnsafeUrlError';
}

/**
 * A URL handed to us by an upstream may be fetched only over https, or over http when it is on the
 * one origin the server's owner configured (a local fake or mirror). IP literals are checked here
 * because sockets skip DNS for them; host names are checked when they resolve.
 */
export function checkUrl(raw: string, trustedOrigin: string | undefined): { url: URL; trusted: boolean } {
  if (!URL.canParse(raw)) throw new UnsafeUrlError('it is not a valid URL');
  const url = new URL(raw);
  if (trustedOrigin && url.origin === trustedOrigin) return { url, trusted: true };
  if (url.protocol !== 'https:') throw new UnsafeUrlError(`${url.protocol} URLs are not fetched, only https`);
  if (url.username || url.password) throw new UnsafeUrlError('URLs with credentials are not fetched');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !isPublicAddress(host)) throw new UnsafeUrlError(`${host} is not a public address`);
  return { url, trusted: false };
}

type Resolve = (hostname: string, callback: (err: Error | null, addresses: LookupAddress[]) => void) => void;

const systemResolve: Resolve = (hostname, callback) => dnsLookup(hostname, { all: true }, callback);

/**
 * A `lookup` for sockets that refuses a host name if any of its addresses is not public, so the
 * address checked is the address connected to (no DNS rebinding between check and connect).
 */
export function guardedLookup(resolve: Resolve = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const wanted = addresses.filter((a) => !options.family || a.family === options.family);
      const blocked = wanted.find((a) => !isPublicAddress(a.address));
      if (blocked) return callback(new UnsafeUrlError(`${hostname} resolves to ${blocked.address}`), '', 0);
      const first = wanted[0];
      if (!first) return callback(new UnsafeUrlError(`${hostname} has no address`), '', 0);
      if (options.all) callback(null, wanted);
      else callback(null, first.address, first.family);
    });
  };
}
