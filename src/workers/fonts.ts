// Captions in the engines: the fonts they draw with, fetched once from our own origin (never a CDN);
// for ffmpeg.wasm the clip's ASS document as an input and its fonts mounted read-only in a folder of
// their own. The shipped font is always there; a fallback font (CJK, Arabic, Hebrew, Devanagari;
// megabytes for CJK) is fetched only when a clip's captions name it.
import { assDocument } from '$lib/pipeline/captions/ass';
import type { FallbackFont } from '$lib/pipeline/captions/fallback-font-list';
import { clipFallbackFonts } from '$lib/pipeline/captions/scene';
import { CAPTION_FONT } from '$lib/pipeline/captions/font';
import type { RenderPlan } from '$lib/pipeline/kenburns';
import type { Engine } from './engine';

const fonts = new Map<string, Promise<Blob>>();
/** Each engine mounts each set of fonts once and keeps it: mounting copies nothing into the wasm heap. */
const fontDirs = new WeakMap<Engine, Map<string, string>>();

/** A font file from our origin; a failed fetch is forgotten so that the next clip tries again. */
function fetchFont(url: string): Promise<Blob> {
  let font = fonts.get(url);
  if (!font) {
    font = fetch(new URL(url, self.location.href))
      .then((response) => {
        if (!response.ok) throw new Error(`A caption font could not be loaded (HTTP ${response.status}).`);
        return response.blob();
      })
      .catch((error: unknown) => {
        fonts.delete(url);
        throw error;
      });
    fonts.set(url, font);
  }
  return font;
}

/** The shipped caption font. */
export function captionFont(): Promise<Blob> {
  return fetchFont(__CAPTION_FONT_URL__);
}

/** A fallback caption font, from the URL this build serves it at. */
export function fallbackFontFile(font: FallbackFont): Promise<Blob> {
  const url = __FALLBACK_FONT_URLS__[font.id];
  if (url === undefined) return Promise.reject(new Error(`The caption font ${font.file} is not served by this build.`));
  return fetchFont(url);
}

export interface ClipCaptionInputs {
  /** The ASS document, to mount beside the image. */
  input: { name: string; data: Blob };
  /** The fonts folder in this engine (libass loads every font in it; the core has no fontconfig). */
  fontsDir: (e: Engine) => string;
}

/** What burning in the plan's captions needs, or undefined when it has none to draw. */
export async function captionInputs(plan: RenderPlan): Promise<ClipCaptionInputs | undefined> {
  if (plan.captions === undefined || plan.captions.states.length === 0) return undefined;
  const needed = [
    { file: CAPTION_FONT.file, data: captionFont() },
    ...clipFallbackFonts(plan.captions).map((font) => ({ file: font.file, data: fallbackFontFile(font) })),
  ];
  const files = await Promise.all(needed.map(async ({ file, data }) => ({ name: file, data: await data })));
  const set = files.map((file) => file.name).join('+');
  return {
    input: { name: 'captions.ass', data: new Blob([assDocument(plan.captions)], { type: 'text/x-ssa' }) },
    fontsDir: (e) => {
      const dirs = fontDirs.get(e) ?? new Map<string, string>();
      fontDirs.set(e, dirs);
      let dir = dirs.get(set);
      if (dir === undefined) {
        dir = e.mount(files).dir;
        dirs.set(set, dir);
      }
      return dir;
    },
  };
}
