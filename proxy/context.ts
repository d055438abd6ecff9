// Per-request values the proxy's middleware and routes share through Hono's context.
import type { Context } from 'hono';
import type { RateLimitInfo } from 'hono-rate-limiter';

export interface ProxyEnv {
  Variables: {
    /** HTTP status of the last upstream call this request made, for the request log. */
    upstreamStatus?: number;
    /** How many upstream calls this request made (retries and downloads included). */
    upstreamCalls?: number;
    /** An unexpected error, kept for the request log (the client only sees a generic message). */
    failure?: Error;
    rateLimit?: RateLimitInfo;
  };
}

/** What a provider needs from the request: cancellation, and a place to note upstream statuses. */
export interface UpstreamCall {
  signal: AbortSignal;
  record: (status: number) => void;
}

export function upstreamCall(c: Context<ProxyEnv>): UpstreamCall {
  return {
    signal: c.req.raw.signal,
    record: (status) => {
      c.set('upstreamStatus', status);
      c.set('upstreamCalls', (c.get('upstreamCalls') ?? 0) + 1);
    },
  };
}
