// Per-client request budgets per route, so a leaked URL cannot spend the owner's keys freely.
import type { MiddlewareHandler } from 'hono';
import { rateLimiter, type Store } from 'hono-rate-limiter';
import type { ProxyEnv } from '../context';
import { ApiError } from '../errors';
import type { SharedStore } from '../store';
import { clientOf } from './client-address';

export const WINDOW_MS = 60_000;

/** hono-rate-limiter's counters kept in our store, so replicas sharing Redis share the budget. */
function counters(store: SharedStore, prefix: string): Store<ProxyEnv> {
  const info = ({ count, resetAt }: { count: number; resetAt: number }) => ({
    totalHits: count,
    resetTime: new Date(resetAt),
  });
  return {
    prefix,
    localKeys: false,
    get: async (key) => {
      const hits = await store.peek(prefix + key);
      return hits && info(hits);
    },
    increment: async (key) => info(await store.hit(prefix + key, WINDOW_MS)),
    decrement: (key) => store.unhit(prefix + key),
    resetKey: (key) => store.delete(prefix + key),
  };
}

export function tooMany(what: string, perMinute: number, resetAt: number | undefined): ApiError {
  const wait = Math.max(1, Math.ceil(((resetAt ?? Date.now() + WINDOW_MS) - Date.now()) / 1000));
  return new ApiError(
    429,
    'rate_limited',
    `Too many ${what}: this server allows ${perMinute} a minute per client. Try again in ${wait} s.`,
    { retryable: true, retryAfter: String(wait) },
  );
}

export function rateLimit(
  route: string,
  perMinute: number,
  trustProxy: boolean,
  store: SharedStore,
): MiddlewareHandler<ProxyEnv> {
  if (perMinute <= 0) return (_c, next) => next();
  return rateLimiter<ProxyEnv>({
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: 'draft-6',
    keyGenerator: (c) => clientOf(c, trustProxy),
    store: counters(store, `vf:rate:${route}:`),
    handler: (c) => {
      throw tooMany(`${route} requests`, perMinute, c.get('rateLimit')?.resetTime?.getTime());
    },
  });
}
