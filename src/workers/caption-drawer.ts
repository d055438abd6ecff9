// Captions in the WebCodecs engine, drawn as libass draws them in the ffmpeg.wasm engine: the same
// description (captions/scene.ts), the same font file, every line centred on the same anchor, the
// shadow first, then the outline (round joins), then the fill. Each caption state is drawn once on an
// OffscreenCanvas over its own box only, converted to an I420 overlay, and blended into every frame
// that shows it (the picture itself never goes through a canvas).
import { CAPTION_FONT } from '$lib/pipeline/captions/font';
import type { TextMeasure } from '$lib/pipeline/captions/measure';
import {
  captionBox,
  captionStateAt,
  emSize,
  tokenLefts,
  type CaptionState,
  type CaptionToken,
  type ClipCaptions,
  type Rgba,
} from '$lib/pipeline/captions/scene';
import { blendI420Overlay, i420Overlay, overlayBox, type I420Overlay } from '$lib/pipeline/i420-overlay';
import { WebCodecsUnavailableError } from '$lib/pipeline/errors';
import { captionFont } from './fonts';

/** A family name of our own, so that an installed font of the same name can never stand in for it. */
const FAMILY = `Voiceframe ${CAPTION_FONT.family}`;

let fontLoaded: Promise<void> | undefined;

/** Registers the shipped font with this worker's canvases, once; a failure is forgotten, to try again. */
function loadCaptionFont(): Promise<void> {
  fontLoaded ??= (async () => {
    // A worker's own font set (WorkerGlobalScope.fonts); the page's type world has no such property.
    const fonts = (globalThis as { fonts?: FontFaceSet }).fonts;
    if (typeof FontFace === 'undefined' || !fonts) {
      throw new WebCodecsUnavailableError('This browser cannot load fonts in a worker (FontFace).');
    }
    const face = new FontFace(FAMILY, await (await captionFont()).arrayBuffer());
    await face.load();
    fonts.add(face);
  })().catch((error: unknown) => {
    fontLoaded = undefined;
    throw error;
  });
  return fontLoaded;
}

const cssColour = ({ r, g, b, a }: Rgba) => `rgba(${r}, ${g}, ${b}, ${a / 255})`;
const cssFont = (fontSize: number) => `${emSize(fontSize)}px "${FAMILY}"`;

function context2d(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D {
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new WebCodecsUnavailableError('This browser has no 2D OffscreenCanvas.');
  return context;
}

interface Placed {
  token: CaptionToken;
  x: number;
  y: number;
}

export class CaptionDrawer {
  private shown: { state: CaptionState; overlay: I420Overlay | undefined } | undefined;
  private readonly measureContext = context2d(new OffscreenCanvas(1, 1));

  private constructor(private readonly captions: ClipCaptions) {}

  /** A drawer for the clip's captions, once the caption font is ready in this worker. */
  static async create(captions: ClipCaptions): Promise<CaptionDrawer> {
    await loadCaptionFont();
    return new CaptionDrawer(captions);
  }

  /** Widths with the font itself (shaped and kerned as the canvas draws it, as libass shapes it). */
  private readonly measure: TextMeasure = (text, fontSize) => {
    this.measureContext.font = cssFont(fontSize);
    return this.measureContext.measureText(text).width;
  };

  /** Blends the captions shown at the clip's `frame` into its I420 `planes`. */
  draw(frame: number, planes: Uint8Array): void {
    const state = captionStateAt(this.captions, frame);
    if (!state) return;
    if (this.shown?.state !== state) this.shown = { state, overlay: this.overlay(state) };
    const { overlay } = this.shown;
    if (overlay) blendI420Overlay(planes, this.captions.width, this.captions.height, overlay);
  }

  private overlay(state: CaptionState): I420Overlay | undefined {
    const { width, height, outlineColour, shadowColour } = this.captions;
    const box = overlayBox(captionBox(state, this.measure), width, height);
    if (!box) return undefined;
    const [w, h] = [box.right - box.left, box.bottom - box.top];
    const placed: Placed[] = state.lines.flatMap((line) =>
      tokenLefts(line, state.x, state.fontSize, this.measure).map((x, i) => ({
        token: line.tokens[i] as CaptionToken,
        x: x - box.left,
        y: line.baseline - box.top,
      })),
    );
    const trace = (context: OffscreenCanvasRenderingContext2D, offset: number, outline: string, fill?: string) => {
      context.font = cssFont(state.fontSize);
      context.lineJoin = 'round';
      context.lineWidth = 2 * state.outline;
      context.strokeStyle = outline;
      // Outlines of every glyph first, fills over them, as libass layers an event.
      for (const { token, x, y } of placed) context.strokeText(token.text, x + offset, y + offset);
      for (const { token, x, y } of placed) {
        context.fillStyle = fill ?? cssColour(token.fill);
        context.fillText(token.text, x + offset, y + offset);
      }
    };
    const canvas = new OffscreenCanvas(w, h);
    const context = context2d(canvas);
    if (state.shadow > 0 && shadowColour.a > 0) {
      // The shadow is one shape (outline and fill) at one opacity: drawn opaque, then laid down translucent.
      const shade = new OffscreenCanvas(w, h);
      const opaque = cssColour({ ...shadowColour, a: 255 });
      trace(context2d(shade), state.shadow, opaque, opaque);
      context.globalAlpha = shadowColour.a / 255;
      context.drawImage(shade, 0, 0);
      context.globalAlpha = 1;
    }
    trace(context, 0, cssColour(outlineColour));
    return i420Overlay(context.getImageData(0, 0, w, h).data, w, h, box.left, box.top);
  }
}
