import { describe, expect, it } from 'vitest';
import type { HealthReport } from '../pipeline/api-contract';
import { missingKeyMessages } from './health';

const report = (missing: { transcribe?: string; prompt?: string; image?: string }): HealthReport => ({
  ok: true,
  providers: {
    transcribe: { configured: !missing.transcribe, model: 'whisper-large-v3-turbo', missingKey: missing.transcribe },
    prompt: { configured: !missing.prompt, provider: 'groq', model: 'openai/gpt-oss-20b', missingKey: missing.prompt },
    image: { configured: !missing.image, missingKey: missing.image },
  },
});

describe('missingKeyMessages', () => {
  it('names a key shared by two steps once, with both uses', () => {
    expect(
      missingKeyMessages(report({ transcribe: 'GROQ_API_KEY', prompt: 'GROQ_API_KEY', image: 'STOCKIMG_API_KEY' })),
    ).toEqual([
      'GROQ_API_KEY (for transcription and image prompts) is not set: add it to .env next to package.json, or to the environment, and restart the server.',
      'STOCKIMG_API_KEY (for images) is not set: add it to .env next to package.json, or to the environment, and restart the server.',
    ]);
  });

  it('says nothing when every service is configured', () => {
    expect(missingKeyMessages(report({}))).toEqual([]);
  });
});
