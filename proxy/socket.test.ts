// The proxy over a real socket (as @hono/node-server serves it), with the real SDKs talking to the fakes.
import { serve, type ServerType } from '@hono/node-server';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstreams, type FakeUpstreams } from '../tests/fakes';
import { proxyFor } from '../tests/fakes/in-process';
import { speak, transcode } from '../tests/support/media';
import type { ErrorBody, TranscribeResponse } from '../src/lib/pipeline/api-contract';
import { MAX_UPLOAD_BYTES } from '../src/lib/pipeline/api-contract';

const SCRIPT = 'Every morning the baker opened his shop before sunrise. The smell of bread filled the street.';

let fakes: FakeUpstreams;
let dir: string;
const servers: ServerType[] = [];

beforeAll(async () => {
  fakes = await startFakeUpstreams();
  dir = await mkdtemp(join(tmpdir(), 'proxy-socket-'));
  await speak(SCRIPT, join(dir, 'speech.wav'));
  await transcode(join(dir, 'speech.wav'), join(dir, 'speech.mp3'), ['-b:a', '48k']);
});
afterAll(async () => {
  for (const server of servers) server.close();
  await fakes.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => fakes.reset());

async function listen(env: Record<string, string> = {}) {
  const proxy = proxyFor(fakes, env);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: proxy.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, logs: proxy.logs };
}

function upload(bytes: Uint8Array, name: string): FormData {
  const form = new FormData();
  form.append('file', new File([new Uint8Array(bytes)], name, { type: 'audio/mpeg' }));
  return form;
}

describe('the proxy on a socket', () => {
  it('transcribes a real MP3 upload end to end', async () => {
    fakes.setScript(SCRIPT);
    const { url } = await listen();
    const response = await fetch(`${url}/api/transcribe`, {
      method: 'POST',
      body: upload(await readFile(join(dir, 'speech.mp3')), 'voice memo.mp3'),
    });
    expect(response.status).toBe(200);
    const transcript = (await response.json()) as TranscribeResponse;
    expect(transcript.words.map((w) => w.word).join(' ')).toBe(SCRIPT);
    expect(transcript.duration).toBeGreaterThan(4);
    expect(fakes.received('transcribe')[0]).toMatchObject({ filename: 'audio.mp3' });
  });

  it('refuses an upload over 25 MB from its declared length, without forwarding it', async () => {
    const { url } = await listen();
    const response = await fetch(`${url}/api/transcribe`, {
      method: 'POST',
      body: upload(new Uint8Array(MAX_UPLOAD_BYTES + 100_000), 'big.mp3'),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).error.code).toBe('audio_too_large');
    expect(fakes.counts().transcribe).toBe(0);
  });

  it('rate-limits by the socket address; a forged X-Forwarded-For does not buy a new budget', async () => {
    const { url } = await listen({ RATE_LIMIT_PROMPT: '1' });
    const ask = (forwarded: string) =>
      fetch(`${url}/api/prompt`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwarded },
        body: JSON.stringify({ text: 'A loaf of bread on a wooden table.' }),
      });
    expect((await ask('198.51.100.1')).status).toBe(200);
    const second = await ask('198.51.100.2');
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('stops waiting for the upstream when the browser gives up, and logs it', async () => {
    const { url, logs } = await listen();
    fakes.failNext('chat', 1, { kind: 'slow', ms: 5_000 });
    const controller = new AbortController();
    const pending = fetch(`${url}/api/prompt`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'A quiet harbour at dawn.' }),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 300);
    await expect(pending).rejects.toThrow();
    await expect.poll(() => logs.length, { timeout: 3_000 }).toBe(1);
    const line = JSON.parse(logs[0]!) as { status: number; durationMs: number };
    expect(line.status).toBe(408);
    expect(line.durationMs).toBeLessThan(3_000);
  });
});
