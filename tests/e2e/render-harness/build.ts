// Builds the render test harness page with Vite (it never ships: it lives in a temp folder).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { ffmpegCore, ffmpegCoreBase } from '../../../scripts/vite-plugins';
import { ROOT } from '../harness';

export const HARNESS_DIR = join(tmpdir(), 'voiceframe-render-harness');

export async function buildHarness(): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: join(ROOT, 'tests/e2e/render-harness'),
    // The ffmpeg core is copied into static/ by the same plugin the app uses, and served from our origin.
    publicDir: join(ROOT, 'static'),
    plugins: [ffmpegCore()],
    resolve: { alias: { $lib: join(ROOT, 'src/lib') } },
    define: { __FFMPEG_CORE_BASE__: JSON.stringify(ffmpegCoreBase()) },
    worker: { format: 'es' },
    build: { outDir: HARNESS_DIR, emptyOutDir: true, target: 'es2022' },
  });
  return HARNESS_DIR;
}
