// The built app starts with `npm start`'s server and renders in real Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ffmpegCoreBase } from '../../scripts/vite-plugins';
import { launchBrowser, startServer, type RunningServer } from './harness';

describe('app shell', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('prints its URL and names every missing key at start-up', () => {
    expect(server.output()).toMatch(/Voiceframe is running at http:\/\/localhost:\d+/);
    expect(server.output()).toContain('GROQ_API_KEY is not set');
    expect(server.output()).toContain('STOCKIMG_API_KEY is not set');
  });

  it('renders the home page, cross-origin isolated, and tells which keys are missing', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('illustrated video');
    await page.getByTestId('missing-keys').waitFor();
    const warning = await page.getByTestId('missing-keys').textContent();
    expect(warning).toContain('GROQ_API_KEY');
    expect(warning).toContain('STOCKIMG_API_KEY');
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('answers /api/health with the configured providers and never a key', async () => {
    const keyed = await startServer({ GROQ_API_KEY: 'gsk_secret_value_1234', STOCKIMG_API_KEY: 'stk_secret_5678' });
    try {
      const page = await browser.newPage();
      await page.goto(keyed.url);
      const health = await page.evaluate(async () => {
        const response = await fetch('/api/health');
        return { status: response.status, text: await response.text() };
      });
      expect(health.status).toBe(200);
      expect(health.text).not.toContain('secret');
      const body = JSON.parse(health.text) as {
        providers: Record<string, { configured: boolean; model?: string; missingKey?: string }>;
      };
      expect(body.providers.transcribe).toEqual({ configured: true, model: 'whisper-large-v3-turbo' });
      expect(body.providers.prompt).toMatchObject({ configured: true, provider: 'groq', model: 'openai/gpt-oss-20b' });
      expect(body.providers.image).toEqual({ configured: true });
      await page.getByTestId('providers-ready').waitFor();
      await page.close();
    } finally {
      await keyed.stop();
    }
  });

  it('serves the SPA for deep links and the ffmpeg core as wasm with long caching', async () => {
    const deep = await fetch(`${server.url}/project/some-id`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div style="display: contents">');
    const wasm = await fetch(`${server.url}${ffmpegCoreBase()}/ffmpeg-core.wasm`, { method: 'HEAD' });
    expect(wasm.status).toBe(200);
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(wasm.headers.get('cache-control')).toContain('immutable');
    expect(wasm.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  });
});
