// Turns what an upstream service or its SDK threw into the proxy's ApiError, without leaking internals.
import * as Groq from 'groq-sdk';
import * as OpenAI from 'openai';
import { parseRetryAfter } from '../../src/lib/pipeline/api-contract';
import { ApiError } from '../errors';

export interface Vendor {
  /** Name shown to the user, e.g. "Groq". */
  name: string;
  /** Variable holding the key, named when the service rejects it. */
  keyVar: string;
  /** Variable naming the model, for "model unavailable" answers. */
  modelVar?: string;
  model?: string;
  timeoutMs: number;
}

const MESSAGE_FIELDS = ['message', 'detail', 'error', 'error_description', 'msg'] as const;

/** A JSON error body's own sentence (`{ message }`, `{ detail }`, `{ error: { message } }`...), if any. */
function jsonMessage(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  for (let depth = 0; depth < 3 && body && typeof body === 'object'; depth++) {
    const record = body as Record<string, unknown>;
    const field = MESSAGE_FIELDS.find((name) => typeof record[name] === 'string' || typeof record[name] === 'object');
    if (!field) return undefined;
    body = record[field];
    if (typeof body === 'string') return body;
  }
  return undefined;
}

/**
 * Upstream messages are shown only for plain request errors, summarised: a JSON body's message field,
 * never an HTML page (a proxy's or CDN's error page says nothing useful), without control characters
 * or anything key-like, and cut to one short sentence's length.
 */
export function upstreamMessage(raw: unknown): string {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (/^<(!doctype|html|head|body|\?xml)\b/i.test(text) || /<\/(html|body|div|p|h\d)>/i.test(text)) return '';
  const said = jsonMessage(text) ?? (text.startsWith('{') || text.startsWith('[') ? '' : text);
  const clean = said
    .replace(/\b(gsk|sk|key|org|AIza)[-_][\w-]{6,}/g, '[redacted]')
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > 200 ? `${clean.slice(0, 199)}…` : clean;
}

/** Whole seconds to wait, from a `retry-after` header (seconds or an HTTP date). */
function retryAfterSeconds(header: string | null | undefined): string | undefined {
  const ms = parseRetryAfter(header);
  return ms === undefined ? undefined : String(Math.ceil(ms / 1000));
}

/** Maps an upstream HTTP failure (status, error code, message, headers) to what the browser sees. */
export function fromUpstreamStatus(
  vendor: Vendor,
  status: number,
  detail: { code?: string; message?: string; retryAfter?: string | null },
): ApiError {
  const code = detail.code ?? '';
  if (status === 401 || status === 403) {
    return new ApiError(
      503,
      'upstream_auth',
      `${vendor.name} rejected the key in ${vendor.keyVar} (${status}): check the key and restart the server.`,
    );
  }
  if (status === 429) {
    const wait = retryAfterSeconds(detail.retryAfter);
    const when = wait ? `try again in ${wait} s` : 'try again shortly';
    return new ApiError(429, 'upstream_rate_limited', `${vendor.name}'s rate limit was reached; ${when}.`, {
      retryable: true,
      retryAfter: wait,
    });
  }
  if (/model_(not_found|decommissioned)/.test(code) || (status === 404 && vendor.model)) {
    const setting = vendor.modelVar ? ` Set ${vendor.modelVar} to a current model.` : '';
    return new ApiError(
      503,
      'model_unavailable',
      `${vendor.name} no longer serves the model "${vendor.model ?? '?'}" (${code || status}).${setting}`,
    );
  }
  if (status >= 500) {
    return new ApiError(502, 'upstream_error', `${vendor.name} failed (${status}); try again.`, { retryable: true });
  }
  const said = upstreamMessage(detail.message);
  return new ApiError(
    502,
    'upstream_rejected',
    `${vendor.name} refused the request (${status})${said ? `: ${said}` : '.'}`,
  );
}

export function upstreamTimeout(vendor: Vendor): ApiError {
  const seconds = Math.round(vendor.timeoutMs / 1000);
  return new ApiError(504, 'upstream_timeout', `${vendor.name} did not answer within ${seconds} s; try again.`, {
    retryable: true,
  });
}

export function badUpstreamBody(vendor: Vendor, what: string, cause?: unknown): ApiError {
  return new ApiError(502, 'bad_upstream_response', `${vendor.name} sent an answer the server cannot use: ${what}.`, {
    retryable: true,
    cause,
  });
}

/** The caller went away: nobody reads this answer, but the log shows what happened. */
export function clientGone(): ApiError {
  return new ApiError(408, 'aborted', 'The request was cancelled by the client.');
}

type SdkApiError = Groq.APIError | OpenAI.APIError;

function isSdkError(err: unknown): err is SdkApiError {
  return err instanceof Groq.APIError || err instanceof OpenAI.APIError;
}

/** The two SDKs nest the vendor's `{ error: { code, message } }` differently; read both. */
function sdkDetail(err: SdkApiError): { code?: string; message?: string } {
  const body = err.error as { error?: unknown; code?: unknown; message?: unknown } | undefined;
  const inner = (body?.error && typeof body.error === 'object' ? body.error : body) as
    { code?: unknown; message?: unknown } | undefined;
  return {
    code: typeof inner?.code === 'string' ? inner.code : undefined,
    message: typeof inner?.message === 'string' ? inner.message : undefined,
  };
}

export function isSdkStatus(err: unknown, status: number, code?: string): boolean {
  return isSdkError(err) && err.status === status && (code === undefined || sdkDetail(err).code === code);
}

/** For errors thrown by groq-sdk or openai: a status-less failure is a timeout, an abort or a dead connection. */
export function fromSdkError(vendor: Vendor, err: unknown, record: (status: number) => void): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof Groq.APIUserAbortError || err instanceof OpenAI.APIUserAbortError) return clientGone();
  if (err instanceof Groq.APIConnectionTimeoutError || err instanceof OpenAI.APIConnectionTimeoutError) {
    return upstreamTimeout(vendor);
  }
  if (err instanceof Groq.APIConnectionError || err instanceof OpenAI.APIConnectionError) {
    return new ApiError(502, 'upstream_unreachable', `${vendor.name} could not be reached; try again.`, {
      retryable: true,
    });
  }
  if (isSdkError(err) && err.status !== undefined) {
    record(err.status);
    return fromUpstreamStatus(vendor, err.status, { ...sdkDetail(err), retryAfter: err.headers?.get('retry-after') });
  }
  if (err instanceof SyntaxError) return badUpstreamBody(vendor, 'it is not valid JSON', err);
  throw err;
}
