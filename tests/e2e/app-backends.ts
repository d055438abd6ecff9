// What an app e2e test runs beside the browser, whichever browser it drives: the fake upstreams, the built
// server pointed at them, and a scratch folder for recordings and downloads.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeUpstreams, type FakeUpstreams } from '../fakes';
import { startServer, type RunningServer } from './harness';

export interface AppBackends {
  fakes: FakeUpstreams;
  server: RunningServer;
  dir: string;
  stop(): Promise<void>;
}

/** `env` adds server settings (e.g. ACCESS_TOKEN) to the fakes' keys and URLs. */
export async function startBackends(env: Record<string, string> = {}): Promise<AppBackends> {
  const fakes = await startFakeUpstreams();
  const server = await startServer({ ...fakes.env, ...env });
  const dir = await mkdtemp(join(tmpdir(), 'voiceframe-app-'));
  return {
    fakes,
    server,
    dir,
    stop: async () => {
      await server.stop();
      await fakes.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
