// Retrying a request: backoff with jitter, the server's retry-after honoured, waits cut short by abort.
import { abortReason } from '../abort';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** First backoff (ms); doubles each time. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A retry-after longer than this is not waited out: the error goes to the user instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 15_000,
  maxRetryAfterMs: 120_000,
};

/** Delay before attempt `attempt + 1` (attempt counts from 1), or undefined to give up. */
export function retryDelay(
  attempt: number,
  policy: RetryPolicy,
  retryAfterMs: number | undefined,
  random = Math.random,
): number | undefined {
  if (attempt >= policy.attempts) return undefined;
  if (retryAfterMs !== undefined) return retryAfterMs <= policy.maxRetryAfterMs ? retryAfterMs : undefined;
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // Full jitter keeps four parallel requests from retrying in lock-step.
  return Math.round(backoff / 2 + (random() * backoff) / 2);
}

/**
 * Codes with which the proxy refuses a call before any paid service is asked (its own rate limit, a
 * full upload queue, the same keyed call still running elsewhere, the vendor's rate limit): repeating
 * them costs nothing even without an idempotency key.
 */
const NOTHING_CHARGED = new Set(['rate_limited', 'server_busy', 'still_running', 'upstream_rate_limited']);

/** The same call is running on another replica: waited out without counting as a failed attempt. */
export const STILL_RUNNING = 'still_running';

/**
 * Whether a failed call may be sent again by itself. A keyed call may (the proxy remembers what was
 * bought, so a repeat is free); an unkeyed one only when nothing can have been charged: a lost
 * response or a failed download may come after the service was paid, and another try would pay again.
 */
export function mayRepeat(error: { code: string; retryable: boolean }, keyed: boolean): boolean {
  return error.retryable && (keyed || NOTHING_CHARGED.has(error.code));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
