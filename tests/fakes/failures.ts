// Test equipment: how each fake vendor acts out a scripted failure, in that vendor's own wire format.
import type { Context } from 'hono';
import { sleep, type Failure } from './scripting';

export type Flavour = 'groq' | 'openai' | 'stockimg';

/** Groq and OpenAI wrap errors as `{ error: { message, type, code } }`. */
export function jsonError(c: Context, status: number, message: string, type: string, code?: string): Response {
  return c.newResponse(JSON.stringify({ error: { message, type, ...(code ? { code } : {}) } }), status as 400, {
    'content-type': 'application/json',
  });
}

/** Groq sends its limits on every answer; `retry-after` only comes with a 429. */
export function groqRateHeaders(c: Context, remaining = 19): void {
  c.header('x-ratelimit-limit-requests', '20');
  c.header('x-ratelimit-remaining-requests', String(remaining));
  c.header('x-ratelimit-reset-requests', '2m59.56s');
  c.header('x-ratelimit-limit-tokens', '7200');
  c.header('x-ratelimit-remaining-tokens', '7190');
  c.header('x-ratelimit-reset-tokens', '1.2s');
}

function rateLimited(c: Context, flavour: Flavour, retryAfter: number, model: string): Response {
  c.header('retry-after', String(retryAfter));
  if (flavour === 'stockimg') return c.text('Too many requests', 429);
  if (flavour === 'groq') groqRateHeaders(c, 0);
  const message =
    `Rate limit reached for model \`${model}\` in organization \`org_01fakeorganization\` on requests per minute ` +
    `(RPM): Limit 20, Used 20, Requested 1. Please try again in ${retryAfter}s.`;
  return jsonError(c, 429, message, 'requests', 'rate_limit_exceeded');
}

/**
 * Answers for a scripted failure, or undefined to carry on normally (after a `slow` wait). The
 * vendor-specific kinds (`nsfw`, `image-url`) are left to the fake that understands them.
 */
export async function actOut(
  c: Context,
  failure: Failure | undefined,
  flavour: Flavour,
  model = 'model',
): Promise<Response | undefined> {
  if (!failure) return undefined;
  const plain = flavour === 'stockimg';
  switch (failure.kind) {
    case 'slow':
      await sleep(failure.ms, c.req.raw.signal);
      return undefined;
    case 'rate-limit':
      return rateLimited(c, flavour, failure.retryAfter ?? 7, model);
    case 'server-error': {
      const status = failure.status ?? 500;
      return plain
        ? c.text('Internal Server Error', status as 500)
        : jsonError(c, status, 'Internal Server Error', 'internal_server_error');
    }
    case 'unauthorized':
      return plain
        ? c.text('Unauthorized', 401)
        : jsonError(c, 401, 'Invalid API Key', 'invalid_request_error', 'invalid_api_key');
    case 'too-large':
      return jsonError(c, 413, 'Request Entity Too Large', 'invalid_request_error', 'request_too_large');
    case 'malformed':
      return c.newResponse('{"text": " Galileo was', 200, { 'content-type': 'application/json' });
    case 'wrong-shape':
      return c.json({ text: ' Galileo was an American robotic space program.', x_groq: { id: 'req_fake' } });
    case 'status':
      return c.newResponse(failure.body ?? '', failure.status as 400, { 'content-type': 'text/plain' });
    default:
      return undefined;
  }
}
