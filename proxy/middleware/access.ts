// Who may call the API: the app's own pages (plus ALLOWED_ORIGINS), and with ACCESS_TOKEN set, only token holders.
import type { MiddlewareHandler } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { cors } from 'hono/cors';
import { ACCESS_DENIED } from '../../src/lib/pipeline/api-contract';
import type { ProxyConfig } from '../config';
import { ApiError, errorBody } from '../errors';

/**
 * Browsers send Origin on every cross-site POST, and a multipart upload needs no preflight, so
 * without this any web page could make a visitor's browser spend the owner's keys. Requests without
 * Origin (curl, scripts) are not browsers acting for someone else; ACCESS_TOKEN covers those.
 * Same-origin is judged by host, so a TLS-terminating reverse proxy in front does not break it.
 */
export function originGuard(allowedOrigins: string[]): MiddlewareHandler {
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

export function accessMiddleware(security: ProxyConfig['security']): MiddlewareHandler[] {
  const chain: MiddlewareHandler[] = [];
  if (security.allowedOrigins.length > 0) {
    chain.push(
      cors({
        origin: security.allowedOrigins,
        allowHeaders: ['Authorization', 'Content-Type'],
        exposeHeaders: ['Retry-After', 'X-Image-Width', 'X-Image-Height'],
        maxAge: 600,
      }),
    );
  }
  chain.push(originGuard(security.allowedOrigins));
  if (security.accessToken) {
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
