// POST /api/transcribe through app.request(), with groq-sdk talking to the fake Groq over a real socket.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstreams, type Failure, type FakeUpstreams } from '../../tests/fakes';
import { errorOf, proxyFor } from '../../tests/fakes/in-process';
import { ffprobe, speak } from '../../tests/support/media';
import type { TranscribeResponse } from '../../src/lib/pipeline/api-contract';
import { MAX_UPLOAD_BYTES } from '../../src/lib/pipeline/api-contract';

const SCRIPT = 'The lighthouse keeper climbed the stairs at dusk. Far below, the sea was calm and silver.';

let fakes: FakeUpstreams;
let dir: string;
let wav: Buffer;
let duration: number;

beforeAll(async () => {
  fakes = await startFakeUpstreams();
  dir = await mkdtemp(join(tmpdir(), 'transcribe-route-'));
  await speak(SCRIPT, join(dir, 'speech.wav'));
  wav = await readFile(join(dir, 'speech.wav'));
  duration = Number((await ffprobe(join(dir, 'speech.wav'))).format.duration);
});
afterAll(async () => {
  await fakes.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => fakes.reset());

function form(bytes: Uint8Array, name = 'recording.weba', type = '', fields: Record<string, string> = {}): FormData {
  const body = new FormData();
  body.append('file', new File([new Uint8Array(bytes)], name, { type }));
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  return body;
}

async function transcribe(
  body: FormData | ReadableStream | string,
  env: Record<string, string> = {},
  timeoutMs?: number,
) {
  const proxy = proxyFor(fakes, env, (config) => {
    if (timeoutMs) config.timeoutsMs.transcribe = timeoutMs;
  });
  const init: RequestInit & { duplex?: 'half' } = { method: 'POST', body };
  if (body instanceof ReadableStream) {
    init.duplex = 'half';
    init.headers = { 'content-type': 'multipart/form-data; boundary=x' };
  }
  const response = await proxy.app.request('/api/transcribe', init);
  return { response, logs: proxy.logs };
}

describe('POST /api/transcribe', () => {
  it('returns the normalised Transcript of the real audio, whatever the browser called the file', async () => {
    fakes.setScript(SCRIPT);
    const { response, logs } = await transcribe(form(wav));
    expect(response.status).toBe(200);
    const transcript = (await response.json()) as TranscribeResponse;
    expect(transcript).toMatchObject({ language: 'en', model: 'whisper-large-v3-turbo' });
    expect(transcript.notice).toBeUndefined();
    expect(transcript.duration).toBeCloseTo(duration, 3);
    expect(transcript.words.map((w) => w.word)).toEqual(SCRIPT.split(' '));
    // normalizeWords clamps Groq's overlaps: each word starts where or after the previous one ends.
    for (const [i, word] of transcript.words.entries()) {
      expect(word.end).toBeGreaterThanOrEqual(word.start);
      if (i > 0) expect(word.start).toBeGreaterThanOrEqual(transcript.words[i - 1]!.end);
    }
    expect(transcript.words.at(-1)!.end).toBeLessThanOrEqual(duration);
    expect(transcript.segments[0]!.text).toBe('The lighthouse keeper climbed the stairs at dusk.');
    expect(fakes.received('transcribe')[0]).toMatchObject({
      filename: 'audio.wav',
      model: 'whisper-large-v3-turbo',
      language: 'en',
      response_format: 'verbose_json',
      temperature: '0',
      'timestamp_granularities[]': ['word', 'segment'],
    });
    const [line] = logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(line).toMatchObject({ method: 'POST', route: '/api/transcribe', status: 200, upstreamStatus: 200 });
  });

  it('passes the chosen language and falls back from a decommissioned model, saying which model ran', async () => {
    const { response } = await transcribe(form(wav, 'a.wav', 'audio/wav', { language: 'DE' }), {
      GROQ_STT_MODEL: 'distil-whisper-large-v3-en',
    });
    expect(response.status).toBe(200);
    const transcript = (await response.json()) as TranscribeResponse;
    expect(transcript.model).toBe('whisper-large-v3-turbo');
    expect(transcript.language).toBe('de');
    expect(transcript.notice).toMatch(/decommissioned distil-whisper-large-v3-en; whisper-large-v3-turbo was used/);
    expect(fakes.received('transcribe').map((r) => (r as { model: string }).model)).toEqual([
      'distil-whisper-large-v3-en',
      'whisper-large-v3-turbo',
    ]);
  });

  it('passes a prompt to Groq (which then keeps the filler words it shows), and pays for each prompt once', async () => {
    const words = [
      { word: 'The', start: 0.1, end: 0.4 },
      { word: 'um', start: 0.5, end: 0.9, filler: true },
      { word: 'lighthouse.', start: 1.0, end: 1.6 },
    ];
    fakes.setTimedWords(words);
    try {
      const plain = (await (await transcribe(form(wav, 'a.wav'))).response.json()) as TranscribeResponse;
      expect(plain.words.map((w) => w.word)).toEqual(['The', 'lighthouse.']);
      const prompt = "Umm, let me think like, hmm... Okay, here's what I'm, uh, thinking.";
      const { response } = await transcribe(form(wav, 'a.wav', '', { prompt }));
      const kept = (await response.json()) as TranscribeResponse;
      expect(kept.words.map((w) => w.word)).toEqual(['The', 'um', 'lighthouse.']);
      expect(fakes.received('transcribe').map((r) => (r as { prompt?: string }).prompt)).toEqual([undefined, prompt]);
      const tooLong = await transcribe(form(wav, 'a.wav', '', { prompt: 'um '.repeat(400) }));
      expect(tooLong.response.status).toBe(400);
      expect(fakes.counts().transcribe).toBe(2);
    } finally {
      fakes.setTimedWords(undefined);
    }
  });

  it('refuses audio over 25 MB with a 413 saying the app compresses first, without calling Groq', async () => {
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    big.set(wav.subarray(0, 44));
    const { response } = await transcribe(form(big, 'a.wav'));
    expect(response.status).toBe(413);
    const error = await errorOf(response);
    expect(error).toMatchObject({ code: 'audio_too_large', retryable: false });
    expect(error.message).toMatch(/25 MB.*compresses audio before upload/);
    expect(fakes.counts().transcribe).toBe(0);
  });

  it('enforces the body limit while streaming a body of unknown length', async () => {
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull: (controller) => (sent++ < 40 ? controller.enqueue(new Uint8Array(1 << 20)) : controller.close()),
    });
    const { response } = await transcribe(endless);
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('audio_too_large');
    expect(sent).toBeLessThan(30);
  });

  it.each([
    ['no file', () => 'language=en', /file: an audio file is required/],
    ['a bad language', () => form(wav, 'a.wav', '', { language: 'english' }), /language: must be a two-letter/],
    ['an empty file', () => form(new Uint8Array(0), 'a.wav'), /empty/],
  ])('answers 400 to %s', async (_label, body, message) => {
    const { response } = await transcribe(body());
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(message);
  });

  it('answers 415 to a file that is not audio Groq accepts', async () => {
    const png = await readFile(new URL('../../tests/fixtures/dot.png', import.meta.url));
    const { response } = await transcribe(form(png, 'photo.mp3', 'audio/mpeg'));
    expect(response.status).toBe(415);
    expect(await errorOf(response)).toMatchObject({ code: 'unsupported_audio_format', retryable: false });
    expect(fakes.counts().transcribe).toBe(0);
  });

  it('answers 503 naming GROQ_API_KEY when it is not set', async () => {
    const { response } = await transcribe(form(wav), { GROQ_API_KEY: '' });
    expect(response.status).toBe(503);
    expect(await errorOf(response)).toMatchObject({
      code: 'missing_key',
      message: expect.stringContaining('GROQ_API_KEY'),
    });
  });

  it.each<[string, Failure, number, string, boolean]>([
    ['a rate limit', { kind: 'rate-limit', retryAfter: 12 }, 429, 'upstream_rate_limited', true],
    ['a server error', { kind: 'server-error', status: 503 }, 502, 'upstream_error', true],
    ['a rejected key', { kind: 'unauthorized' }, 503, 'upstream_auth', false],
    ['its own 413', { kind: 'too-large' }, 413, 'audio_too_large', false],
    ['malformed JSON', { kind: 'malformed' }, 502, 'bad_upstream_response', true],
    ['JSON without word timestamps', { kind: 'wrong-shape' }, 502, 'bad_upstream_response', true],
  ])('maps Groq answering with %s %j to %i %s', async (_label, scripted, status, code, retryable) => {
    fakes.failNext('transcribe', 1, scripted);
    const { response, logs } = await transcribe(form(wav));
    expect(response.status).toBe(status);
    const error = await errorOf(response);
    expect(error).toMatchObject({ code, retryable });
    expect(error.message).not.toMatch(/org_|req_/);
    expect(fakes.counts().transcribe).toBe(1);
    if (status === 429) expect(response.headers.get('retry-after')).toBe('12');
    if (code === 'upstream_auth') expect(error.message).toContain('GROQ_API_KEY');
    if (_label.startsWith('JSON')) expect(error.message).toContain('no word timestamps');
    expect(JSON.parse(logs[0]!)).toMatchObject({ status });
  });

  it('answers 504, retryable, when Groq is slower than the timeout', async () => {
    fakes.failNext('transcribe', 1, { kind: 'slow', ms: 3_000 });
    const started = performance.now();
    const { response } = await transcribe(form(wav), {}, 300);
    expect(response.status).toBe(504);
    expect(await errorOf(response)).toMatchObject({ code: 'upstream_timeout', retryable: true });
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
