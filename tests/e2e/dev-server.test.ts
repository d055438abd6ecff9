// `npm run dev` is one command: the Vite dev server answers /api with the proxy and isolates pages.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegCoreBase } from '../../scripts/vite-plugins';
import { ROOT } from './harness';

describe('vite dev', () => {
  let url = '';
  let stop: () => void = () => {};

  beforeAll(async () => {
    const child = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'dev', '--port', '0', '--strictPort'], {
      cwd: ROOT,
      env: { ...process.env, GROQ_API_KEY: 'gsk_dev_secret', STOCKIMG_API_KEY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    stop = () => child.kill('SIGTERM');
    let output = '';
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`vite dev did not start:\n${output}`)), 60_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        // eslint-disable-next-line no-control-regex
        const match = /Local:\s+(http:\/\/\S+)/.exec(output.replace(/\u001b\[[0-9;]*m/g, ''));
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1].replace(/\/$/, ''));
        }
      });
      child.on('exit', (code) => reject(new Error(`vite dev exited with ${code}:\n${output}`)));
    });
  });
  afterAll(() => stop());

  it('serves /api from the same proxy code, with the keys of its environment', async () => {
    const response = await fetch(`${url}/api/health`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain('secret');
    const body = JSON.parse(text) as { providers: Record<string, { configured: boolean; missingKey?: string }> };
    expect(body.providers.transcribe?.configured).toBe(true);
    expect(body.providers.image).toMatchObject({ configured: false, missingKey: 'STOCKIMG_API_KEY' });
  });

  it('sends the cross-origin isolation headers on pages and the ffmpeg core', async () => {
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(page.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const core = await fetch(`${url}${ffmpegCoreBase()}/ffmpeg-core.js`, { method: 'HEAD' });
    expect(core.status).toBe(200);
  });
});
