// A server-wide cap on uploads held at once: each transcription keeps up to 25 MB of audio in memory.
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors';

/** Seconds a turned-away upload should wait: a transcription usually takes a few seconds to a minute. */
const RETRY_AFTER_S = 5;

export function uploadSlots(max: number): MiddlewareHandler {
  if (max <= 0) return (_c, next) => next();
  let inUse = 0;
  return async (_c, next) => {
    if (inUse >= max) {
      throw new ApiError(
        503,
        'server_busy',
        `The server is already receiving ${max} recordings; it will take this one in a few seconds.`,
        { retryable: true, retryAfter: String(RETRY_AFTER_S) },
      );
    }
    inUse++;
    try {
      await next();
    } finally {
      inUse--;
    }
  };
}
