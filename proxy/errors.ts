// The proxy's one error type and its one rendering as `{ error: { code, message, retryable } }`.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../src/lib/pipeline/api-contract';
import type { Redact } from './redact';

/** An HTTPException, so Hono's own middleware (timeout, bodyLimit) can throw it too. */
export class ApiError extends HTTPException {
  override readonly name = 'ApiError';
  override readonly status: ContentfulStatusCode;
  readonly retryable: boolean;
  readonly retryAfter: string | undefined;

  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    options: { retryable?: boolean; retryAfter?: string; cause?: unknown } = {},
  ) {
    super(status, { message, cause: options.cause });
    this.status = status;
    this.retryable = options.retryable ?? false;
    this.retryAfter = options.retryAfter;
  }
}

/** A configuration problem the server's owner must fix: the key to set is named. */
export function missingKey(envVar: string, purpose: string): ApiError {
  return new ApiError(503, 'missing_key', `${purpose} needs ${envVar}: set it in .env or the environment and restart.`);
}

/** The backstop when an upstream overruns its own timeout (which fires first and says more). */
export function routeTimeout(step: string): ApiError {
  return new ApiError(504, 'timeout', `${step} took too long; try again.`, { retryable: true });
}

export function errorBody(code: string, message: string, retryable: boolean): ErrorBody {
  return { error: { code, message, retryable } };
}

/** Codes for the HTTPExceptions Hono's built-ins throw (malformed JSON, bad form data...). */
const HTTP_CODES: Partial<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  413: 'payload_too_large',
  504: 'timeout',
};

/** The single `onError` of the API: known errors keep their status, anything else is a bare 500. */
export function renderError(err: Error, c: Context, redact: Redact = (text) => text): Response {
  if (err instanceof ApiError) {
    if (err.retryAfter) c.header('Retry-After', err.retryAfter);
    return c.json(errorBody(err.code, redact(err.message), err.retryable), err.status);
  }
  if (err instanceof HTTPException) {
    // bearerAuth builds its answer (our shape, plus WWW-Authenticate) itself.
    if (err.res?.headers.get('content-type')?.includes('application/json')) return err.getResponse();
    const status = err.status as ContentfulStatusCode;
    const code = HTTP_CODES[status] ?? 'error';
    return c.json(errorBody(code, err.message || code.replaceAll('_', ' '), status >= 500), status);
  }
  c.set('failure', err);
  return c.json(errorBody('internal', 'The Voiceframe server failed unexpectedly; see its log.', true), 500);
}
