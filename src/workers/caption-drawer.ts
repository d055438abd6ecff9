// Captions in the WebCodecs engine, drawn as libass draws them in the ffmpeg.wasm engine: the same
// description (captions/scene.ts), the same font files (each run in the font it names, laid out right
// to left where libass reverses it: captions/line-runs.ts), every line centred on the same anchor, the
// shadow first, then the outline (round joins), then the fill. Each caption state is drawn once on an
// OffscreenCanvas over its own box only, converted to an I420 overlay, and blended into every frame
// that shows it (the picture itself never goes through a canvas).
import { CAPTION_FONT } from '$lib/pipeline/captions/font';
import { familyEmSize } from '$lib/pipeline/captions/family-size';
import { lineWidth, placeLine, type LinePiece, type PieceMeasure } from '$lib/pipeline/captions/line-runs';
import {
  captionBox,
  captionStateAt,
  clipFallbackFonts,
  type CaptionState,
  type ClipCaptions,
  type Rgba,
} from '$lib/pipeline/captions/scene';
import { blendI420Overlay, i420Overlay, overlayBox, type I420Overlay } from '$lib/pipeline/i420-overlay';
import { WebCodecsUnavailableError } from '$lib/pipeline/errors';
import { captionFont, fallbackFontFile } from './fonts';

/** A family name of our own, so that an installed font of the same name can never stand in for it. */
const faceName = (family: string) => `Voiceframe ${family}`;

const loaded = new Map<string, Promise<void>>();

/**
 * Registers a caption font (the shipped one, or a fallback font a clip names) with this worker's
 * canvases, once; a failure is forgotten, to try again.
 */
function loadFace(family: string, file: () => Promise<Blob>): Promise<void> {
  let face = loaded.get(family);
  if (!face) {
    face = (async () => {
      // A worker's own font set (WorkerGlobalScope.fonts); the page's type world has no such property.
      const fonts = (globalThis as { fonts?: FontFaceSet }).fonts;
      if (typeof FontFace === 'undefined' || !fonts) {
        throw new WebCodecsUnavailableError('This browser cannot load fonts in a worker (FontFace).');
      }
      const font = new FontFace(faceName(family), await (await file()).arrayBuffer());
      await font.load();
      fonts.add(font);
    })().catch((error: unknown) => {
      loaded.delete(family);
      throw error;
    });
    loaded.set(family, face);
  }
  return face;
}

const cssColour = ({ r, g, b, a }: Rgba) => `rgba(${r}, ${g}, ${b}, ${a / 255})`;

/** Sets the context up to draw `piece`: its own font at its own size, its own direction, x at its left. */
function setPiece(context: OffscreenCanvasRenderingContext2D, piece: LinePiece, fontSize: number): void {
  context.font = `${familyEmSize(piece.family, fontSize)}px "${faceName(piece.family)}"`;
  // The canvas shapes and orders the piece's own letters (Arabic joined, right to left).
  context.direction = piece.rtl ? 'rtl' : 'ltr';
  context.textAlign = 'left';
}

function context2d(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D {
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new WebCodecsUnavailableError('This browser has no 2D OffscreenCanvas.');
  return context;
}

interface Placed {
  piece: LinePiece;
  x: number;
  y: number;
}

export class CaptionDrawer {
  private shown: { state: CaptionState; overlay: I420Overlay | undefined } | undefined;
  private readonly measureContext = context2d(new OffscreenCanvas(1, 1));

  private constructor(private readonly captions: ClipCaptions) {}

  /**
   * A drawer for the clip's captions, once the fonts they name are ready in this worker: the shipped
   * font, and only the fallback fonts this clip's words need (the same files ffmpeg.wasm mounts).
   */
  static async create(captions: ClipCaptions): Promise<CaptionDrawer> {
    await Promise.all([
      loadFace(CAPTION_FONT.family, captionFont),
      ...clipFallbackFonts(captions).map((font) => loadFace(font.family, () => fallbackFontFile(font))),
    ]);
    return new CaptionDrawer(captions);
  }

  /** Widths with each piece's font itself (shaped and kerned as the canvas draws it, as libass shapes it). */
  private readonly measure: PieceMeasure = (piece, fontSize) => {
    setPiece(this.measureContext, piece, fontSize);
    return this.measureContext.measureText(piece.text).width;
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
    const { width, height, font, outlineColour, shadowColour } = this.captions;
    const box = overlayBox(
      captionBox(state, (line) => lineWidth(line, font, state.fontSize, this.measure)),
      width,
      height,
    );
    if (!box) return undefined;
    const [w, h] = [box.right - box.left, box.bottom - box.top];
    const placed: Placed[] = state.lines.flatMap((line) =>
      placeLine(line, font, state.x, state.fontSize, this.measure).map(({ piece, left }) => ({
        piece,
        x: left - box.left,
        y: line.baseline - box.top,
      })),
    );
    const trace = (context: OffscreenCanvasRenderingContext2D, offset: number, outline: string, fill?: string) => {
      context.lineJoin = 'round';
      context.lineWidth = 2 * state.outline;
      context.strokeStyle = outline;
      // Outlines of every glyph first, fills over them, as libass layers an event.
      for (const { piece, x, y } of placed) {
        setPiece(context, piece, state.fontSize);
        context.strokeText(piece.text, x + offset, y + offset);
      }
      for (const { piece, x, y } of placed) {
        setPiece(context, piece, state.fontSize);
        context.fillStyle = fill ?? cssColour(piece.fill);
        context.fillText(piece.text, x + offset, y + offset);
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
