// Past one machine: two proxies sharing a real redis-server act as one for remembered answers and limits.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstreams, type FakeUpstreams } from '../tests/fakes';
import { errorOf, proxyFor, type ProxyUnderTest } from '../tests/fakes/in-process';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_STATUS_HEADER } from '../src/lib/pipeline/api-contract';

let fakes: FakeUpstreams;
let redis: ChildProcess;
let redisUrl: string;
const proxies: ProxyUnderTest[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** A throwaway redis-server (Debian's): loopback only, nothing written to disk. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('error', reject);
  });
  return child;
}

beforeAll(async () => {
  fakes = await startFakeUpstreams();
  const port = await freePort();
  redis = await startRedis(port);
  redisUrl = `redis://127.0.0.1:${port}`;
});
afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.store.close()));
  redis?.kill('SIGTERM');
  await fakes.close();
});
afterEach(() => fakes.reset());

/** Two replicas behind one load balancer: same settings, separate processes' worth of state. */
function replicas(env: Record<string, string> = {}): [ProxyUnderTest, ProxyUnderTest] {
  const pair = [proxyFor(fakes, { REDIS_URL: redisUrl, ...env }), proxyFor(fakes, { REDIS_URL: redisUrl, ...env })];
  proxies.push(...pair);
  return pair as [ProxyUnderTest, ProxyUnderTest];
}

const image = { prompt: 'A harbour at dawn with fishing boats', width: 320, height: 256 };
const request = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('replicas sharing REDIS_URL', () => {
  it('answer a key from the store when another replica already paid for it', async () => {
    const [a, b] = replicas();
    const key = { [IDEMPOTENCY_KEY_HEADER]: 'project-1/scene-1/image' };
    const first = await a.app.request('/api/image', request(image, key));
    const second = await b.app.request('/api/image', request(image, key));
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.headers.get(IDEMPOTENCY_STATUS_HEADER)).toBe('remembered');
    expect(Buffer.from(await second.arrayBuffer()).equals(Buffer.from(await first.arrayBuffer()))).toBe(true);
    expect(fakes.generations()).toBe(1);
    const prompt = { [IDEMPOTENCY_KEY_HEADER]: 'project-1/scene-1/prompt' };
    await a.app.request('/api/prompt', request({ text: 'Boats leave the harbour.' }, prompt));
    const fromB = await b.app.request('/api/prompt', request({ text: 'Boats leave the harbour.' }, prompt));
    expect(fromB.headers.get(IDEMPOTENCY_STATUS_HEADER)).toBe('remembered');
    expect(fakes.counts().chat).toBe(1);
  });

  it('wait for a call still running on another replica instead of paying again', async () => {
    const [a, b] = replicas();
    fakes.failNext('image', 1, { kind: 'slow', ms: 600 });
    const key = { [IDEMPOTENCY_KEY_HEADER]: 'project-1/scene-2/image' };
    const onA = a.app.request('/api/image', request(image, key));
    await new Promise((resolve) => setTimeout(resolve, 150));
    const onB = await b.app.request('/api/image', request(image, key));
    expect([(await onA).status, onB.status]).toEqual([200, 200]);
    expect(onB.headers.get(IDEMPOTENCY_STATUS_HEADER)).toBe('joined');
    expect(fakes.generations()).toBe(1);
  });

  it('count a rate limit spent on one replica on the other', async () => {
    const [a, b] = replicas({ RATE_LIMIT_PROMPT: '2', TRUST_PROXY: '1' });
    const from = { 'x-forwarded-for': '198.51.100.77' };
    expect((await a.app.request('/api/prompt', request({ text: 'One.' }, from))).status).toBe(200);
    expect((await a.app.request('/api/prompt', request({ text: 'Two.' }, from))).status).toBe(200);
    const third = await b.app.request('/api/prompt', request({ text: 'Three.' }, from));
    expect(third.status).toBe(429);
    expect(await errorOf(third)).toMatchObject({ code: 'rate_limited' });
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(fakes.counts().chat).toBe(2);
  });

  it('count wrong access tokens across replicas', async () => {
    const [a, b] = replicas({ ACCESS_TOKEN: 'replica-token-0123456', TRUST_PROXY: '1' });
    const wrong = { headers: { authorization: 'Bearer nope', 'x-forwarded-for': '198.51.100.78' } };
    for (let i = 0; i < 10; i++) await (i % 2 ? a : b).app.request('/api/health', wrong);
    expect((await a.app.request('/api/health', wrong)).status).toBe(429);
    expect((await b.app.request('/api/health', wrong)).status).toBe(429);
  });
});

describe('without REDIS_URL', () => {
  it('each process remembers only its own calls, as a single server always did', async () => {
    const [a, b] = [proxyFor(fakes), proxyFor(fakes)];
    const key = { [IDEMPOTENCY_KEY_HEADER]: 'project-2/scene-1/image' };
    await a.app.request('/api/image', request(image, key));
    expect((await a.app.request('/api/image', request(image, key))).headers.get(IDEMPOTENCY_STATUS_HEADER)).toBe(
      'remembered',
    );
    expect((await b.app.request('/api/image', request(image, key))).headers.get(IDEMPOTENCY_STATUS_HEADER)).toBe('new');
    expect(fakes.generations()).toBe(2);
  });
});
