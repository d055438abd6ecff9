// The real server entry refuses settings that would make it an open relay, before it listens.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'proxy/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', ACCESS_TOKEN: '', AUTH_IN_FRONT: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

// Starting tsx takes seconds, far more on a loaded machine.
describe('npm start', { timeout: 90_000 }, () => {
  it('refuses HOST=0.0.0.0 without ACCESS_TOKEN, naming the variable and the opt-out', async () => {
    const { code, output } = await start({ HOST: '0.0.0.0' });
    expect(code).toBe(1);
    expect(output).toMatch(/Voiceframe cannot start: HOST=0\.0\.0\.0 .*without ACCESS_TOKEN.*AUTH_IN_FRONT=1/);
  });

  it('refuses an ACCESS_TOKEN it could not accept', async () => {
    const { code, output } = await start({ ACCESS_TOKEN: 'too-short' });
    expect(code).toBe(1);
    expect(output).toContain('ACCESS_TOKEN must be at least 16 characters (got 9)');
  });
});
