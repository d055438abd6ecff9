import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('points the Groq chat preset at GROQ_BASE_URL too, so one setting moves both Groq calls', () => {
    const config = loadConfig({ GROQ_API_KEY: 'k', GROQ_BASE_URL: 'http://127.0.0.1:9/' });
    expect(config.groq.baseURL).toBe('http://127.0.0.1:9/');
    expect(config.llm.baseURL).toBe('http://127.0.0.1:9/openai/v1');
    expect(loadConfig({ OPENAI_API_KEY: 'k', GROQ_BASE_URL: 'http://x' }).llm.baseURL).toBe(
      'https://api.openai.com/v1',
    );
  });

  it('reads the security settings', () => {
    const config = loadConfig({
      ACCESS_TOKEN: ' t0ken-of-16-chars ',
      ALLOWED_ORIGINS: 'https://a.example/app, http://localhost:5173',
      TRUST_PROXY: 'true',
    });
    expect(config.security).toMatchObject({
      accessToken: 't0ken-of-16-chars',
      allowedOrigins: ['https://a.example', 'http://localhost:5173'],
      trustProxy: true,
    });
    expect(loadConfig({}).security).toMatchObject({ accessToken: undefined, allowedOrigins: [], trustProxy: false });
  });

  it('documents every variable it reads in the README configuration table', () => {
    const source = ['config.ts', 'server.ts'].map((f) => readFileSync(new URL(f, import.meta.url), 'utf8')).join('\n');
    const names = new Set(
      [...source.matchAll(/env(?:\.|\[')([A-Z][A-Z0-9_]{2,})|'([A-Z][A-Z0-9]*_[A-Z0-9_]+)'/g)].map((m) => m[1] ?? m[2]),
    );
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Development'));
    expect(names.size).toBeGreaterThan(15);
    for (const name of names) expect(table, name).toContain(`\`${name}\``);
  });
});
