// Typed browser client of the proxy: transcription, prompts and images, with retries and abort.
import {
  IDEMPOTENCY_KEY_HEADER,
  parseRetryAfter,
  type GuideRequest,
  type GuideResponse,
  type ImageRequest,
  type PromptRequest,
  type PromptResponse,
} from '../pipeline/api-contract';
import { ApiError } from '../pipeline/errors';
import type { Transcript } from '../pipeline/transcript';
import { parseTranscript } from '../store/schema';
import { DEFAULT_RETRY, mayRepeat, retryDelay, sleep, STILL_RUNNING, type RetryPolicy } from './retry';

export interface RequestOptions {
  signal?: AbortSignal;
  retry?: RetryPolicy;
  /** Told before each wait, so the page can say "rate limited, retrying in 5 s". */
  onRetry?: (error: ApiError, delayMs: number) => void;
  /** Base URL of the proxy; the page's own origin by default. */
  base?: string;
  /**
   * The server's access token to send, if any; as a function it is read before every attempt, so a
   * token saved or forgotten in another tab counts at once.
   */
  token?: string | (() => string | undefined);
  /**
   * Names the call to the proxy (`Idempotency-Key`), so every attempt, reload or tab sending it again
   * gets the first answer instead of a new paid call; see `requestKey`.
   */
  idempotencyKey?: string;
}

/** A call the services charge for: it always names itself, so repeating it is free. */
export type PaidRequestOptions = RequestOptions & { idempotencyKey: string };

/** How many times a call answered `still_running` is asked again (each after the server's retry-after). */
const STILL_RUNNING_WAITS = 60;

const OFFLINE = 'This step needs an internet connection: Voiceframe goes on by itself when you are back online.';

async function errorFrom(response: Response): Promise<ApiError> {
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  let body: { error?: { code?: unknown; message?: unknown; retryable?: unknown } } | undefined;
  try {
    body = (await response.json()) as typeof body;
  } catch {
    body = undefined;
  }
  const error = body?.error;
  const message = typeof error?.message === 'string' ? error.message : `The server answered ${response.status}.`;
  const code = typeof error?.code === 'string' ? error.code : `http_${response.status}`;
  const retryable =
    typeof error?.retryable === 'boolean' ? error.retryable : response.status === 429 || response.status >= 500;
  return new ApiError(message, code, response.status, retryable, retryAfterMs);
}

/**
 * One call to the proxy, sent again while the error is retryable and repeating it cannot pay twice
 * (see `mayRepeat`); the last error is thrown as is.
 */
export async function request(path: string, init: RequestInit, options: RequestOptions = {}): Promise<Response> {
  const policy = options.retry ?? DEFAULT_RETRY;
  const keyed = options.idempotencyKey !== undefined;
  let waits = 0;
  for (let failures = 0; ;) {
    let error: ApiError;
    const headers = new Headers(init.headers);
    const token = typeof options.token === 'function' ? options.token() : options.token;
    // The scheme the proxy's ACCESS_TOKEN check (hono/bearer-auth) reads.
    if (token) headers.set('authorization', `Bearer ${token}`);
    if (keyed) headers.set(IDEMPOTENCY_KEY_HEADER, options.idempotencyKey!);
    try {
      const response = await fetch(`${options.base ?? ''}${path}`, { ...init, headers, signal: options.signal });
      if (response.ok) return response;
      error = await errorFrom(response);
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
      const message = offline ? OFFLINE : `The Voiceframe server could not be reached (${String(cause)}).`;
      error = new ApiError(message, offline ? 'offline' : 'network', 0, true, undefined, { cause });
    }
    // Another replica is still running this very call: its answer is waited for, not paid for again.
    if (error.code === STILL_RUNNING && keyed && waits < STILL_RUNNING_WAITS) waits += 1;
    else failures += 1;
    const delay = mayRepeat(error, keyed) ? retryDelay(Math.max(1, failures), policy, error.retryAfterMs) : undefined;
    if (delay === undefined) throw error;
    options.onRetry?.(error, delay);
    await sleep(delay, options.signal);
  }
}

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export async function transcribe(
  audio: Blob,
  fileName: string,
  language: string,
  options: PaidRequestOptions & { prompt?: string },
): Promise<Transcript> {
  const form = new FormData();
  form.append('file', audio, fileName);
  form.append('language', language);
  // Text in the style of the recording (e.g. a disfluent example, so filler words are written down).
  if (options.prompt) form.append('prompt', options.prompt);
  const response = await request('/api/transcribe', { method: 'POST', body: form }, options);
  const parsed = parseTranscript(await response.json());
  if (!parsed.ok) throw new ApiError(`The transcript was malformed (${parsed.problem}).`, 'bad_transcript', 502, true);
  return parsed.value;
}

export async function writePrompt(input: PromptRequest, options: PaidRequestOptions): Promise<PromptResponse> {
  const response = await request('/api/prompt', json(input), options);
  return (await response.json()) as PromptResponse;
}

/** One piece of the visual guide: the guide so far, extended from this piece of the transcript. */
export async function writeGuide(input: GuideRequest, options: PaidRequestOptions): Promise<GuideResponse> {
  const response = await request('/api/guide', json(input), options);
  return (await response.json()) as GuideResponse;
}

export async function drawImage(input: ImageRequest, options: PaidRequestOptions): Promise<Blob> {
  const response = await request('/api/image', json(input), options);
  const blob = await response.blob();
  if (!blob.type.startsWith('image/')) {
    throw new ApiError(
      `The image service sent ${blob.type || 'something'} instead of an image.`,
      'bad_image',
      502,
      true,
    );
  }
  return blob;
}
