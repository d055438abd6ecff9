// Serves the built SPA next to the API from one origin, with the headers ffmpeg.wasm needs.
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from './app';
import { ISOLATION_HEADERS } from './isolation';
import type { ProxyConfig } from './config';
import { errorBody } from './errors';
import { hostGuard } from './middleware/host-guard';
import { inlineScriptHashes, securityHeaders } from './security-headers';
import type { SharedStore } from './store';

/** Hashed build output and version-pinned engine files never change under the same URL. */
function cacheControlFor(path: string): string {
  if (path.startsWith('/_app/immutable/') || path.startsWith('/ffmpeg/')) {
    return 'public, max-age=31536000, immutable';
  }
  return 'no-cache';
}

/** Build output under here is named by content hash: a missing file is a stale tab after an update. */
const HASHED_ASSETS = '/_app/';

export function createSite(config: ProxyConfig, staticDir: string, options: { store?: SharedStore } = {}) {
  const index = join(staticDir, 'index.html');
  const headers = {
    ...ISOLATION_HEADERS,
    ...securityHeaders(existsSync(index) ? inlineScriptHashes(readFileSync(index, 'utf8')) : []),
  };
  const site = new Hono();
  site.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  });
  site.use('*', hostGuard(config.security));
  site.route('/', createApp(config, options));
  const assets = serveStatic({
    root: staticDir,
    onFound: (path, c) => {
      c.header('Cache-Control', cacheControlFor(c.req.path));
      if (path.endsWith('.wasm')) c.header('Content-Type', 'application/wasm');
    },
  });
  site.use('*', assets);
  // Unknown non-API paths are client-side routes of the SPA.
  site.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    // Answering a missing script with the app page would crash the tab that asked; a 404 says "reload".
    if (c.req.path.startsWith(HASHED_ASSETS)) {
      c.header('Cache-Control', 'no-store');
      return c.json(
        errorBody('not_found', 'This file is not part of the running version; reload the page.', false),
        404,
      );
    }
    c.header('Cache-Control', 'no-cache');
    return serveStatic({ root: staticDir, path: 'index.html' })(c, next);
  });
  site.notFound((c) =>
    c.json(
      { error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}`, retryable: false } },
      404,
    ),
  );
  return site;
}
