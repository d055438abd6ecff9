// A server only its user can use: host names (DNS rebinding), exposure without a token, token rules,
// guessing tokens, IPv6 /64 limits, the upload cap, and the headers and 404s of the served site.
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstreams, type FakeUpstreams } from '../tests/fakes';
import { errorOf, proxyFor } from '../tests/fakes/in-process';
import { loadConfig } from './config';
import { clientKey } from './middleware/client-address';
import { inlineScriptHashes } from './security-headers';
import { createSite } from './site';

let fakes: FakeUpstreams;
let dir: string;

beforeAll(async () => {
  fakes = await startFakeUpstreams();
  dir = await mkdtemp(join(tmpdir(), 'trust-'));
});
afterAll(async () => {
  await fakes.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => fakes.reset());

const scene = { text: 'A red kite circles above the hills.' };
const prompt = (headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(scene),
});

describe('Host (DNS rebinding)', () => {
  it('refuses a foreign host name that resolves to this machine, before any upstream call', async () => {
    const { app } = proxyFor(fakes);
    const rebound = await app.request('/api/prompt', prompt({ host: 'attacker.example:3000' }));
    expect(rebound.status).toBe(403);
    expect(await errorOf(rebound)).toMatchObject({ code: 'forbidden_host', message: /ALLOWED_ORIGINS or PUBLIC_URL/ });
    expect(fakes.counts().chat).toBe(0);
  });

  it.each(['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'app.localhost:5173', 'LOCALHOST'])(
    'answers the loopback host %s',
    async (host) => {
      const { app } = proxyFor(fakes);
      expect((await app.request('/api/prompt', prompt({ host }))).status).toBe(200);
    },
  );

  it('answers the listening address and the hosts of PUBLIC_URL and ALLOWED_ORIGINS, nothing else', async () => {
    const { app } = proxyFor(fakes, {
      HOST: '192.168.1.20',
      ACCESS_TOKEN: 'lan-token-0123456789',
      PUBLIC_URL: 'https://voiceframe.example',
      ALLOWED_ORIGINS: 'https://studio.example:8443',
    });
    const auth = { authorization: 'Bearer lan-token-0123456789' };
    const status = async (host: string) => (await app.request('/api/health', { headers: { host, ...auth } })).status;
    expect(await status('192.168.1.20:3000')).toBe(200);
    expect(await status('voiceframe.example')).toBe(200);
    expect(await status('studio.example:8443')).toBe(200);
    expect(await status('192.168.1.21:3000')).toBe(403);
    expect(await status('studio.example')).toBe(403);
  });
});

describe('exposure and the access token', () => {
  it('refuses to listen beyond loopback without ACCESS_TOKEN, unless auth is declared in front', () => {
    for (const HOST of ['0.0.0.0', '::', '192.168.1.20']) {
      expect(() => loadConfig({ HOST })).toThrow(/without ACCESS_TOKEN.*AUTH_IN_FRONT=1/);
    }
    expect(loadConfig({ HOST: '0.0.0.0', ACCESS_TOKEN: 'a-long-enough-token' }).security.listenHost).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0', AUTH_IN_FRONT: '1' }).security.authInFront).toBe(true);
    for (const HOST of ['127.0.0.1', 'localhost', '::1']) expect(() => loadConfig({ HOST })).not.toThrow();
  });

  it('refuses at start a token the server could not accept', () => {
    expect(() => loadConfig({ ACCESS_TOKEN: 'short-token' })).toThrow(/ACCESS_TOKEN must be at least 16 characters/);
    expect(() => loadConfig({ ACCESS_TOKEN: 'sixteen chars with spaces' })).toThrow(/ACCESS_TOKEN may hold only/);
    expect(() => loadConfig({ ACCESS_TOKEN: 'pässwörd-pässwörd' })).toThrow(/ACCESS_TOKEN may hold only/);
    expect(loadConfig({ ACCESS_TOKEN: 'abc.DEF_ghi~123+/-==' }).security.accessToken).toBe('abc.DEF_ghi~123+/-==');
  });

  it('answers 429 with retry-after after 10 wrong tokens a minute from one client, others unaffected', async () => {
    const { app } = proxyFor(fakes, { ACCESS_TOKEN: 'right-token-0123456', TRUST_PROXY: '1' });
    const from = (client: string, token: string) => ({
      headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': client },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await app.request('/api/health', from('198.51.100.4', `guess-${i}`))).status);
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429, 429]);
    const blocked = await app.request('/api/health', from('198.51.100.4', 'right-token-0123456'));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await errorOf(blocked)).toMatchObject({ code: 'rate_limited', message: /wrong access tokens/ });
    expect((await app.request('/api/health', from('198.51.100.5', 'right-token-0123456'))).status).toBe(200);
  });

  it('does not count calls that present no token: a page without one yet is asked for it, not locked out', async () => {
    const { app } = proxyFor(fakes, { ACCESS_TOKEN: 'right-token-0123456', TRUST_PROXY: '1' });
    const client = { 'x-forwarded-for': '198.51.100.6' };
    for (let i = 0; i < 12; i++) expect((await app.request('/api/health', { headers: client })).status).toBe(401);
    const withToken = { headers: { ...client, authorization: 'Bearer right-token-0123456' } };
    expect((await app.request('/api/health', withToken)).status).toBe(200);
  });

  it('counts an IPv6 client per /64, so rotating addresses in one network does not reset the count', async () => {
    const { app } = proxyFor(fakes, { ACCESS_TOKEN: 'right-token-0123456', TRUST_PROXY: '1' });
    const from = (client: string) => ({ headers: { authorization: 'Bearer wrong', 'x-forwarded-for': client } });
    for (let i = 1; i <= 10; i++) await app.request('/api/health', from(`2001:db8:1:2::${i.toString(16)}`));
    expect((await app.request('/api/health', from('2001:db8:1:2:ffff:1:2:3'))).status).toBe(429);
    expect((await app.request('/api/health', from('2001:db8:1:3::1'))).status).toBe(401);
  });

  it('reduces addresses to the unit limits count by', () => {
    expect(clientKey('2001:db8:1:2::5')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientKey('::ffff:198.51.100.4')).toBe('198.51.100.4');
    expect(clientKey('198.51.100.4')).toBe('198.51.100.4');
  });
});

