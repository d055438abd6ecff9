// Serves the built SPA next to the API from one origin, with the headers ffmpeg.wasm needs.
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApp } from './app';
import { ISOLATION_HEADERS } from './isolation';
import type { ProxyConfig } from './config';

/** Hashed build output and version-pinned engine files never change under the same URL. */
function cacheControlFor(path: string): string {
  if (path.startsWith('/_app/immutable/') || path.startsWith('/ffmpeg/')) {
    return 'public, max-age=31536000, immutable';
  }
  return 'no-cache';
}

export function createSite(config: ProxyConfig, staticDir: string) {
  const site = new Hono();
  site.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) c.res.headers.set(name, value);
  });
  site.route('/', createApp(config));
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
