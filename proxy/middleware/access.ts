// Who may call the API: the app's own pages (plus ALLOWED_ORIGINS), and with ACCESS_TOKEN set, only token holders.
import type { MiddlewareHandler } from 'hono';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_STATUS_HEADER } from '../../src/lib/pipeline/api-contract';
import { bearerAuth } from 'hono/bearer-auth';
import { cors } from 'hono/cors';
import { ACCESS_DENIED } from '../../src/lib/pipeline/api-contract';
import type { ProxyConfig } from '../config';
import type { ProxyEnv } from '../context';
import { ApiError, errorBody } from '../errors';
import type { SharedStore } from '../store';
import { clientOf } from './client-address';
import { hostGuard } from './host-guard';
import { tooMany, WINDOW_MS } from './rate-limit';

/**
 * Browsers send Origin on every cross-site POST, and a multipart upload needs no preflight, so
 * without this any web page could make a visitor's browser spend the owner's keys. Requests without
 * Origin (curl, scripts) are not browsers acting for someone else; ACCESS_TOKEN covers those.
 * Same-origin is judged by host, so a TLS-terminating reverse proxy in front does not break it.
 */
function originGuard(allowedOrigins: string[]): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origin && !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      const host = URL.canParse(origin) ? new URL(origin).host : '';
      if (host !== c.req.header('host') && !allowedOrigins.includes(origin)) {
        throw new ApiError(
          403,
          'forbidden_origin',
          `Requests from ${origin.slice(0, 100)} are not allowed; add it to ALLOWED_ORIGINS.`,
        );
      }
    }
    await next();
  };
}

/**
 * Guessing the token is the one way into a server with ACCESS_TOKEN, so each client (an IPv4 address
 * or an IPv6 /64) gets a few wrong tries a minute, counted in the shared store across replicas. Only a
 * request that presents a token counts: a page that has no token yet sends its run's calls without one
 * (each answered 401 so that it asks for the token), and those guess nothing.
 */
function authFailureLimit(security: ProxyConfig['security'], store: SharedStore): MiddlewareHandler<ProxyEnv> {
  const limit = security.authFailuresPerMinute;
  return async (c, next) => {
    if (limit <= 0) return next();
    const key = `vf:authfail:${clientOf(c, security.trustProxy)}`;
    const spent = await store.peek(key);
    if (spent && spent.count >= limit) throw tooMany('wrong access tokens', limit, spent.resetAt);
    await next();
    if (c.res.status === 401 && c.req.header('Authorization')) await store.hit(key, WINDOW_MS);
  };
}

export function accessMiddleware(security: ProxyConfig['security'], store: SharedStore): MiddlewareHandler[] {
  const chain: MiddlewareHandler[] = [hostGuard(security)];
  if (security.allowedOrigins.length > 0) {
    chain.push(
      cors({
        origin: security.allowedOrigins,
        allowHeaders: ['Authorization', 'Content-Type', IDEMPOTENCY_KEY_HEADER],
        exposeHeaders: ['Retry-After', 'X-Image-Width', 'X-Image-Height', IDEMPOTENCY_STATUS_HEADER],
        maxAge: 600,
      }),
    );
  }
  chain.push(originGuard(security.allowedOrigins));
  if (security.accessToken) {
    chain.push(authFailureLimit(security, store) as MiddlewareHandler);
    const denied = (message: string) => () => errorBody(ACCESS_DENIED, message, false);
    chain.push(
      bearerAuth({
        token: security.accessToken,
        noAuthenticationHeader: {
          message: denied('This server needs its access token (ACCESS_TOKEN) with every request.'),
        },
        invalidAuthenticationHeader: { message: denied('Send the access token as "Authorization: Bearer <token>".') },
        invalidToken: { message: denied('The access token is wrong.') },
      }),
    );
  }
  return chain;
}
