// Each paid call at most once: repeated and concurrent keys, lost downloads and departed clients, in-process.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstreams, type FakeUpstreams } from '../tests/fakes';
import { errorOf, proxyFor } from '../tests/fakes/in-process';
import { speak } from '../tests/support/media';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_STATUS_HEADER } from '../src/lib/pipeline/api-contract';
import type { ProxyConfig } from './config';

let fakes: FakeUpstreams;
let dir: string;
let wav: Buffer;

beforeAll(async () => {
  fakes = await startFakeUpstreams();
  dir = await mkdtemp(join(tmpdir(), 'idempotency-'));
  await speak('The tide came in slowly over the sand.', join(dir, 'speech.wav'));
  wav = await readFile(join(dir, 'speech.wav'));
});
afterAll(async () => {
  await fakes.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => fakes.reset());

const image = { prompt: 'A lighthouse on a cliff at dusk', width: 320, height: 256 };
const scene = { text: 'A red kite circles above the hills.' };

function post(path: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal,
  };
}
const keyed = (key: string, extra: Record<string, string> = {}) => ({ [IDEMPOTENCY_KEY_HEADER]: key, ...extra });
const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

function proxy(env: Record<string, string> = {}, tune?: (config: ProxyConfig) => void) {
  return proxyFor(fakes, env, tune).app;
}

describe('POST /api/image with an Idempotency-Key', () => {
  it('generates once when the same key is sent twice; the repeat downloads the same image again', async () => {
    const app = proxy();
    const first = await app.request('/api/image', post('/api/image', image, keyed('scene-1-image')));
    const again = await app.request('/api/image', post('/api/image', image, keyed('scene-1-image')));
    expect([first.status, again.status]).toEqual([200, 200]);
    expect([first, again].map((r) => r.headers.get(IDEMPOTENCY_STATUS_HEADER))).toEqual(['new', 'remembered']);
    expect((await bytesOf(again)).equals(await bytesOf(first))).toBe(true);
    expect(fakes.generations()).toBe(1);
    expect(fakes.counts()).toMatchObject({ image: 1, download: 2 });
  });

  it('generates once when the same key arrives concurrently (two tabs, a retry racing the first try)', async () => {
    const app = proxy();
    fakes.failNext('image', 1, { kind: 'slow', ms: 300 });
    const answers = await Promise.all(
      [0, 1, 2].map(() => app.request('/api/image', post('/api/image', image, keyed('scene-2-image')))),
    );
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(answers.map((r) => r.headers.get(IDEMPOTENCY_STATUS_HEADER)).sort()).toEqual(['joined', 'joined', 'new']);
    expect(fakes.generations()).toBe(1);
  });

  it('retries a failing download on its own: one generation even when the host fails the first two', async () => {
    fakes.configureImages({ failFirstDownloads: 2 });
    const app = proxy();
    const response = await app.request('/api/image', post('/api/image', image, keyed('scene-3-image')));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(fakes.generations()).toBe(1);
    expect(fakes.counts()).toMatchObject({ image: 1, download: 3 });
  });

  it('also retries downloads without a key, and never asks for a new image', async () => {
    fakes.configureImages({ failFirstDownloads: 2, downloadFailure: { kind: 'rate-limit', retryAfter: 1 } });
    const response = await proxy().request('/api/image', post('/api/image', image));
    expect(response.status).toBe(200);
    expect(fakes.generations()).toBe(1);
  });

  it('after downloads fail past the retry limit, the same key downloads again without a new generation', async () => {
    // 600 ms of retries fit two attempts (a 250 ms pause, then a 500 ms one would pass the limit).
    fakes.configureImages({ failFirstDownloads: 3 });
    const app = proxy({}, (config) => (config.timeoutsMs.downloadRetry = 600));
    const lost = await app.request('/api/image', post('/api/image', image, keyed('scene-4-image')));
    expect(lost.status).toBe(502);
    expect(await errorOf(lost)).toMatchObject({ code: 'image_download_failed', retryable: true });
    const retried = await app.request('/api/image', post('/api/image', image, keyed('scene-4-image')));
    expect(retried.status).toBe(200);
    expect(retried.headers.get(IDEMPOTENCY_STATUS_HEADER)).toBe('remembered');
    expect(fakes.generations()).toBe(1);
    expect(fakes.counts()).toMatchObject({ image: 1, download: 4 });
  });

  it('finishes a keyed generation when its client leaves (a reload), and the reloaded page collects it', async () => {
    const app = proxy();
    fakes.failNext('image', 1, { kind: 'slow', ms: 400 });
    const leaving = new AbortController();
    const gone = app.request('/api/image', post('/api/image', image, keyed('scene-5-image'), leaving.signal));
    setTimeout(() => leaving.abort(), 100);
    await Promise.resolve(gone).catch(() => undefined);
    const reloaded = await app.request('/api/image', post('/api/image', image, keyed('scene-5-image')));
    expect(reloaded.status).toBe(200);
    expect(['joined', 'remembered']).toContain(reloaded.headers.get(IDEMPOTENCY_STATUS_HEADER));
    expect(fakes.generations()).toBe(1);
  });
});