describe('uploads', () => {
  it('holds at most MAX_CONCURRENT_UPLOADS recordings at once, turning others away with retry-after', async () => {
    const { app } = proxyFor(fakes, { MAX_CONCURRENT_UPLOADS: '1' });
    fakes.failNext('transcribe', 1, { kind: 'slow', ms: 500 });
    const upload = () => {
      const form = new FormData();
      form.append('file', new File([new Uint8Array(2048).fill(1)], 'take.wav', { type: 'audio/wav' }));
      return app.request('/api/transcribe', { method: 'POST', body: form });
    };
    const first = upload();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await upload();
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('5');
    expect(await errorOf(second)).toMatchObject({ code: 'server_busy', retryable: true });
    await first;
    expect(fakes.counts().transcribe).toBe(1);
  });
});

describe('the served site', () => {
  const bootstrap = 'import("/_app/immutable/entry/start.js").then((m) => m.start());';
  let site: ReturnType<typeof createSite>;

  beforeAll(async () => {
    const build = join(dir, 'build');
    await mkdir(join(build, '_app/immutable/entry'), { recursive: true });
    await writeFile(join(build, 'index.html'), `<!doctype html><body><script>${bootstrap}</script></body>`);
    await writeFile(join(build, '_app/immutable/entry/start.js'), 'export const start = () => {};');
    site = createSite(loadConfig(fakes.env), build);
  });

  it('sends the security headers on every page, file and API answer, with a CSP for our wasm and workers', async () => {
    for (const path of ['/', '/project/abc', '/_app/immutable/entry/start.js', '/api/health']) {
      const response = await site.request(path);
      expect(response.status, path).toBe(200);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
      expect(csp).toContain("worker-src 'self' blob:");
      expect(csp).toContain("media-src 'self' blob:");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/https?:|\*/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    }
  });

  it("allows exactly the page's inline bootstrap script by its hash", () => {
    const expected = `'sha256-${createHash('sha256').update(bootstrap).digest('base64')}'`;
    expect(inlineScriptHashes(`<script>${bootstrap}</script><script src="/x.js"></script>`)).toEqual([expected]);
  });

  it('answers a missing hashed asset with 404 (a stale tab), other unknown paths with the app', async () => {
    const missing = await site.request('/_app/immutable/chunks/gone-1a2b3c.js');
    expect(missing.status).toBe(404);
    expect(await errorOf(missing)).toMatchObject({ code: 'not_found', message: /reload/ });
    const route = await site.request('/project/xyz');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain(bootstrap);
  });

  it('refuses pages for a foreign host name too', async () => {
    expect((await site.request('/', { headers: { host: 'attacker.example' } })).status).toBe(403);
  });
});
