// One JSON line per API request: what was asked, how it ended and how long it took; never bodies or keys.
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { ProxyEnv } from '../context';
import type { Redact } from '../redact';

export type LogSink = (line: string) => void;

/** `redact` scrubs key values from every line (an upstream error could echo one). */
export function requestLog(sink: LogSink, redact: Redact): MiddlewareHandler<ProxyEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const failure = c.get('failure');
    const entry = {
      time: new Date().toISOString(),
      method: c.req.method,
      route: c.res.status === 404 ? null : routePath(c, -1),
      status: c.res.status,
      durationMs: Math.round(performance.now() - started),
      upstreamStatus: c.get('upstreamStatus') ?? null,
      upstreamCalls: c.get('upstreamCalls') ?? 0,
      ...(failure ? { failure: `${failure.name}: ${failure.message}` } : {}),
    };
    sink(redact(JSON.stringify(entry)));
  };
}
