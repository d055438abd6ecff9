// Imported by the generated service worker (see `importScripts` in vite.config.ts). Requests to the API
// go straight to the network without starting the service worker (static routing, Chromium 123+): it
// has nothing to do with them (the API is never cached), and waking it for each of a run's requests
// kept its renderer process (about 100 MB) alive for the whole run. Other browsers ignore this and
// send those requests through the worker as before.
self.addEventListener('install', (event) => {
  if (typeof event.addRoutes !== 'function' || typeof URLPattern !== 'function') return;
  const api = { condition: { urlPattern: new URLPattern({ pathname: '/api/*' }) }, source: 'network' };
  event.waitUntil(event.addRoutes([api]).catch(() => undefined));
});
