// One JSON line per API request: what was asked, how it ended and how long it took; never bodies or keys.
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { ProxyEnv } from '../context';
import type { Redact } from '../redact';

export type LogSink = (line: string) => void;

/** The route pattern the request matched (not a wildcard middleware's), even if middleware answered first. */
function routeOf(c: Context): string | null {
  const paths = matchedRoutes(c).map((route) => route.path);
  return paths.filter((path) => !path.endsWith('*')).at(-1) ?? null;
}

/** `redact` scrubs key values from every line (an upstream error could echo one). */
export function requestLog(sink: LogSink, redact: Redact): MiddlewareHandler<ProxyEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const failure = c.get('failure');
    const entry = {
      time: new Date().toISOString(),
      method: c.req.method,
      route: routeOf(c),
      status: c.res.status,
      durationMs: Math.round(performance.now() - started),
      upstreamStatus: c.get('upstreamStatus') ?? null,
      upstreamCalls: c.get('upstreamCalls') ?? 0,
      ...(failure ? { failure: `${failure.name}: ${failure.message}` } : {}),
    };
    sink(redact(JSON.stringify(entry)));
  };
}
