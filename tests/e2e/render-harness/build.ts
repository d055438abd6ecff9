// Builds the render test harness page with Vite (it never ships: it lives in a temp folder).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import {
  captionFont,
  captionFontUrl,
  fallbackFontUrls,
  ffmpegCore,
  ffmpegCoreBase,
} from '../../../scripts/vite-plugins';
import { ROOT } from '../harness';

/** Builds into a fresh temporary folder (test files and other checkouts may build at the same time). */
export async function buildHarness(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'voiceframe-render-harness-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    root: join(ROOT, 'tests/e2e/render-harness'),
    // The ffmpeg core is copied into static/ by the same plugin the app uses, and served from our origin.
    publicDir: join(ROOT, 'static'),
    plugins: [ffmpegCore(), captionFont()],
    resolve: { alias: { $lib: join(ROOT, 'src/lib') } },
    define: {
      __FFMPEG_CORE_BASE__: JSON.stringify(ffmpegCoreBase()),
      __CAPTION_FONT_URL__: JSON.stringify(captionFontUrl()),
      __FALLBACK_FONT_URLS__: JSON.stringify(fallbackFontUrls()),
    },
    worker: { format: 'es' },
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });
  return outDir;
}
