// The built server's API used from the app's own page in Chromium, against the fake upstreams.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstreams, type FakeUpstreams } from '../fakes';
import { speak } from '../support/media';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, launchBrowser, startServer, type RunningServer } from './harness';

const SCRIPT = 'A small boat sails across the bay at sunrise. Gulls follow it toward the harbour.';

let fakes: FakeUpstreams;
let server: RunningServer;
let browser: Browser;
let page: Page;
let dir: string;
let wavBase64: string;

beforeAll(async () => {
  fakes = await startFakeUpstreams();
  fakes.setScript(SCRIPT);
  server = await startServer(fakes.env);
  browser = await launchBrowser();
  page = await browser.newPage();
  dir = await mkdtemp(join(tmpdir(), 'proxy-e2e-'));
  await speak(SCRIPT, join(dir, 'speech.wav'));
  wavBase64 = (await readFile(join(dir, 'speech.wav'))).toString('base64');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await fakes?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs in the page: upload → transcript → prompt for its first sentence → image, as the app will. */
async function pipelineInPage([audio, size]: readonly [string, { width: number; height: number }]) {
  const bytes = Uint8Array.from(atob(audio), (c) => c.charCodeAt(0));
  const form = new FormData();
  form.append('file', new File([bytes], 'take-1.weba', { type: 'audio/webm' }));
  const transcribed = await fetch('/api/transcribe', { method: 'POST', body: form });
  const transcript = (await transcribed.json()) as { duration: number; model: string; words: { word: string }[] };
  const text = transcript.words
    .slice(0, 9)
    .map((w) => w.word)
    .join(' ');
  const json = { 'content-type': 'application/json' };
  const prompted = await fetch('/api/prompt', { method: 'POST', headers: json, body: JSON.stringify({ text }) });
  const { prompt } = (await prompted.json()) as { prompt: string };
  const drawn = await fetch('/api/image', { method: 'POST', headers: json, body: JSON.stringify({ prompt, ...size }) });
  const blob = await drawn.blob();
  const bitmap = await createImageBitmap(blob);
  return {
    statuses: [transcribed.status, prompted.status, drawn.status],
    duration: transcript.duration,
    model: transcript.model,
    words: transcript.words.length,
    prompt,
    type: blob.type,
    size: [bitmap.width, bitmap.height],
  };
}

describe('the proxy API from the browser', () => {
  it('transcribes real speech, writes a prompt and draws a decodable image through /api', async () => {
    await page.goto(server.url);
    const result = await page.evaluate(pipelineInPage, [wavBase64, { width: 1080, height: 1920 }] as const);
    expect(result.statuses).toEqual([200, 200, 200]);
    expect(result.model).toBe('whisper-large-v3-turbo');
    expect(result.words).toBe(SCRIPT.split(' ').length);
    expect(result.duration).toBeGreaterThan(4);
    expect(result.prompt).toBe(
      'A photorealistic photograph of A small boat sails across the bay at sunrise, natural light, shallow depth of field, 35mm',
    );
    expect(result.type).toBe('image/png');
    expect(result.size).toEqual([1080, 1920]);
    expect(fakes.received('transcribe')[0]).toMatchObject({ filename: 'audio.wav' });
  });

  it('refuses a page from another origin that tries to spend the keys, before any upstream call', async () => {
    const before = fakes.counts().transcribe;
    // Another site on this machine: any page of the fakes' server (another port, so another origin).
    // A page of the app itself on another host name would not do: its CSP stops it sending this at all.
    await page.goto(`${fakes.url}/files/another-site`);
    const status = await page.evaluate(async (target) => {
      const form = new FormData();
      form.append('file', new File([new Uint8Array(64)], 'a.wav'));
      // The answer is opaque (and blocked by COEP); what matters is what the server did with the request.
      await fetch(`${target}/api/transcribe`, { method: 'POST', body: form, mode: 'no-cors' }).catch(() => undefined);
      return 'sent';
    }, server.url);
    expect(status).toBe('sent');
    await expect.poll(() => server.output()).toMatch(/"route":"\/api\/transcribe","status":403/);
    expect(fakes.counts().transcribe).toBe(before);
  });

  it('pays once for a request repeated with its Idempotency-Key (a reload, a second tab, a lost answer)', async () => {
    await page.goto(server.url);
    const before = fakes.generations();
    const answers = await page.evaluate(async () => {
      const draw = () =>
        fetch('/api/image', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'Idempotency-Key': 'project-7/scene-3/image' },
          body: JSON.stringify({ prompt: 'A lighthouse in fog', width: 512, height: 512 }),
        });
      const both = await Promise.all([draw(), draw()]);
      const later = await draw();
      return Promise.all(
        [...both, later].map(async (r) => ({
          status: r.status,
          how: r.headers.get('idempotency-status'),
          bytes: (await r.arrayBuffer()).byteLength,
        })),
      );
    });
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.how).sort()).toEqual(['joined', 'new', 'remembered']);
    expect(new Set(answers.map((a) => a.bytes)).size).toBe(1);
    expect(fakes.generations() - before).toBe(1);
  });

  it('refuses a page whose host name was pointed at this server (DNS rebinding), before any upstream call', async () => {
    const port = new URL(server.url).port;
    // The attacker's name resolves to this machine, as a rebinding DNS server would make it.
    const rebinding = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP rebind.attacker.test 127.0.0.1'],
    });
    try {
      const attacker = await rebinding.newPage();
      const landing = await attacker.goto(`http://rebind.attacker.test:${port}/`);
      expect(landing?.status()).toBe(403);
      const before = fakes.counts().chat;
      const answer = await attacker.evaluate(async () => {
        const response = await fetch('/api/prompt', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: 'Spend the owner keys.' }),
        });
        return { status: response.status, body: (await response.json()) as { error: { code: string } } };
      });
      expect(answer).toMatchObject({ status: 403, body: { error: { code: 'forbidden_host' } } });
      expect(fakes.counts().chat).toBe(before);
    } finally {
      await rebinding.close();
    }
  });

  it('logs one JSON line per API request and never a key', () => {
    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map(
        (line) =>
          JSON.parse(line) as {
            method: string;
            route: string;
            status: number;
            durationMs: number;
            upstreamCalls: number;
          },
      );
    const images = lines.filter((line) => line.route === '/api/image');
    expect(images[0]).toEqual(
      expect.objectContaining({ method: 'POST', status: 200, upstreamStatus: 200, upstreamCalls: 2 }),
    );
    // The keyed repeats: one generation and three downloads between them.
    expect(
      images
        .slice(1)
        .map((line) => line.upstreamCalls)
        .sort(),
    ).toEqual([1, 1, 2]);
    for (const key of [fakes.env.GROQ_API_KEY!, fakes.env.STOCKIMG_API_KEY!]) {
      expect(server.output()).not.toContain(key);
    }
  });
});
