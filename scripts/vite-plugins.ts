// Build-time plumbing for Vite: the ffmpeg core served from our own origin, and /api in `vite dev`.
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { loadEnv } from 'vite';
import { getRequestListener } from '@hono/node-server';
import { ISOLATION_HEADERS } from '../proxy/isolation.ts';
import { fallbackFontBase, FALLBACK_FONTS } from '../src/lib/pipeline/captions/fallback-font-list.ts';
import { CAPTION_FONT, captionFontBase, type CaptionFont } from '../src/lib/pipeline/captions/font.ts';

const require = createRequire(import.meta.url);

function ffmpegCoreDir(): { dir: string; version: string } {
  // The package exports no package.json; its UMD main sits two folders below the package root.
  const root = join(dirname(require.resolve('@ffmpeg/core')), '..', '..');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return { dir: join(root, 'dist', 'esm'), version };
}

/** URL prefix of the ffmpeg core; versioned so it can be cached forever. */
export function ffmpegCoreBase(): string {
  return `/ffmpeg/${ffmpegCoreDir().version}`;
}

/**
 * Copies @ffmpeg/core into static/ (git-ignored) so SvelteKit serves it in dev and copies it
 * into the build: the engine never comes from a CDN.
 */
export function ffmpegCore(): Plugin {
  return {
    name: 'voiceframe:ffmpeg-core',
    buildStart() {
      const { dir } = ffmpegCoreDir();
      const target = join('static', ffmpegCoreBase());
      mkdirSync(target, { recursive: true });
      for (const file of ['ffmpeg-core.js', 'ffmpeg-core.wasm']) cpSync(join(dir, file), join(target, file));
    },
  };
}

function packageVersion(font: CaptionFont): string {
  return (require(`${font.packageName}/package.json`) as { version: string }).version;
}

/** URL of the caption font (libass reads TTF), versioned by its npm package so it can be cached forever. */
export function captionFontUrl(): string {
  return `${captionFontBase(packageVersion(CAPTION_FONT))}/${CAPTION_FONT.file}`;
}

/** URL of each fallback font by id, versioned the same way; kept out of the precache (CJK is megabytes). */
export function fallbackFontUrls(): Record<string, string> {
  return Object.fromEntries(
    FALLBACK_FONTS.map((font) => [font.id, `${fallbackFontBase(font, packageVersion(font))}/${font.file}`]),
  );
}

/**
 * Copies the caption font and its fallback fonts into static/ (git-ignored) like the ffmpeg core:
 * served from our origin only.
 */
export function captionFont(): Plugin {
  return {
    name: 'voiceframe:caption-font',
    buildStart() {
      const urls = fallbackFontUrls();
      const copies: [CaptionFont, string][] = [
        [CAPTION_FONT, captionFontUrl()],
        ...FALLBACK_FONTS.map((font): [CaptionFont, string] => [font, urls[font.id] as string]),
      ];
      for (const [font, url] of copies) {
        const source = join(dirname(require.resolve(`${font.packageName}/package.json`)), font.packagePath);
        const target = join('static', url);
        mkdirSync(dirname(target), { recursive: true });
        cpSync(source, target);
      }
    },
  };
}

/** `vite dev` answers /api with the same Hono app the production server uses, cross-origin isolated. */
export function devApi(): Plugin {
  return {
    name: 'voiceframe:dev-api',
    configureServer(server) {
      const env = { ...loadEnv(server.config.mode, process.cwd(), ''), ...process.env };
      // Loaded through Vite (not the config loader) so proxy edits apply on the next request;
      // the app (and its rate-limit state) is rebuilt only when the module changed.
      let current: { module: unknown; handle: ReturnType<typeof getRequestListener> } | undefined;
      const listen = async (req: IncomingMessage, res: ServerResponse) => {
        const appModule = (await server.ssrLoadModule('/proxy/app.ts')) as typeof import('../proxy/app');
        if (current?.module !== appModule) {
          const { loadConfig } = (await server.ssrLoadModule('/proxy/config.ts')) as typeof import('../proxy/config');
          current = { module: appModule, handle: getRequestListener(appModule.createApp(loadConfig(env)).fetch) };
        }
        await current.handle(req, res);
      };
      server.middlewares.use((req, res, next) => {
        // SvelteKit's dev pages ignore `server.headers`, so isolation is set here for every response.
        for (const [name, value] of Object.entries(ISOLATION_HEADERS)) res.setHeader(name, value);
        if (!req.url?.startsWith('/api/')) return next();
        listen(req, res).catch(next);
      });
    },
  };
}
