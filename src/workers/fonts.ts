// Captions in the engines: the caption font fetched once from our own origin (never a CDN); for
// ffmpeg.wasm the clip's ASS document as an input and the font mounted read-only in a folder of its own.
import { assDocument } from '$lib/pipeline/captions/ass';
import { CAPTION_FONT } from '$lib/pipeline/captions/font';
import type { RenderPlan } from '$lib/pipeline/kenburns';
import type { Engine } from './engine';

let font: Promise<Blob> | undefined;
/** Each engine mounts the font once and keeps it: mounting copies nothing into the wasm heap. */
const fontDirs = new WeakMap<Engine, string>();

/** The shipped caption font; a failed fetch is forgotten so that the next clip tries again. */
export function captionFont(): Promise<Blob> {
  font ??= fetch(new URL(__CAPTION_FONT_URL__, self.location.href))
    .then((response) => {
      if (!response.ok) throw new Error(`The caption font could not be loaded (HTTP ${response.status}).`);
      return response.blob();
    })
    .catch((error: unknown) => {
      font = undefined;
      throw error;
    });
  return font;
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
  const data = await captionFont();
  return {
    input: { name: 'captions.ass', data: new Blob([assDocument(plan.captions)], { type: 'text/x-ssa' }) },
    fontsDir: (e) => {
      let dir = fontDirs.get(e);
      if (dir === undefined) {
        dir = e.mount([{ name: CAPTION_FONT.file, data }]).dir;
        fontDirs.set(e, dir);
      }
      return dir;
    },
  };
}
