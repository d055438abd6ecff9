// The fakes speak the vendors' recorded wire formats, checked with raw HTTP and the real SDKs.
import Groq, { toFile } from 'groq-sdk';
import OpenAI from 'openai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ffprobe, speak, transcode } from '../support/media';
import { startFakeUpstreams, type FakeUpstreams } from './index';

const SCRIPT = 'Galileo studied the planet Jupiter and its moons. It was launched in nineteen eighty nine.';

let fakes: FakeUpstreams;
let dir: string;
let wav: Buffer;

beforeAll(async () => {
  fakes = await startFakeUpstreams();
  dir = await mkdtemp(join(tmpdir(), 'fakes-test-'));
  await speak(SCRIPT, join(dir, 'speech.wav'));
  wav = await readFile(join(dir, 'speech.wav'));
});
afterAll(async () => {
  await fakes.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => fakes.reset());

function upload(bytes: Uint8Array, name: string, fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  form.append('file', new File([new Uint8Array(bytes)], name));
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(key, v);
  return form;
}

const transcriptionUrl = () => `${fakes.url}/openai/v1/audio/transcriptions`;
const auth = () => ({ authorization: `Bearer ${fakes.env.GROQ_API_KEY}` });

describe('fake Groq transcription', () => {
  it('times the spoken script over the real audio: real duration, words inside the speech, verbose_json shape', async () => {
    fakes.setScript(SCRIPT);
    const groq = new Groq({ apiKey: fakes.env.GROQ_API_KEY, baseURL: fakes.url, maxRetries: 0 });
    const answer = (await groq.audio.transcriptions.create({
      file: await toFile(wav, 'speech.wav'),
      model: 'whisper-large-v3-turbo',
      response_format: 'verbose_json',
      timestamp_granularities: ['word', 'segment'],
      language: 'en',
    })) as unknown as {
      duration: number;
      language: string;
      text: string;
      words: { word: string; start: number; end: number }[];
      segments: { id: number; text: string; start: number; end: number; tokens: number[] }[];
      x_groq: { id: string };
    };
    const probed = Number((await ffprobe(join(dir, 'speech.wav'))).format.duration);
    expect(answer.duration).toBeCloseTo(probed, 3);
    expect(answer.language).toBe('English');
    expect(answer.text).toBe(` ${SCRIPT}`);
    expect(answer.words.map((w) => w.word)).toEqual(SCRIPT.split(' '));
    expect(answer.words[0]!.start).toBeGreaterThanOrEqual(0);
    expect(answer.words.at(-1)!.end).toBeLessThanOrEqual(probed + 0.01);
    // espeak pauses after the first sentence: the second one starts after a gap.
    const it = answer.words.findIndex((w) => w.word === 'It');
    expect(answer.words[it]!.start - answer.words[it - 1]!.end).toBeGreaterThan(0.15);
    expect(answer.segments.length).toBeGreaterThanOrEqual(2);
    expect(answer.segments[0]).toMatchObject({ id: 0, tokens: expect.any(Array) as unknown });
    expect(answer.x_groq.id).toMatch(/^req_/);
    const [form] = fakes.received('transcribe') as { 'timestamp_granularities[]': string[] }[];
    expect(form?.['timestamp_granularities[]']).toEqual(['word', 'segment']);
  });

  it('measures compressed uploads too (MP3)', async () => {
    await transcode(join(dir, 'speech.wav'), join(dir, 'speech.mp3'), ['-b:a', '64k']);
    const form = upload(await readFile(join(dir, 'speech.mp3')), 'speech.mp3', {
      model: 'whisper-large-v3',
      response_format: 'verbose_json',
      'timestamp_granularities[]': 'word',
    });
    const response = await fetch(transcriptionUrl(), { method: 'POST', headers: auth(), body: form });
    const body = (await response.json()) as { duration: number; words: unknown[]; segments: unknown };
    expect(response.status).toBe(200);
    expect(body.duration).toBeGreaterThan(4);
    expect(body.words).toHaveLength(SCRIPT.split(' ').length);
    expect(body.segments).toBeNull();
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('19');
    expect(response.headers.get('x-ratelimit-reset-requests')).toBe('2m59.56s');
    expect(response.headers.get('retry-after')).toBeNull();
  });

  const post = (name: string, fields: Record<string, string>, headers = auth(), bytes: Uint8Array = wav) =>
    fetch(transcriptionUrl(), { method: 'POST', headers, body: upload(bytes, name, fields) });

  it.each([
    ['speech.aac', 'whisper-large-v3-turbo', 400, 'unsupported_audio_format'],
    ['speech', 'whisper-large-v3-turbo', 400, 'unsupported_audio_format'],
    ['speech.wav', 'distil-whisper-large-v3-en', 400, 'model_decommissioned'],
    ['speech.wav', 'whisper-tiny', 404, 'model_not_found'],
  ])('refuses %s with model %s: %i %s', async (name, model, status, code) => {
    const response = await post(name, { model });
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: { code: string; type: string } };
    expect(body.error).toMatchObject({ code, type: 'invalid_request_error' });
  });

  it('answers 401 to a wrong key and 400 to audio it cannot decode', async () => {
    expect((await post('a.wav', { model: 'whisper-large-v3' }, { authorization: 'Bearer nope' })).status).toBe(401);
    const garbage = await post('a.mp3', { model: 'whisper-large-v3' }, auth(), new Uint8Array(2000).fill(7));
    expect(garbage.status).toBe(400);
    expect(await garbage.text()).toContain('could not process file');
  });

  it('acts out scripted failures: 429 with retry-after, 413, 500, malformed JSON', async () => {
    fakes.failNext('transcribe', 1, { kind: 'rate-limit', retryAfter: 12 });
    fakes.failNext('transcribe', 1, { kind: 'too-large' });
    fakes.failNext('transcribe', 1, { kind: 'server-error' });
    fakes.failNext('transcribe', 1, { kind: 'malformed' });
    const limited = await post('a.wav', { model: 'whisper-large-v3' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('12');
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limit_exceeded');
    const tooLarge = (await (await post('a.wav', { model: 'whisper-large-v3' })).json()) as { error: { code: string } };
    expect(tooLarge.error.code).toBe('request_too_large');
    expect((await post('a.wav', { model: 'whisper-large-v3' })).status).toBe(500);
    const malformed = await post('a.wav', { model: 'whisper-large-v3' });
    await expect(malformed.json()).rejects.toThrow();
    expect(fakes.counts().transcribe).toBe(4);
  });

  it('refuses uploads over 25 MB with 413 request_too_large', async () => {
    const big = new Uint8Array(25 * 1024 * 1024 + 10);
    const response = await post('big.wav', { model: 'whisper-large-v3' }, auth(), big);
    expect(response.status).toBe(413);
  });
});

describe('fake OpenAI-compatible chat', () => {
  const client = () => new OpenAI({ apiKey: fakes.env.LLM_API_KEY, baseURL: fakes.env.LLM_BASE_URL, maxRetries: 0 });

  it("answers in choices[0].message.content from the request's scene text", async () => {
    const completion = await client().chat.completions.create({
      model: 'openai/gpt-oss-20b',
      messages: [{ role: 'user', content: "Describe this. Text: 'A red fox jumps over the fence.'" }],
      reasoning_effort: 'low',
    });
    expect(completion.choices[0]?.message.content).toBe(
      'Prompt: "A photorealistic photograph of A red fox jumps over the fence, natural light, shallow depth of field, 35mm"',
    );
  });

  it('refuses what Groq refuses: logprobs, n > 1, messages[].name, reasoning_effort none, retired models', async () => {
    const base = { model: 'openai/gpt-oss-20b', messages: [{ role: 'user' as const, content: 'hi' }] };
    await expect(client().chat.completions.create({ ...base, logprobs: true })).rejects.toMatchObject({ status: 400 });
    await expect(client().chat.completions.create({ ...base, n: 2 })).rejects.toMatchObject({ status: 400 });
    const named = { ...base, messages: [{ role: 'user' as const, content: 'hi', name: 'me' }] };
    await expect(client().chat.completions.create(named)).rejects.toMatchObject({ status: 400 });
    await expect(client().chat.completions.create({ ...base, reasoning_effort: 'none' })).rejects.toMatchObject({
      status: 400,
    });
    await expect(client().chat.completions.create({ ...base, model: 'llama-3.1-8b-instant' })).rejects.toMatchObject({
      status: 404,
      code: 'model_not_found',
    });
  });
});

describe('fake stockimg.ai', () => {
  const generate = (prompt: string, width = 640, height = 360, key = fakes.env.STOCKIMG_API_KEY) =>
    fetch(`${fakes.url}/v1/text-to-image/stock-image/stockimg`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt, image_size: { width, height }, safety_checker: true }),
    });
  type Generated = {
    data: { images: { url: string; content_type: string; width: number }[]; has_nsfw_concepts: boolean[] };
  };

  it('returns data.images[] whose URL serves a distinct real image at the requested size', async () => {
    const first = (await (await generate('a lighthouse at dusk')).json()) as Generated;
    const second = (await (await generate('a field of sunflowers')).json()) as Generated;
    expect(first.data.has_nsfw_concepts).toEqual([false]);
    expect(first.data.images[0]).toMatchObject({ content_type: 'image/png', width: 640, height: 360 });
    const files = await Promise.all(
      [first, second].map(async (answer, i) => {
        const response = await fetch(answer.data.images[0]!.url);
        expect(response.headers.get('content-type')).toBe('image/png');
        const file = join(dir, `image-${i}.png`);
        await writeFile(file, new Uint8Array(await response.arrayBuffer()));
        return file;
      }),
    );
    const probed = await ffprobe(files[0]!);
    expect(probed.streams[0]).toMatchObject({ codec_name: 'png', width: 640, height: 360 });
    expect(await readFile(files[0]!)).not.toEqual(await readFile(files[1]!));
    expect(fakes.counts()).toMatchObject({ image: 2, download: 2 });
  });

  it('speaks plain text when it refuses: 401, size rules, scripted failures; flags NSFW', async () => {
    const unauthorized = await generate('x', 640, 360, 'wrong');
    expect([unauthorized.status, await unauthorized.text()]).toEqual([401, 'Unauthorized']);
    fakes.configureImages({ requireMultipleOf16: true, format: 'jpeg' });
    const refused = await generate('x', 1920, 1080);
    expect([refused.status, await refused.text()]).toEqual([
      422,
      'image_size: width and height must be multiples of 16',
    ]);
    const accepted = (await (await generate('x', 1792, 1008)).json()) as Generated;
    expect(accepted.data.images[0]!.content_type).toBe('image/jpeg');
    fakes.failWhen('image', 'forbidden', { kind: 'nsfw' });
    const blocked = (await (await generate('something forbidden', 1024, 1024)).json()) as Generated;
    expect(blocked.data.has_nsfw_concepts).toEqual([true]);
    fakes.failNext('image', 1, { kind: 'status', status: 402, body: 'Insufficient credits' });
    const broke = await generate('x');
    expect([broke.status, await broke.text()]).toEqual([402, 'Insufficient credits']);
  });

  it('serves a damaged image on cue: a PNG by its header that ffmpeg cannot decode', async () => {
    fakes.failWhen('image', 'broken', { kind: 'damaged-image' });
    const answer = (await (await generate('a broken vase')).json()) as Generated;
    const bytes = new Uint8Array(await (await fetch(answer.data.images[0]!.url)).arrayBuffer());
    expect([...bytes.subarray(1, 4)]).toEqual([...Buffer.from('PNG')]);
    const file = join(dir, 'damaged.png');
    await writeFile(file, bytes);
    await expect(transcode(file, join(dir, 'damaged.bmp'))).rejects.toThrow(/Invalid data|chunk too big/);
  });
});
