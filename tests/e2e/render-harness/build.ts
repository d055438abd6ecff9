// Builds a test harness page with Vite (it never ships: it lives in a temp folder). The render harness
// and the WebCodecs harness share this page and build; each brings its own script.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin } from 'vite';
import {
  captionFont,
  captionFontUrl,
  fallbackFontUrls,
  ffmpegCore,
  ffmpegCoreBase,
} from '../../../scripts/vite-plugins';
import { ROOT } from '../harness';

/** A harness page: the script it runs and the global that script sets up last. */
export interface HarnessPage {
  /** Names the page's temporary folder. */
  name: string;
  /** The page's script, relative to this folder (where the shared index.html is). */
  entry: string;
  /** The page is ready once the status says so and this global is on `window`. */
  global: string;
}

/** The render engine as `window.vf`. */
export const RENDER_PAGE: HarnessPage = { name: 'render-harness', entry: './main.ts', global: 'vf' };

/** Points the shared index.html at the page's own script. */
function pageScript(entry: string): Plugin {
  return {
    name: 'harness-page-script',
    transformIndexHtml: { order: 'pre', handler: (html) => html.replace('src="./main.ts"', `src="${entry}"`) },
  };
}

/** Builds into a fresh temporary folder (test files and other checkouts may build at the same time). */
export async function buildHarness(page: HarnessPage = RENDER_PAGE): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), `voiceframe-${page.name}-`));
  await build({
    configFile: false,
    logLevel: 'warn',
    root: join(ROOT, 'tests/e2e/render-harness'),
    // The ffmpeg core is copied into static/ by the same plugin the app uses, and served from our origin.
    publicDir: join(ROOT, 'static'),
    plugins: [ffmpegCore(), captionFont(), pageScript(page.entry)],
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
