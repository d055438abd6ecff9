import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { devApi, ffmpegCore, ffmpegCoreBase } from './scripts/vite-plugins.ts';
import { ISOLATION_HEADERS } from './proxy/isolation.ts';

export default defineConfig({
  plugins: [ffmpegCore(), devApi(), sveltekit()],
  define: { __FFMPEG_CORE_BASE__: JSON.stringify(ffmpegCoreBase()) },
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
  worker: { format: 'es' },
  test: {
    include: ['src/**/*.test.ts', 'proxy/**/*.test.ts', 'tests/fakes/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
});
