// What keeps a public deployment from becoming an open relay: token, origins, rate limits, and no key ever shown.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstreams, type FakeUpstreams } from '../tests/fakes';
import { errorOf, proxyFor } from '../tests/fakes/in-process';
import { loadConfig } from './config';

let fakes: FakeUpstreams;

beforeAll(async () => {
  fakes = await startFakeUpstreams();
});
afterAll(() => fakes.close());
afterEach(() => fakes.reset());

const HOST = 'voiceframe.example:3000';
const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { host: HOST, 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
/** The proxy as published at HOST (PUBLIC_URL), so requests carrying that Host are its own. */
const site = (env: Record<string, string> = {}) => proxyFor(fakes, { PUBLIC_URL: `https://${HOST}`, ...env });
const scene = { text: 'A red kite circles above the hills.' };
const image = { prompt: 'A red kite above green hills', width: 256, height: 256 };

describe('ACCESS_TOKEN', () => {
  it('makes every /api call carry the token', async () => {
    const { app } = site({ ACCESS_TOKEN: 'open-sesame-1234' });
    const none = await app.request('/api/health');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect(await errorOf(none)).toMatchObject({ code: 'access_token_required', retryable: false });
    const wrong = await app.request('/api/health', { headers: { authorization: 'Bearer open-sesame-1235' } });
    expect(wrong.status).toBe(401);
    expect((await errorOf(wrong)).message).toBe('The access token is wrong.');
    const right = await app.request('/api/health', { headers: { authorization: 'Bearer open-sesame-1234' } });
    expect(right.status).toBe(200);
  });
});

describe('origins', () => {
  it('refuses a POST from another site (a multipart upload needs no preflight), before any upstream call', async () => {
    const { app } = site();
    const response = await app.request('/api/prompt', json(scene, { origin: 'https://evil.example' }));
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatchObject({
      code: 'forbidden_origin',
      message: 'Requests from https://evil.example are not allowed; add it to ALLOWED_ORIGINS.',
    });
    expect(fakes.counts().chat).toBe(0);
  });

  it("accepts the app's own origin (judged by host, so a TLS proxy in front is fine) and callers without Origin", async () => {
    const { app } = site();
    expect((await app.request('/api/prompt', json(scene, { origin: `https://${HOST}` }))).status).toBe(200);
    expect((await app.request('/api/prompt', json(scene))).status).toBe(200);
  });

  it('lets ALLOWED_ORIGINS in, with CORS headers and a working preflight', async () => {
    const { app } = site({ ALLOWED_ORIGINS: 'https://studio.example, https://other.example/' });
    const preflight = await app.request('/api/prompt', {
      method: 'OPTIONS',
      headers: {
        host: HOST,
        origin: 'https://studio.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://studio.example');
    const response = await app.request('/api/prompt', json(scene, { origin: 'https://studio.example' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://studio.example');
    const stranger = await app.request('/api/prompt', json(scene, { origin: 'https://evil.example' }));
    expect(stranger.status).toBe(403);
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('rate limits', () => {
  it('answers 429 with retry-after once a client has used its budget, and counts clients apart', async () => {
    const { app } = site({ RATE_LIMIT_IMAGE: '2', TRUST_PROXY: '1' });
    const from = (client: string) => json(image, { 'x-forwarded-for': `203.0.113.9, ${client}` });
    expect((await app.request('/api/image', from('198.51.100.1'))).status).toBe(200);
    const second = await app.request('/api/image', from('198.51.100.1'));
    expect(second.headers.get('ratelimit-remaining')).toBe('0');
    const third = await app.request('/api/image', from('198.51.100.1'));
    expect(third.status).toBe(429);
    const retryAfter = Number(third.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await errorOf(third)).toMatchObject({
      code: 'rate_limited',
      retryable: true,
      message: expect.stringContaining('2 a minute per client') as unknown,
    });
    expect(fakes.counts().image).toBe(2);
    expect((await app.request('/api/image', from('198.51.100.2'))).status).toBe(200);
  });

  it('keeps separate budgets per route, and 0 turns a limit off', async () => {
    const { app } = site({ RATE_LIMIT_PROMPT: '1', RATE_LIMIT_IMAGE: '0' });
    expect((await app.request('/api/prompt', json(scene))).status).toBe(200);
    expect((await app.request('/api/prompt', json(scene))).status).toBe(429);
    for (let i = 0; i < 4; i++) expect((await app.request('/api/image', json(image))).status).toBe(200);
  });

  it('has sensible defaults and refuses nonsense settings', () => {
    expect(loadConfig({}).security.rateLimitPerMinute).toEqual({ transcribe: 20, prompt: 120, image: 60 });
    expect(() => loadConfig({ RATE_LIMIT_IMAGE: 'lots' })).toThrow(/RATE_LIMIT_IMAGE must be a whole number/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'studio' })).toThrow(/ALLOWED_ORIGINS must list origins/);
  });
});

describe('request logs and secrets', () => {
  it('writes one JSON line per request with method, route, status, duration and upstream status', async () => {
    const { app, logs } = site();
    await app.request('/api/prompt', json(scene));
    fakes.failNext('image', 1, { kind: 'server-error', status: 503 });
    await app.request('/api/image', json(image));
    await app.request('/api/nothing-here');
    await app.request('/api/prompt', json(scene, { origin: 'https://evil.example' }));
    const lines = logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ method: 'POST', route: '/api/prompt', status: 200, upstreamStatus: 200 });
    expect(lines[1]).toMatchObject({ route: '/api/image', status: 502, upstreamStatus: 503, upstreamCalls: 1 });
    expect(lines[2]).toMatchObject({ method: 'GET', route: null, status: 404, upstreamStatus: null });
    expect(lines[3]).toMatchObject({ route: '/api/prompt', status: 403, upstreamCalls: 0 });
    expect(lines[0]!.durationMs).toEqual(expect.any(Number));
    expect(logs.join('\n')).not.toContain('red kite');
  });

  it('never shows a key in a response or a log line, even when an upstream echoes it', async () => {
    const token = 'access-token-98765';
    const { app, logs } = site({ ACCESS_TOKEN: token });
    const keys = [fakes.env.GROQ_API_KEY!, fakes.env.STOCKIMG_API_KEY!, token];
    const auth = { authorization: `Bearer ${token}` };
    const echo = (key: string) => JSON.stringify({ error: { message: `Invalid API key ${key}`, type: 'auth' } });
    fakes.failNext('chat', 1, { kind: 'status', status: 400, body: echo(fakes.env.GROQ_API_KEY!) });
    fakes.failNext('image', 1, {
      kind: 'status',
      status: 400,
      body: `key ${fakes.env.STOCKIMG_API_KEY} has no credit`,
    });
    fakes.failNext('chat', 1, { kind: 'unauthorized' });
    fakes.failNext('image', 1, { kind: 'rate-limit' });
    const responses = [
      await app.request('/api/health', { headers: auth }),
      await app.request('/api/prompt', json(scene, auth)),
      await app.request('/api/image', json(image, auth)),
      await app.request('/api/prompt', json(scene, auth)),
      await app.request('/api/image', json(image, auth)),
      await app.request('/api/prompt', json(scene, auth)),
      await app.request('/api/prompt', json({ text: 42 }, auth)),
      await app.request('/api/health', { headers: { authorization: `Bearer ${token}x` } }),
    ];
    const texts = await Promise.all(
      responses.map(
        async (r) =>
          `${[...r.headers].join(' ')} ${r.headers.get('content-type')?.startsWith('image/') ? '' : await r.text()}`,
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 502, 502, 503, 429, 200, 400, 401]);
    expect(texts[1]).toContain('Invalid API key [redacted]');
    expect(texts[2]).toContain('key [redacted] has no credit');
    for (const text of [...texts, ...logs]) for (const key of keys) expect(text).not.toContain(key);
  });
});
