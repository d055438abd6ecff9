// Refuses requests addressed to a host name this server does not go by (DNS rebinding).
import type { MiddlewareHandler } from 'hono';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { isLoopbackHost, type ProxyConfig } from '../config';
import { errorBody } from '../errors';

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

function hostnameOf(host: string): string {
  const bracketed = /^\[([^\]]+)\]/.exec(host);
  if (bracketed) return bracketed[1]!.toLowerCase();
  return host.replace(/:\d+$/, '').toLowerCase();
}

function ownAddresses(): Set<string> {
  return new Set(
    Object.values(networkInterfaces())
      .flat()
      .map((info) => info?.address.toLowerCase().split('%')[0] ?? ''),
  );
}

/**
 * A page on evil.example can make its name resolve to 127.0.0.1 and then call this server "same-origin";
 * its requests still say `Host: evil.example`. So only loopback names and addresses, the address the
 * server listens on (any of this machine's addresses when it listens on all), and the hosts of
 * ALLOWED_ORIGINS and PUBLIC_URL are answered.
 */
export function hostGuard(security: ProxyConfig['security']): MiddlewareHandler {
  const listen = security.listenHost.toLowerCase().replace(/^\[|\]$/g, '');
  const allowed = new Set(security.allowedHosts.map((host) => host.toLowerCase()));
  const accepts = (host: string): boolean => {
    const name = hostnameOf(host);
    if (isLoopbackHost(name) || name === listen || allowed.has(host.toLowerCase())) return true;
    return WILDCARDS.has(listen) && isIP(name) !== 0 && ownAddresses().has(name);
  };
  return async (c, next) => {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    if (!accepts(host)) {
      const body = errorBody(
        'forbidden_host',
        `This server does not answer to the host name "${host.slice(0, 100)}". If it is yours, add its origin to ALLOWED_ORIGINS or PUBLIC_URL.`,
        false,
      );
      return c.json(body, 403);
    }
    await next();
  };
}
