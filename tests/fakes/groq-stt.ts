// Test equipment: Groq's /openai/v1/audio/transcriptions, timing a known script over the REAL uploaded audio.
import type { Context } from 'hono';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ffprobe, silences } from '../support/media';
import { actOut, groqRateHeaders, jsonError } from './failures';
import type { FakeScript } from './scripting';
import { segmentsFor, speechRegions, spreadWords, type FakeWord } from './word-timing';

/** A word the test placed at a known time; a `filler` is written down only when the request has a `prompt`. */
export type TimedWord = FakeWord & { filler?: boolean };

const GROQ_UPLOAD_LIMIT = 25 * 1024 * 1024;
const EXTENSIONS = ['flac', 'mp3', 'mp4', 'mpeg', 'mpga', 'm4a', 'ogg', 'opus', 'wav', 'webm'];
const MODELS = ['whisper-large-v3-turbo', 'whisper-large-v3'];
const DECOMMISSIONED = ['distil-whisper-large-v3-en'];

export interface SttState {
  script: FakeScript;
  key: string;
  /** The words the test says were spoken. */
  spoken: () => string;
  /** Words at known times instead of the script spread over the speech, when the test sets them. */
  timed: () => TimedWord[] | undefined;
}

/** Duration and speech regions of the audio, measured with Debian ffmpeg; undefined if it cannot be read. */
async function measure(bytes: Uint8Array, ext: string) {
  const dir = await mkdtemp(join(tmpdir(), 'fake-groq-'));
  const file = join(dir, `upload.${ext}`);
  try {
    await writeFile(file, bytes);
    const duration = Number((await ffprobe(file)).format.duration);
    if (!Number.isFinite(duration) || duration <= 0) return undefined;
    return { duration, regions: speechRegions(await silences(file), duration) };
  } catch {
    return undefined;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function invalid(c: Context, message: string, code?: string): Response {
  return jsonError(c, 400, message, 'invalid_request_error', code);
}

export async function fakeTranscription(c: Context, state: SttState): Promise<Response> {
  groqRateHeaders(c);
  if (c.req.header('authorization') !== `Bearer ${state.key}`) {
    return jsonError(c, 401, 'Invalid API Key', 'invalid_request_error', 'invalid_api_key');
  }
  const form = await c.req.parseBody({ all: true });
  const file = form.file;
  const model = typeof form.model === 'string' ? form.model : '';
  const prompt = typeof form.prompt === 'string' ? form.prompt : undefined;
  const granularities = [form['timestamp_granularities[]'] ?? []].flat();
  const scripted = state.script.take('transcribe', model, {
    model,
    filename: file instanceof File ? file.name : undefined,
    bytes: file instanceof File ? file.size : undefined,
    language: form.language,
    response_format: form.response_format,
    temperature: form.temperature,
    'timestamp_granularities[]': granularities,
    ...(prompt !== undefined ? { prompt } : {}),
  });
  const failure = await actOut(c, scripted, 'groq', model);
  if (failure) return failure;

  if (!(file instanceof File)) return invalid(c, 'file or url must be provided');
  if (file.size > GROQ_UPLOAD_LIMIT) {
    return jsonError(c, 413, 'Request Entity Too Large', 'invalid_request_error', 'request_too_large');
  }
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (!EXTENSIONS.includes(ext)) {
    return invalid(c, `file must be one of the following types: [${EXTENSIONS.join(' ')}]`, 'unsupported_audio_format');
  }
  if (DECOMMISSIONED.includes(model)) {
    const message = `The model \`${model}\` has been decommissioned and is no longer supported. Please refer to https://console.groq.com/docs/deprecations for a recommendation on which model to use instead.`;
    return invalid(c, message, 'model_decommissioned');
  }
  if (!MODELS.includes(model)) {
    const message = `The model \`${model}\` does not exist or you do not have access to it.`;
    return jsonError(c, 404, message, 'invalid_request_error', 'model_not_found');
  }
  const measured = await measure(new Uint8Array(await file.arrayBuffer()), ext);
  if (!measured) return invalid(c, 'could not process file - is it a valid media file?');

  // Like Whisper, which writes fluent text: hesitations are left out unless a prompt shows some.
  const timed = state.timed()?.filter((word) => !word.filler || /\b(um+|uh+|hmm+|euh|ähm|ehm)\b/i.test(prompt ?? ''));
  const words =
    timed?.map(({ word, start, end }) => ({ word, start, end })) ?? spreadWords(state.spoken(), measured.regions);
  const text = words.length > 0 ? ` ${words.map((w) => w.word).join(' ')}` : '';
  const format = typeof form.response_format === 'string' ? form.response_format : 'json';
  if (format === 'text') return c.text(text);
  if (format !== 'verbose_json') return c.json({ text, x_groq: { id: 'req_fake_json' } });
  return c.json({
    task: 'transcribe',
    language: 'English',
    duration: measured.duration,
    text,
    ...(granularities.includes('word') ? { words } : {}),
    segments:
      granularities.length === 0 || granularities.includes('segment') ? segmentsFor(words, measured.regions) : null,
    x_groq: { id: `req_fake_${Date.now().toString(36)}` },
  });
}