describe('POST /api/prompt with an Idempotency-Key', () => {
  it('asks the model once per key and answers the repeat with the same prompt', async () => {
    const app = proxy();
    const first = await app.request('/api/prompt', post('/api/prompt', scene, keyed('scene-1-prompt')));
    const again = await app.request('/api/prompt', post('/api/prompt', scene, keyed('scene-1-prompt')));
    expect(await again.json()).toEqual(await first.json());
    expect(fakes.counts().chat).toBe(1);
  });

  it('remembers only successes: after a failure the same key asks again', async () => {
    const app = proxy();
    fakes.failNext('chat', 1, { kind: 'server-error' });
    const failed = await app.request('/api/prompt', post('/api/prompt', scene, keyed('scene-2-prompt')));
    expect(failed.status).toBe(502);
    const retried = await app.request('/api/prompt', post('/api/prompt', scene, keyed('scene-2-prompt')));
    expect(retried.status).toBe(200);
    expect(fakes.counts().chat).toBe(2);
  });

  it('refuses a key reused for different content, and a malformed key, without calling the model', async () => {
    const app = proxy();
    await app.request('/api/prompt', post('/api/prompt', scene, keyed('scene-3-prompt')));
    const reused = await app.request(
      '/api/prompt',
      post('/api/prompt', { text: 'Other words.' }, keyed('scene-3-prompt')),
    );
    expect(reused.status).toBe(422);
    expect(await errorOf(reused)).toMatchObject({ code: 'idempotency_key_reused' });
    const bad = await app.request('/api/prompt', post('/api/prompt', scene, keyed('x'.repeat(201))));
    expect(bad.status).toBe(400);
    expect(fakes.counts().chat).toBe(1);
  });

  it("keeps each caller's keys apart: the same key from another client is its own call", async () => {
    const app = proxy({ TRUST_PROXY: '1' });
    const from = (address: string) => keyed('scene-4-prompt', { 'x-forwarded-for': address });
    await app.request('/api/prompt', post('/api/prompt', scene, from('198.51.100.7')));
    const other = await app.request('/api/prompt', post('/api/prompt', scene, from('198.51.100.8')));
    expect(other.headers.get(IDEMPOTENCY_STATUS_HEADER)).toBe('new');
    expect(fakes.counts().chat).toBe(2);
    const tokenApp = proxy({ ACCESS_TOKEN: 'a-token-of-16-chars' });
    const auth = keyed('scene-4-prompt', { authorization: 'Bearer a-token-of-16-chars' });
    await tokenApp.request('/api/prompt', post('/api/prompt', scene, auth));
    const again = await tokenApp.request('/api/prompt', post('/api/prompt', scene, auth));
    expect(again.headers.get(IDEMPOTENCY_STATUS_HEADER)).toBe('remembered');
    expect(fakes.counts().chat).toBe(3);
  });

  it('without a key every request is its own call, as before', async () => {
    const app = proxy();
    await app.request('/api/prompt', post('/api/prompt', scene));
    const second = await app.request('/api/prompt', post('/api/prompt', scene));
    expect(second.headers.get(IDEMPOTENCY_STATUS_HEADER)).toBeNull();
    expect(fakes.counts().chat).toBe(2);
  });
});

describe('POST /api/transcribe with an Idempotency-Key', () => {
  const upload = (key: string) => {
    const form = new FormData();
    form.append('file', new File([new Uint8Array(wav)], 'take-1.wav', { type: 'audio/wav' }));
    return { method: 'POST', body: form, headers: keyed(key) };
  };

  it('transcribes the same upload once per key', async () => {
    const app = proxy();
    const first = await app.request('/api/transcribe', upload('recording-1'));
    const again = await app.request('/api/transcribe', upload('recording-1'));
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await again.json()).toEqual(await first.json());
    expect(fakes.counts().transcribe).toBe(1);
  });
});
