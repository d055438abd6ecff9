// POST /api/image through app.request(), against the fake stockimg.ai and its own image downloads.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstreams, type Failure, type FakeUpstreams } from '../../tests/fakes';
import { errorOf, proxyFor } from '../../tests/fakes/in-process';
import { ffprobe } from '../../tests/support/media';

let fakes: FakeUpstreams;
let dir: string;

beforeAll(async () => {
  fakes = await startFakeUpstreams();
  dir = await mkdtemp(join(tmpdir(), 'image-route-'));
});
afterAll(async () => {
  await fakes.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => fakes.reset());

async function draw(body: unknown, env: Record<string, string> = {}, imageTimeoutMs?: number) {
  const proxy = proxyFor(fakes, env, (config) => {
    if (imageTimeoutMs) config.timeoutsMs.image = imageTimeoutMs;
  });
  return proxy.app.request('/api/image', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function probe(response: Response, name: string) {
  const file = join(dir, name);
  await writeFile(file, new Uint8Array(await response.arrayBuffer()));
  return (await ffprobe(file)).streams[0];
}

const request = { prompt: 'A lighthouse on a cliff at dusk, photorealistic', width: 640, height: 360 };

describe('POST /api/image', () => {
  it('answers with the image bytes at the requested size, downloaded by the proxy', async () => {
    const response = await draw(request);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect([response.headers.get('x-image-width'), response.headers.get('x-image-height')]).toEqual(['640', '360']);
    expect(await probe(response, 'a.png')).toMatchObject({ codec_name: 'png', width: 640, height: 360 });
    expect(fakes.counts()).toMatchObject({ image: 1, download: 1 });
    expect(fakes.received('image')[0]).toEqual({
      path: '/v1/text-to-image/stock-image/stockimg',
      prompt: request.prompt,
      image_size: { width: 640, height: 360 },
      safety_checker: true,
    });
  });

  it('draws with Flux dev or pro when asked, passing the seed, at a multiple-of-16 size of the same shape', async () => {
    const response = await draw({ ...request, style: 'cinematic', model: 'flux-pro', seed: 42 });
    expect(response.status).toBe(200);
    expect([response.headers.get('x-image-width'), response.headers.get('x-image-height')]).toEqual(['512', '288']);
    expect(fakes.received('image')[0]).toEqual({
      path: '/v1/text-to-image/flux/pro',
      prompt: request.prompt,
      image_size: { width: 512, height: 288 },
      safety_checker: true,
      seed: 42,
    });
    expect((await draw({ ...request, model: 'flux-dev' })).status).toBe(200);
    expect(fakes.received('image')[1]).toMatchObject({ path: '/v1/text-to-image/flux/dev' });
    expect(fakes.received('image')[1]).not.toHaveProperty('seed');
    const refused = await draw({ ...request, model: 'flux-max', seed: -1 });
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).message).toMatch(
      /model: must be one of style, flux-dev, flux-pro; seed: must not be negative/,
    );
  });

  it('uses the chosen style endpoint and passes JPEG through as JPEG', async () => {
    fakes.configureImages({ format: 'jpeg' });
    const response = await draw({ ...request, style: 'cinematic' });
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(await probe(response, 'b.jpg')).toMatchObject({ codec_name: 'mjpeg', width: 640, height: 360 });
    expect(fakes.received('image')[0]).toMatchObject({ path: '/v1/text-to-image/stock-image/cinematic' });
  });

  it('asks again with the nearest smaller multiple-of-16 size when the service refuses the size', async () => {
    fakes.configureImages({ requireMultipleOf16: true });
    const response = await draw({ ...request, width: 1920, height: 1080 });
    expect(response.status).toBe(200);
    expect([response.headers.get('x-image-width'), response.headers.get('x-image-height')]).toEqual(['1792', '1008']);
    expect(await probe(response, 'c.png')).toMatchObject({ width: 1792, height: 1008 });
    expect(fakes.received('image').map((r) => (r as { image_size: unknown }).image_size)).toEqual([
      { width: 1920, height: 1080 },
      { width: 1792, height: 1008 },
    ]);
  });

  it.each<[string, unknown, RegExp]>([
    ['a tiny width', { ...request, width: 100 }, /width: must be at least 256/],
    ['a huge height', { ...request, height: 4096 }, /height: must be at most 2048/],
    ['a fractional size', { ...request, width: 640.5 }, /width: must be a whole number/],
    ['an unknown style', { ...request, style: 'anime' }, /style: must be one of stockimg, cinematic/],
    ['no prompt', { width: 640, height: 360 }, /prompt: a prompt is required/],
    ['a blank prompt', { ...request, prompt: '   ' }, /prompt: must not be empty/],
    ['an endless prompt', { ...request, prompt: 'x'.repeat(4001) }, /at most 4000 characters/],
    ['malformed JSON', '{"prompt": ', /Malformed JSON/],
  ])('answers 400 to %s without calling stockimg', async (_label, body, message) => {
    const response = await draw(body);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(message);
    expect(fakes.counts().image).toBe(0);
  });

  it('answers 413 to a body over 64 KB', async () => {
    const response = await draw({ ...request, prompt: 'x'.repeat(70_000) });
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toMatchObject({ code: 'payload_too_large' });
  });

  it('answers 503 naming STOCKIMG_API_KEY when it is not set', async () => {
    const response = await draw(request, { STOCKIMG_API_KEY: '' });
    expect(response.status).toBe(503);
    expect((await errorOf(response)).message).toContain('STOCKIMG_API_KEY');
  });

  it.each<[string, Failure, number, string]>([
    ['its safety filter', { kind: 'nsfw' }, 422, 'image_blocked'],
    ['a rate limit', { kind: 'rate-limit', retryAfter: 30 }, 429, 'upstream_rate_limited'],
    ['a server error', { kind: 'server-error' }, 502, 'upstream_error'],
    ['a rejected key', { kind: 'unauthorized' }, 503, 'upstream_auth'],
    ['a plain-text refusal', { kind: 'status', status: 402, body: 'Insufficient credits' }, 502, 'upstream_rejected'],
    ['malformed JSON', { kind: 'malformed' }, 502, 'bad_upstream_response'],
    ['JSON of another shape', { kind: 'wrong-shape' }, 502, 'bad_upstream_response'],
  ])('maps stockimg answering with %s %j to %i %s', async (_label, scripted, status, code) => {
    fakes.failNext('image', 1, scripted);
    const response = await draw(request);
    expect(response.status).toBe(status);
    const error = await errorOf(response);
    expect(error.code).toBe(code);
    if (status === 429) expect(response.headers.get('retry-after')).toBe('30');
    if (code === 'upstream_rejected')
      expect(error.message).toBe('stockimg.ai refused the request (402): Insufficient credits');
    if (code === 'image_blocked') expect(error.message).toMatch(/safety filter blocked/);
    expect(fakes.counts().download).toBe(0);
  });

  it('answers 504 when stockimg is slower than its timeout', async () => {
    fakes.failNext('image', 1, { kind: 'slow', ms: 3_000 });
    const response = await draw(request, {}, 300);
    expect(response.status).toBe(504);
    expect(await errorOf(response)).toMatchObject({ code: 'upstream_timeout', retryable: true });
  });

  describe('never fetches a URL the proxy should not (SSRF)', () => {
    const port = () => new URL(fakes.url).port;
    it.each<[string, () => string, RegExp]>([
      ['plain http elsewhere', () => `http://127.0.0.1:${Number(port()) + 1}/x.png`, /http: URLs are not fetched/],
      ['https to loopback', () => `https://127.0.0.1:${port()}/x.png`, /127\.0\.0\.1 is not a public address/],
      ['https to 10.x', () => 'https://10.20.30.40/x.png', /10\.20\.30\.40 is not a public address/],
      ['the metadata service', () => 'https://169.254.169.254/latest/meta-data/', /169\.254\.169\.254/],
      ['a name resolving to loopback', () => `https://localhost:${port()}/x.png`, /localhost resolves to/],
      ['a local file', () => 'file:///etc/passwd', /file: URLs are not fetched/],
      ['a redirect to loopback', () => `${fakes.url}/files/redirect?to=https://127.0.0.1/x.png`, /not a public/],
      ['a redirect to 10.x', () => `${fakes.url}/files/redirect?to=https://10.0.0.1/`, /not a public/],
      ['a redirect to a file', () => `${fakes.url}/files/redirect?to=file:///etc/passwd`, /file: URLs/],
    ])('refuses %s with 502 unsafe_image_url', async (_label, url, message) => {
      fakes.failNext('image', 1, { kind: 'image-url', url: url() });
      const response = await draw(request);
      expect(response.status).toBe(502);
      const error = await errorOf(response);
      expect(error.code).toBe('unsafe_image_url');
      expect(error.message).toMatch(message);
      expect(fakes.counts().download).toBe(0);
    });
  });

  it('refuses downloads that are not images or larger than 20 MB', async () => {
    fakes.failNext('download', 1, { kind: 'status', status: 200, body: '<html>' });
    const page = await draw(request);
    expect(page.status).toBe(502);
    expect((await errorOf(page)).message).toMatch(/served "text\/plain", not an image/);
    fakes.failNext('image', 1, { kind: 'image-url', url: `${fakes.url}/files/huge.png` });
    const huge = await draw(request);
    expect(huge.status).toBe(502);
    expect(await errorOf(huge)).toMatchObject({ code: 'image_download_failed', message: /larger than 20971520 bytes/ });
  });
});
