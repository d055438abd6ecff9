import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { configDefaults, defineConfig } from 'vitest/config';
import {
  captionFont,
  captionFontUrl,
  devApi,
  fallbackFontUrls,
  ffmpegCore,
  ffmpegCoreBase,
} from './scripts/vite-plugins.ts';
import { ISOLATION_HEADERS } from './proxy/isolation.ts';

/** The ffmpeg core's wasm is ~32 MB: the precache must take it so videos render offline. */
const PRECACHE_LIMIT_BYTES = 40 * 1024 * 1024;

const pwa = SvelteKitPWA({
  strategies: 'generateSW',
  registerType: 'autoUpdate',
  // Registered by the root layout (production builds only).
  injectRegister: false,
  kit: { spa: true, adapterFallback: 'index.html' },
  manifest: {
    name: 'Voiceframe',
    short_name: 'Voiceframe',
    description: 'Turn your recorded voice into an illustrated video.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#14161c',
    theme_color: '#14161c',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    // ttf: the caption font, so captions render offline too.
    globPatterns: ['client/**/*.{js,css,html,svg,png,webmanifest,wasm,ttf}'],
    // Fallback caption fonts (CJK ones are megabytes) are fetched only when a transcript needs one, then
    // kept for offline use.
    globIgnores: ['client/fonts/fallback/**'],
    runtimeCaching: [
      {
        urlPattern: ({ url }) => url.pathname.startsWith('/fonts/fallback/'),
        handler: 'CacheFirst',
        options: { cacheName: 'voiceframe-fallback-fonts' },
      },
    ],
    maximumFileSizeToCacheInBytes: PRECACHE_LIMIT_BYTES,
    // Lets API requests bypass the worker (static/sw-routes.js says why).
    importScripts: ['sw-routes.js'],
    // The API is never served from the cache: network steps must say they need a connection.
    navigateFallbackDenylist: [/^\/api\//],
    cleanupOutdatedCaches: true,
    // A new version takes over at once, and the first visit is controlled without a reload.
    skipWaiting: true,
    clientsClaim: true,
  },
});

export default defineConfig({
  plugins: [ffmpegCore(), captionFont(), devApi(), sveltekit(), pwa],
  define: {
    __FFMPEG_CORE_BASE__: JSON.stringify(ffmpegCoreBase()),
    __CAPTION_FONT_URL__: JSON.stringify(captionFontUrl()),
    __FALLBACK_FONT_URLS__: JSON.stringify(fallbackFontUrls()),
  },
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
  worker: { format: 'es' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['src/**/*.test.ts', 'proxy/**/*.test.ts', 'tests/fakes/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'src/**/*.svelte.test.ts'],
          environment: 'node',
          // Some tests spawn real ffmpeg, ffprobe, sox or redis: well under a second each here, but a fresh
          // CI machine's first spawns (cold disk, the whole suite on two cores) took over the default 5 s.
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        // Rune classes (`*.svelte.test.ts`) run as in the browser, without a DOM: compiled for the client
        // (see the environment) against Svelte's browser build, so effects run and SvelteSet reacts.
        extends: true,
        resolve: { conditions: ['browser'] },
        test: {
          name: 'runes',
          include: ['src/**/*.svelte.test.ts'],
          environment: './tests/support/runes-environment.ts',
        },
      },
    ],
  },
});
