// The address a request came from, for per-client rate limits.
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { isIP } from 'node:net';

/**
 * Behind a reverse proxy (TRUST_PROXY) the client is the last X-Forwarded-For entry, the one our own
 * proxy appended: earlier entries are whatever the client chose to send.
 */
function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // In-process requests (app.request in tests, the Vite dev middleware) have no socket.
    return 'unknown';
  }
}

/**
 * The unit limits count by: an IPv4 address, or an IPv6 /64 (one home or phone network gets a whole
 * /64, so counting single IPv6 addresses would let one client rotate through billions of them).
 */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group || '0', 16).toString(16))
    .join(':')}::/64`;
}

/** Who a rate limit or a remembered answer belongs to. */
export function clientOf(c: Context, trustProxy: boolean): string {
  return clientKey(clientAddress(c, trustProxy));
}
