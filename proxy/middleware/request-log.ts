// One JSON line per API request: what was asked, how it ended and how long it took; never bodies or keys.
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { ProxyEnv } from '../context';

export type LogSink = (line: string) => void;

/** Key values are scrubbed from every line as a last line of defence (an upstream could echo one). */
function redactor(secrets: (string | undefined)[]): (line: string) => string {
  const values = [...new Set(secrets.filter((value): value is string => !!value && value.length >= 4))];
  return (line) => values.reduce((text, value) => text.split(value).join('[redacted]'), line);
}

export function requestLog(sink: LogSink, secrets: (string | undefined)[]): MiddlewareHandler<ProxyEnv> {
  const redact = redactor(secrets);
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
