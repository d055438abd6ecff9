// Builds the WebCodecs harness page with Vite into a temporary folder (as the render harness is built).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { ffmpegCore, ffmpegCoreBase } from '../../../scripts/vite-plugins';
import { ROOT } from '../harness';

export async function buildWebCodecsHarness(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'voiceframe-webcodecs-harness-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    root: join(ROOT, 'tests/e2e/webcodecs-harness'),
    publicDir: join(ROOT, 'static'),
    plugins: [ffmpegCore()],
    resolve: { alias: { $lib: join(ROOT, 'src/lib') } },
    define: { __FFMPEG_CORE_BASE__: JSON.stringify(ffmpegCoreBase()) },
    worker: { format: 'es' },
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });
  return outDir;
}
