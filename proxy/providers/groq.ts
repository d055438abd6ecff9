// Groq Whisper through groq-sdk: word and segment timestamps, normalised into our Transcript.
import Groq, { toFile } from 'groq-sdk';
import { z } from 'zod';
import { normalizeWords } from '../../src/lib/pipeline/transcript';
import type { TranscribeResponse } from '../../src/lib/pipeline/api-contract';
import { DEFAULT_STT_MODEL, type ProxyConfig } from '../config';
import type { UpstreamCall } from '../context';
import { ApiError, missingKey } from '../errors';
import { badUpstreamBody, fromSdkError, isSdkStatus, type Vendor } from './upstream-error';

const GROQ_DEFAULT_BASE_URL = 'https://api.groq.com';

/**
 * groq-sdk types the answer as `{ text }`; with `response_format=verbose_json` and word and segment
 * timestamps, Groq answers with this shape (`segments` is null when only words were asked for).
 */
const VerboseTranscript = z.object({
  duration: z.number().nonnegative(),
  words: z.array(z.object({ word: z.string(), start: z.number(), end: z.number() }), {
    error: 'no word timestamps',
  }),
  segments: z
    .array(z.object({ text: z.string(), start: z.number(), end: z.number() }))
    .nullish()
    .transform((list) => list ?? []),
});

export interface AudioUpload {
  bytes: Uint8Array;
  /** A name whose extension Groq accepts (see audio-name.ts). */
  filename: string;
  /** ISO-639-1 code. */
  language: string;
  /** Whisper's `prompt`: text in the style to write (e.g. disfluent, so filler words are kept). */
  prompt?: string;
}

export function audioTooLarge(): ApiError {
  return new ApiError(
    413,
    'audio_too_large',
    'The audio is larger than the transcriber accepts (25 MB); the app compresses audio before upload, so re-add the file.',
  );
}

export async function transcribe(
  config: ProxyConfig,
  audio: AudioUpload,
  call: UpstreamCall,
): Promise<TranscribeResponse> {
  const { key, baseURL, sttModel } = config.groq;
  if (!key.value) throw missingKey(key.envVar, 'Transcription');
  const client = new Groq({
    apiKey: key.value,
    baseURL: baseURL ?? GROQ_DEFAULT_BASE_URL,
    maxRetries: 0,
    timeout: config.timeoutsMs.transcribe,
  });
  const vendor = (model: string): Vendor => ({
    name: 'Groq',
    keyVar: key.envVar,
    modelVar: 'GROQ_STT_MODEL',
    model,
    timeoutMs: config.timeoutsMs.transcribe,
  });

  const request = async (model: string) => {
    const file = await toFile(audio.bytes, audio.filename);
    const params: Groq.Audio.TranscriptionCreateParams = {
      file,
      model,
      language: audio.language,
      temperature: 0,
      response_format: 'verbose_json',
      timestamp_granularities: ['word', 'segment'],
      ...(audio.prompt ? { prompt: audio.prompt } : {}),
    };
    const { data, response } = await client.audio.transcriptions.create(params, { signal: call.signal }).withResponse();
    call.record(response.status);
    return data as unknown;
  };

  let model = sttModel;
  let notice: string | undefined;
  let raw: unknown;
  try {
    raw = await request(model).catch(async (err: unknown) => {
      // Groq retires models (distil-whisper in 2025): fall back once to its named replacement.
      if (model === DEFAULT_STT_MODEL || !isSdkStatus(err, 400, 'model_decommissioned')) throw err;
      call.record(400);
      notice = `Groq has decommissioned ${model}; ${DEFAULT_STT_MODEL} was used instead. Update GROQ_STT_MODEL.`;
      model = DEFAULT_STT_MODEL;
      return request(model);
    });
  } catch (err) {
    const mapped = fromSdkError(vendor(model), err, call.record);
    throw isSdkStatus(err, 413) ? audioTooLarge() : mapped;
  }

  const parsed = VerboseTranscript.safeParse(raw);
  if (!parsed.success) throw badUpstreamBody(vendor(model), z.prettifyError(parsed.error).replace(/\s+/g, ' '));
  const { duration, words, segments } = parsed.data;
  return {
    language: audio.language,
    duration,
    model,
    words: normalizeWords(words, duration),
    segments: segments.map((segment) => ({
      text: segment.text.trim(),
      start: Math.max(0, Math.min(segment.start, duration)),
      end: Math.max(0, Math.min(segment.end, duration)),
    })),
    ...(notice ? { notice } : {}),
  };
}
