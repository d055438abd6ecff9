// POST /api/transcribe: a multipart upload of one audio file, answered with the normalised Transcript.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { timeout } from 'hono/timeout';
import { validator } from 'hono/validator';
import { z } from 'zod';
import { MAX_UPLOAD_BYTES } from '../../src/lib/pipeline/api-contract';
import { groqFilename } from '../audio-name';
import type { ProxyConfig } from '../config';
import type { ProxyDeps, ProxyEnv } from '../context';
import { ApiError, routeTimeout } from '../errors';
import { rateLimit } from '../middleware/rate-limit';
import { audioTooLarge, transcribe } from '../providers/groq';
import { paidOnce } from './once';
import { uploadSlots } from './upload-slots';
import { validInput } from './validate';

/** Room for the multipart boundaries and the small text fields around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

const TranscribeForm = z.object({
  file: z.instanceof(File, { error: 'an audio file is required' }),
  language: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{2}$/, 'must be a two-letter ISO-639-1 code such as "en"')
    .default('en'),
  /** Text in the recording's style for Whisper (at most 224 tokens: about 900 characters is kept well under). */
  prompt: z.string().trim().max(900, 'must be at most 900 characters').optional(),
});

export function transcribeRoute(config: ProxyConfig, deps: ProxyDeps) {
  return new Hono<ProxyEnv>().post(
    '/transcribe',
    rateLimit('transcription', config.security.rateLimitPerMinute.transcribe, config.security.trustProxy, deps.store),
    uploadSlots(config.security.maxConcurrentUploads),
    timeout(config.timeoutsMs.transcribe + 5_000, () => routeTimeout('Transcription')),
    bodyLimit({
      maxSize: MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES,
      onError: () => {
        throw audioTooLarge();
      },
    }),
    validator('form', validInput(TranscribeForm, 'Send multipart/form-data with the audio in "file".')),
    async (c) => {
      const { file, language, prompt } = c.req.valid('form');
      if (file.size > MAX_UPLOAD_BYTES) throw audioTooLarge();
      if (file.size === 0) throw new ApiError(400, 'invalid_input', 'The audio file is empty.');
      const bytes = new Uint8Array(await file.arrayBuffer());
      const filename = await groqFilename(bytes, file.type, file.name);
      const audio = { bytes, filename, language, ...(prompt ? { prompt } : {}) };
      // The prompt changes the answer, so it is part of what is paid for once.
      const input = prompt ? [bytes, language, prompt] : [bytes, language];
      return c.json(await paidOnce(c, config, deps, 'transcribe', input, (call) => transcribe(config, audio, call)));
    },
  );
}
