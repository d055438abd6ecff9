// Per-client request budgets per route, so a leaked URL cannot spend the owner's keys freely.
import type { MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import type { ProxyEnv } from '../context';
import { ApiError } from '../errors';
import { clientAddress } from './client-address';

const WINDOW_MS = 60_000;

export function rateLimit(route: string, perMinute: number, trustProxy: boolean): MiddlewareHandler<ProxyEnv> {
  if (perMinute <= 0) return (_c, next) => next();
  return rateLimiter<ProxyEnv>({
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: 'draft-6',
    keyGenerator: (c) => clientAddress(c, trustProxy),
    handler: (c) => {
      const reset = c.get('rateLimit')?.resetTime?.getTime() ?? Date.now() + WINDOW_MS;
      const wait = Math.max(1, Math.ceil((reset - Date.now()) / 1000));
      throw new ApiError(
        429,
        'rate_limited',
        `Too many ${route} requests: this server allows ${perMinute} a minute per client. Try again in ${wait} s.`,
        { retryable: true, retryAfter: String(wait) },
      );
    },
  });
}
