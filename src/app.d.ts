// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  /** URL prefix of the self-hosted ffmpeg core (set by vite.config.ts). */
  const __FFMPEG_CORE_BASE__: string;
  /** URL of the self-hosted caption font (set by vite.config.ts). */
  const __CAPTION_FONT_URL__: string;
  namespace App {
    // interface Error {}
    // interface Locals {}
    // interface PageData {}
    // interface PageState {}
    // interface Platform {}
  }
}

export {};
