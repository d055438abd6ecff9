import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accessToken, accessTokenProblem, forgetAccessToken, saveAccessToken } from '../store/access-token';
import { ApiError, isAccessDenied } from '../pipeline/errors';
import { drawImage, request, transcribe, writePrompt } from './client';
import { fetchHealth } from './health';
import { parseRetryAfter } from '../pipeline/api-contract';
import { mayRepeat, retryDelay, DEFAULT_RETRY } from './retry';

// A real HTTP server on 127.0.0.1 playing the proxy: each path answers from a script of replies.
type Reply = { status: number; headers?: Record<string, string>; body: string | Buffer };
const scripts = new Map<string, Reply[]>();
const seen: { path: string; at: number; body: string; authorization?: string; key?: string }[] = [];
let server: Server;
let base: string;
// Paid calls always carry their idempotency key.
const keyed = { idempotencyKey: 'vf-test-call' };
const fast = { attempts: 3, baseDelayMs: 10, maxDelayMs: 20, maxRetryAfterMs: 5000 };
const errorBody = (code: string, message: string, retryable: boolean) =>
  JSON.stringify({ error: { code, message, retryable } });

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('latin1')));
    req.on('end', () => {
      seen.push({
        path: req.url ?? '',
        at: Date.now(),
        body,
        authorization: req.headers.authorization,
        key: req.headers['idempotency-key'] as string | undefined,
      });
      const reply = scripts.get(req.url ?? '')?.shift() ?? { status: 404, body: errorBody('nf', 'no script', false) };
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('proxy client', () => {
  it('waits out a 429 for the retry-after the server sent, then succeeds', async () => {
    scripts.set('/api/prompt', [
      { status: 429, headers: { 'retry-after': '1' }, body: errorBody('rate_limited', 'Slow down', true) },
      { status: 200, body: JSON.stringify({ prompt: 'a lighthouse at dusk', model: 'm' }) },
    ]);
    const waits: number[] = [];
    const started = Date.now();
    const answer = await writePrompt(
      { text: 'Hello' },
      { ...keyed, base, retry: fast, onRetry: (_e, ms) => waits.push(ms) },
    );
    expect(answer).toEqual({ prompt: 'a lighthouse at dusk', model: 'm' });
    expect(waits).toEqual([1000]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({ text: 'Hello' });
  });

  it('surfaces the proxy’s own message and does not retry what is not retryable', async () => {
    scripts.set('/api/image', [
      { status: 422, body: errorBody('nsfw', 'The image was blocked by the safety checker.', false) },
      { status: 200, body: 'never reached' },
    ]);
    const before = seen.length;
    const error = await drawImage({ prompt: 'x', width: 1920, height: 1080 }, { ...keyed, base, retry: fast }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('The image was blocked by the safety checker.');
    expect((error as ApiError).retryable).toBe(false);
    expect(seen.length - before).toBe(1);
  });

  it('gives up after the allowed attempts with the last error', async () => {
    const down = { status: 502, body: errorBody('upstream', 'The image service failed.', true) };
    scripts.set('/api/image', [down, down, down, down]);
    await expect(drawImage({ prompt: 'x', width: 8, height: 8 }, { ...keyed, base, retry: fast })).rejects.toThrow(
      'The image service failed.',
    );
    expect(scripts.get('/api/image')).toHaveLength(1);
  });

  it('returns image bytes with their type, and uploads audio as multipart with the language', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    scripts.set('/api/image', [{ status: 200, headers: { 'content-type': 'image/png' }, body: png }]);
    const blob = await drawImage({ prompt: 'x', width: 8, height: 8, style: 'cinematic' }, { ...keyed, base });
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({ prompt: 'x', width: 8, height: 8, style: 'cinematic' });
    expect(blob.type).toBe('image/png');
    expect(Buffer.from(await blob.arrayBuffer())).toEqual(png);

    const transcript = {
      language: 'en',
      duration: 2,
      model: 'w',
      words: [{ word: 'Hi', start: 0, end: 0.5 }],
      segments: [],
    };
    scripts.set('/api/transcribe', [{ status: 200, body: JSON.stringify(transcript) }]);
    expect(await transcribe(new Blob(['RIFF']), 'talk.wav', 'fr', { ...keyed, base })).toEqual(transcript);
    const upload = seen.at(-1)!.body;
    expect(upload).toContain('filename="talk.wav"');
    expect(upload).toMatch(/name="language"\r\n\r\nfr/);
  });

  it('rejects a malformed transcript with a clear message', async () => {
    scripts.set('/api/transcribe', [{ status: 200, body: JSON.stringify({ words: 'nope' }) }]);
    await expect(
      transcribe(new Blob(['x']), 'a.wav', 'en', { ...keyed, base, retry: { ...fast, attempts: 1 } }),
    ).rejects.toThrow(/transcript was malformed/);
  });

  it('stops waiting as soon as it is aborted', async () => {
    scripts.set('/api/prompt', [{ status: 429, headers: { 'retry-after': '4' }, body: errorBody('r', 'wait', true) }]);
    const controller = new AbortController();
    const started = Date.now();
    const call = writePrompt({ text: 'x' }, { ...keyed, base, retry: fast, signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    await expect(call).rejects.toThrow(/abort/i);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('paid calls are never bought twice by a retry', () => {
  const png = { status: 200, headers: { 'content-type': 'image/png' }, body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) };
  const downloadFailed = {
    status: 502,
    body: errorBody('image_download_failed', 'The generated image could not be fetched.', true),
  };

  it('sends the same Idempotency-Key on every attempt, so a failed download is fetched again for free', async () => {
    scripts.set('/api/image', [downloadFailed, downloadFailed, png]);
    const before = seen.length;
    const options = { idempotencyKey: 'vf-image-scene-1', base, retry: fast };
    const blob = await drawImage({ prompt: 'x', width: 8, height: 8 }, options);
    expect(blob.type).toBe('image/png');
    expect(seen.slice(before).map((s) => s.key)).toEqual(['vf-image-scene-1', 'vf-image-scene-1', 'vf-image-scene-1']);
  });

  it('without a key, repeats only what cannot have been charged', async () => {
    const init = { method: 'POST', body: '{}' };
    scripts.set('/api/image', [downloadFailed, png]);
    const before = seen.length;
    const lost = await request('/api/image', init, { base, retry: fast }).catch((e: unknown) => e);
    expect((lost as ApiError).code).toBe('image_download_failed');
    expect(seen.length - before).toBe(1);
    expect(seen.at(-1)?.key).toBeUndefined();

    const limited = { status: 429, headers: { 'retry-after': '0.01' }, body: errorBody('rate_limited', 'Wait', true) };
    scripts.set('/api/prompt', [limited, { status: 200, body: '{}' }]);
    expect((await request('/api/prompt', init, { base, retry: fast })).status).toBe(200);
  });

  it('waits while the same call is still running elsewhere, beyond the attempts a failure is allowed', async () => {
    const running = {
      status: 503,
      headers: { 'retry-after': '0.01' },
      body: errorBody('still_running', 'The same request is still running; try again shortly.', true),
    };
    scripts.set('/api/prompt', [
      running,
      running,
      running,
      running,
      { status: 200, body: '{"prompt":"p","model":"m"}' },
    ]);
    const before = seen.length;
    const answer = await writePrompt({ text: 'x' }, { ...keyed, base, retry: { ...fast, attempts: 2 } });
    expect(answer.prompt).toBe('p');
    expect(seen.length - before).toBe(5);
  });
});

describe('the server’s access token', () => {
  const denied = (message: string) => ({ status: 401, body: errorBody('access_token_required', message, false) });

  it('is sent as a bearer token on every call once saved, and on none after it is forgotten', async () => {
    saveAccessToken('s3cret-token_1');
    expect(accessToken()).toBe('s3cret-token_1');
    scripts.set('/api/prompt', [{ status: 200, body: JSON.stringify({ prompt: 'p', model: 'm' }) }]);
    await writePrompt({ text: 'Hello' }, { ...keyed, base, token: accessToken });
    expect(seen.at(-1)?.authorization).toBe('Bearer s3cret-token_1');
    const form = [
      { status: 200, body: JSON.stringify({ language: 'en', duration: 1, model: 'w', words: [], segments: [] }) },
    ];
    scripts.set('/api/transcribe', form);
    await transcribe(new Blob(['RIFF']), 'a.wav', 'en', { ...keyed, base, token: accessToken });
    expect(seen.at(-1)?.authorization).toBe('Bearer s3cret-token_1');

    forgetAccessToken();
    expect(accessToken()).toBeUndefined();
    scripts.set('/api/prompt', [{ status: 200, body: JSON.stringify({ prompt: 'p', model: 'm' }) }]);
    await writePrompt({ text: 'Hello' }, { ...keyed, base, token: accessToken });
    expect(seen.at(-1)?.authorization).toBeUndefined();
  });

  it('a refusal for want of the token is known as such, and never retried', async () => {
    scripts.set('/api/health', [denied('The access token is wrong.'), { status: 200, body: '{}' }]);
    const before = seen.length;
    const error = await fetchHealth({ base, token: 'guess' }).catch((e: unknown) => e);
    expect(isAccessDenied(error)).toBe(true);
    expect((error as ApiError).message).toBe('The access token is wrong.');
    expect(seen.length - before).toBe(1);
    expect(seen.at(-1)?.authorization).toBe('Bearer guess');
    scripts.set('/api/image', [{ status: 422, body: errorBody('image_blocked', 'Blocked.', false) }]);
    expect(
      isAccessDenied(await drawImage({ prompt: 'x', width: 8, height: 8 }, { ...keyed, base }).catch((e) => e)),
    ).toBe(false);
  });

  it('refuses at once a typed token the server could never accept', () => {
    expect(accessTokenProblem('')).toBe('Enter the access token.');
    expect(accessTokenProblem('two words')).toMatch(/only letters, digits/);
    expect(accessTokenProblem('Zm9vYmFy+/_.~-==')).toBeUndefined();
  });
});

describe('mayRepeat', () => {
  it('repeats a keyed retryable failure, an unkeyed one only when the proxy refused before paying', () => {
    const lostResponse = { code: 'network', retryable: true };
    expect(mayRepeat(lostResponse, true)).toBe(true);
    expect(mayRepeat(lostResponse, false)).toBe(false);
    expect(mayRepeat({ code: 'upstream_timeout', retryable: true }, false)).toBe(false);
    expect(mayRepeat({ code: 'rate_limited', retryable: true }, false)).toBe(true);
    expect(mayRepeat({ code: 'server_busy', retryable: true }, false)).toBe(true);
    expect(mayRepeat({ code: 'image_blocked', retryable: false }, true)).toBe(false);
  });
});

describe('retry timing', () => {
  it('reads retry-after as seconds or a date', () => {
    expect(parseRetryAfter('5')).toBe(5000);
    expect(parseRetryAfter('2.5')).toBe(2500);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', Date.parse('2026-01-01T00:00:00Z'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it('backs off exponentially with jitter, and will not wait out an excessive retry-after', () => {
    expect(retryDelay(1, DEFAULT_RETRY, undefined, () => 1)).toBe(1000);
    expect(retryDelay(3, DEFAULT_RETRY, undefined, () => 0)).toBe(2000);
    expect(retryDelay(2, DEFAULT_RETRY, 600_000)).toBeUndefined();
    expect(retryDelay(4, DEFAULT_RETRY, 10)).toBeUndefined();
  });
});
