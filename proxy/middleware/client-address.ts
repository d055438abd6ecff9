// The address a request came from, for per-client rate limits.
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * Behind a reverse proxy (TRUST_PROXY) the client is the last X-Forwarded-For entry, the one our own
 * proxy appended: earlier entries are whatever the client chose to send.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
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
