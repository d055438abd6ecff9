// Per-request values the proxy's middleware and routes share through Hono's context.
import type { Context } from 'hono';
import type { RateLimitInfo } from 'hono-rate-limiter';
import type { Idempotency } from './idempotency';
import type { SharedStore } from './store';

/** What every route shares for the app's lifetime. */
export interface ProxyDeps {
  /** Rate-limit counters and remembered answers (Redis when REDIS_URL is set). */
  store: SharedStore;
  idempotency: Idempotency;
}

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

/**
 * `detached`: the call goes on when this client leaves (a reload, a closed tab), because a repeat of it
 * under the same idempotency key will collect its answer; its own timeouts still bound it.
 */
export function upstreamCall(c: Context<ProxyEnv>, detached = false): UpstreamCall {
  return {
    signal: detached ? new AbortController().signal : c.req.raw.signal,
    record: (status) => {
      c.set('upstreamStatus', status);
      c.set('upstreamCalls', (c.get('upstreamCalls') ?? 0) + 1);
    },
  };
}
