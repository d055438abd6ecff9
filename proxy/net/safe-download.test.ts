import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { safeDownload, type DownloadPolicy } from './safe-download';

const png = await readFile(new URL('../../tests/fixtures/dot.png', import.meta.url));

async function listen(app: Hono): Promise<{ server: ServerType; origin: string }> {
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let trusted: { server: ServerType; origin: string };
let other: { server: ServerType; origin: string };
let otherHits = 0;

beforeAll(async () => {
  const elsewhere = new Hono().all('*', (c) => {
    otherHits++;
    return c.body(new Uint8Array(png), 200, { 'content-type': 'image/png' });
  });
  other = await listen(elsewhere);
  const app = new Hono()
    .get('/a.png', (c) => c.body(new Uint8Array(png), 200, { 'content-type': 'image/png; charset=binary' }))
    .get('/go', (c) => c.redirect(c.req.query('to') ?? '/a.png', 302))
    .get('/loop', (c) => c.redirect('/loop', 301))
    .get('/page', (c) => c.html('<h1>not an image</h1>'))
    .get('/declared-huge', (c) => c.body('', 200, { 'content-type': 'image/png', 'content-length': '30000000' }))
    .get('/endless', (c) => {
      const chunk = new Uint8Array(1 << 20);
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull: (controller) => (sent++ < 40 ? controller.enqueue(chunk) : controller.close()),
      });
      return c.body(stream, 200, { 'content-type': 'image/png' });
    })
    .get('/hang', () => new Promise<Response>(() => undefined))
    .get('/missing', (c) => c.text('gone', 404));
  trusted = await listen(app);
});
afterAll(() => {
  for (const { server } of [trusted, other]) {
    server.close();
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  }
});
beforeEach(() => {
  otherHits = 0;
});

const policy = (overrides: Partial<DownloadPolicy> = {}): DownloadPolicy => ({
  trustedOrigin: trusted.origin,
  maxBytes: 20 * 1024 * 1024,
  maxRedirects: 3,
  timeoutMs: 2_000,
  accept: (type) => type.startsWith('image/'),
  ...overrides,
});
const download = (path: string, overrides?: Partial<DownloadPolicy>) =>
  safeDownload(
    path.includes('://') ? path : `${trusted.origin}${path}`,
    policy(overrides),
    new AbortController().signal,
  );

describe('safeDownload', () => {
  it('fetches an image from the configured origin, and follows redirects that stay there', async () => {
    const direct = await download('/a.png');
    expect(Buffer.from(direct.bytes).equals(png)).toBe(true);
    expect(direct.contentType).toBe('image/png');
    expect((await download('/go?to=/a.png')).bytes.length).toBe(png.length);
  });

  it.each([
    ['plain http to another origin', () => `${other.origin}/x.png`, /http: URLs are not fetched/],
    ['https to a private literal', () => 'https://10.0.0.1/x.png', /10\.0\.0\.1 is not a public address/],
    ['the cloud metadata address', () => 'https://169.254.169.254/latest/meta-data/', /not a public address/],
    ['a host name resolving to loopback', () => `https://localhost:${new URL(other.origin).port}/`, /resolves to/],
    ['a local file', () => 'file:///etc/passwd', /file: URLs are not fetched/],
  ])('refuses a redirect hop to %s, before connecting', async (_label, target, message) => {
    await expect(download(`/go?to=${encodeURIComponent(target())}`)).rejects.toMatchObject({
      reason: 'unsafe',
      message: expect.stringMatching(message) as unknown,
    });
    await expect(download(target())).rejects.toMatchObject({ reason: 'unsafe' });
    expect(otherHits).toBe(0);
  });

  it('gives up on redirect loops', async () => {
    await expect(download('/loop')).rejects.toMatchObject({ reason: 'unsafe', message: /more than 3 times/ });
  });

  it('refuses what is not an image, and error statuses', async () => {
    await expect(download('/page')).rejects.toMatchObject({ reason: 'type', message: /text\/html/ });
    await expect(download('/missing')).rejects.toMatchObject({ reason: 'status', status: 404 });
  });

  it('stops reading past the size cap, whether declared or streamed', async () => {
    await expect(download('/declared-huge')).rejects.toMatchObject({ reason: 'too_large' });
    const started = performance.now();
    await expect(download('/endless', { maxBytes: 5 * 1024 * 1024 })).rejects.toMatchObject({
      reason: 'too_large',
      message: 'the image is larger than 5242880 bytes',
    });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('times out a server that never answers', async () => {
    const started = performance.now();
    await expect(download('/hang', { timeoutMs: 300 })).rejects.toMatchObject({ reason: 'timeout' });
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});
