import { describe, expect, it } from 'vitest';
import { createApp } from './app';
import { loadConfig, missingKeys } from './config';

describe('GET /api/health', () => {
  it('reports every provider unconfigured, naming the variable to set, when there are no keys', async () => {
    const app = createApp(loadConfig({}));
    const response = await app.request('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      providers: {
        transcribe: { configured: false, model: 'whisper-large-v3-turbo', missingKey: 'GROQ_API_KEY' },
        prompt: { configured: false, provider: 'groq', model: 'openai/gpt-oss-20b', missingKey: 'GROQ_API_KEY' },
        image: { configured: false, missingKey: 'STOCKIMG_API_KEY' },
      },
    });
  });

  it('picks the LLM provider that has a key and never returns key values', async () => {
    const env = {
      OPENAI_API_KEY: 'sk-very-secret',
      STOCKIMG_API_KEY: 'stock-secret',
      GROQ_STT_MODEL: 'whisper-large-v3',
    };
    const response = await createApp(loadConfig(env)).request('/api/health');
    const text = await response.text();
    expect(text).not.toContain('secret');
    const body = JSON.parse(text) as { providers: Record<string, unknown> };
    expect(body.providers.prompt).toEqual({ configured: true, provider: 'openai', model: 'gpt-4.1-mini' });
    expect(body.providers.transcribe).toEqual({
      configured: false,
      model: 'whisper-large-v3',
      missingKey: 'GROQ_API_KEY',
    });
  });
});

describe('loadConfig', () => {
  it('lets LLM_* variables override the preset', () => {
    const config = loadConfig({
      LLM_PROVIDER: 'gemini',
      LLM_API_KEY: 'k',
      LLM_MODEL: 'm',
      LLM_BASE_URL: 'http://x/v1',
    });
    expect(config.llm).toMatchObject({ provider: 'gemini', model: 'm', baseURL: 'http://x/v1' });
    expect(config.llm.key.envVar).toBe('LLM_API_KEY');
  });

  it('rejects an unknown LLM_PROVIDER with a readable message', () => {
    expect(() => loadConfig({ LLM_PROVIDER: 'claude' })).toThrow(/groq, openai or gemini/);
  });

  it('names each missing key once', () => {
    expect(missingKeys(loadConfig({}))).toEqual(['GROQ_API_KEY', 'STOCKIMG_API_KEY']);
  });
});
