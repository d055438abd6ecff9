// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  /** URL prefix of the self-hosted ffmpeg core (set by vite.config.ts). */
  const __FFMPEG_CORE_BASE__: string;
  /** URL of the self-hosted caption font (set by vite.config.ts). */
  const __CAPTION_FONT_URL__: string;
  /** URL of each self-hosted fallback caption font by id, fetched only when captions need it (vite.config.ts). */
  const __FALLBACK_FONT_URLS__: Partial<Record<string, string>>;
  namespace App {
    // interface Error {}
    // interface Locals {}
    // interface PageData {}
    // interface PageState {}
    // interface Platform {}
  }
}

export {};
