// Captions look the same from both render engines: the same captioned scene rendered by ffmpeg.wasm
// (libass) and by the WebCodecs engine (canvas), read back from the same frames of both: tesseract
// reads the same words, the lettering sits in the same place, the highlight moves on the same frame
// (the spoken word's own start frame) and has the same colour; Arabic, drawn by a fallback font,
// comes out as the same joined, right-to-left lettering from both, as tall as Latin lettering.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DrawnStyleId } from '../../src/lib/pipeline/captions/layout';
import { clipCaptions } from '../../src/lib/pipeline/captions/scene';
import { captionTrack } from '../../src/lib/pipeline/captions/track';
import type { FormatId } from '../../src/lib/pipeline/formats';
import { planMotion, type RenderPlan } from '../../src/lib/pipeline/kenburns';
import { frameOf } from '../../src/lib/pipeline/timeline';
import type { Word } from '../../src/lib/pipeline/transcript';
import type { ClipEngine } from '../../src/workers/render.worker';
import { ROOT } from './harness';
import { BACKGROUND, openCaptionHarness, spoken } from './render-harness/captions';
import { sharedHarness } from './shared-rig';
import { blobs, isLight, large, sameShapeShare } from '../support/glyphs';
import {
  bare,
  boxOf,
  decodeFrames,
  frameAt,
  inkBox,
  isHighlight,
  isLettering,
  readMasked,
  type PixelTest,
  type RgbFrame,
} from '../support/ocr';

const OUT = join(ROOT, 'test-results/render-captions-engines');
const FPS = 30;
const ENGINES: ClipEngine[] = ['ffmpeg', 'webcodecs'];
/** How far apart the two engines' lettering may sit (font rasterisers differ by a pixel or two). */
const PLACE_TOLERANCE_PX = 4;
/** Plain (unlit) lettering. */
const isWhite: PixelTest = (r, g, b) => isLettering(r, g, b) && !isHighlight(r, g, b);

const harness = sharedHarness(() => openCaptionHarness(OUT));

/** Mean colour of the pixels passing `test`, well inside the glyphs (all eight neighbours pass too). */
function meanColour(frame: RgbFrame, test: PixelTest): number[] {
  const sum = [0, 0, 0];
  let count = 0;
  const at = (x: number, y: number) => 3 * (y * frame.width + x);
  const passes = (x: number, y: number) => {
    const i = at(x, y);
    return test(frame.pixels[i] as number, frame.pixels[i + 1] as number, frame.pixels[i + 2] as number);
  };
  for (let y = 1; y < frame.height - 1; y++) {
    for (let x = 1; x < frame.width - 1; x++) {
      if (![-1, 0, 1].every((dy) => [-1, 0, 1].every((dx) => passes(x + dx, y + dy)))) continue;
      for (let c = 0; c < 3; c++) sum[c] = (sum[c] as number) + (frame.pixels[at(x, y) + c] as number);
      count++;
    }
  }
  return sum.map((value) => Math.round(value / Math.max(1, count)));
}

/** BT.709 luma of an RGB colour. */
const luma = ([r, g, b]: number[]) => 0.2126 * (r as number) + 0.7152 * (g as number) + 0.0722 * (b as number);

async function read(frame: RgbFrame, test: PixelTest, file: string, language = 'eng'): Promise<string[]> {
  return (await readMasked(frame, test, join(OUT, `${file}.pgm`), language)).map((word) => bare(word.text));
}

/** One captioned clip from frame 0, rendered by each engine at `scale`; the MP4 file of each. */
async function renderBoth(
  name: string,
  format: FormatId,
  style: DrawnStyleId,
  words: Word[],
  seconds: number,
  scale: number,
) {
  const plan = planMotion({ index: 0, start: 0, end: seconds }, format, { scale });
  const track = captionTrack(words, style, { width: plan.width, height: plan.height }, FPS);
  const captioned: RenderPlan = { ...plan, captions: clipCaptions(track, 0, plan.frames) };
  const files: Record<string, string> = {};
  for (const engine of ENGINES) {
    const result = await harness.page.evaluate(
      async ([e, p]) => {
        window.vf.reset(1, e);
        return window.vf.clips(['/in/plain.png'], [p]);
      },
      [engine, captioned] as const,
    );
    // The engine asked for drew it: no fallback hides a failure of the WebCodecs path.
    expect(result.engines).toEqual([engine]);
    const file = join(OUT, `${name}-${engine}.mp4`);
    writeFileSync(file, Buffer.from(result.clips[0] as string, 'base64'));
    files[engine] = file;
  }
  return { plan, ffmpeg: files.ffmpeg as string, webcodecs: files.webcodecs as string };
}

/** The first frame at or after `from` whose highlight box differs from the frame before's (by > 2 px). */
function highlightMoves(frames: RgbFrame[], from: number, to: number): number | undefined {
  let previous = boxOf(frames[from - 1] as RgbFrame, isHighlight);
  for (let n = from; n < to; n++) {
    const box = boxOf(frames[n] as RgbFrame, isHighlight);
    const moved = (['left', 'top', 'right', 'bottom'] as const).some(
      (edge) => box[edge] !== previous[edge] && !(Math.abs(box[edge] - previous[edge]) <= 2),
    );
    if (moved) return n;
    previous = box;
  }
  return undefined;
}

describe('captions drawn by both engines', () => {
  it('9:16 word by word: the same words, place, colours and highlight frames from ffmpeg.wasm and WebCodecs', async () => {
    const words = spoken('Every morning the small fox walked down to the river.', 0.4, 0.3);
    const seconds = 5;
    const rendered = await renderBoth('tiktok-word', 'tiktok', 'word', words, seconds, 0.5);
    const { width, height, frames } = rendered.plan;
    const [ffmpeg, webcodecs] = [
      await decodeFrames(rendered.ffmpeg, width, height),
      await decodeFrames(rendered.webcodecs, width, height),
    ];
    expect([ffmpeg.length, webcodecs.length]).toEqual([frames, frames]);

    for (const [i, word] of words.entries()) {
      const n = frameOf((word.start + word.end) / 2, FPS);
      const [a, b] = [ffmpeg[n] as RgbFrame, webcodecs[n] as RgbFrame];
      // Tesseract reads the same lit word, and the same lettering, from the same frame of both.
      const lit = [await read(a, isHighlight, `word-${i}-ffmpeg`), await read(b, isHighlight, `word-${i}-webcodecs`)];
      expect(lit[0]).toEqual([bare(word.word)]);
      expect(lit[1]).toEqual(lit[0]);
      const all = [await read(a, isLettering, `all-${i}-ffmpeg`), await read(b, isLettering, `all-${i}-webcodecs`)];
      expect(all[1]).toEqual(all[0]);
      // The lettering (outline and shadow included) sits in the same place.
      const [boxA, boxB] = [inkBox(a, BACKGROUND), inkBox(b, BACKGROUND)];
      for (const edge of ['left', 'top', 'right', 'bottom'] as const) {
        expect(Math.abs(boxA[edge] - boxB[edge]), `${word.word}: ${edge} edge`).toBeLessThanOrEqual(PLACE_TOLERANCE_PX);
      }
      // The fills have the same colours: the same brightness (the BT.601/BT.709 mix-up this guards
      // against made the highlight 7 code values darker) and hues within the two encoders' chroma noise.
      for (const test of [isHighlight, isWhite]) {
        const [colourA, colourB] = [meanColour(a, test), meanColour(b, test)];
        const says = `${word.word}: ${colourA} vs ${colourB}`;
        expect(Math.abs(luma(colourA) - luma(colourB)), says).toBeLessThanOrEqual(3);
        colourA.forEach((value, c) => expect(Math.abs(value - (colourB[c] as number)), says).toBeLessThanOrEqual(8));
      }
    }

    // The highlight moves to each next word on that word's own start frame, in both.
    for (const word of words.slice(1)) {
      const start = frameOf(word.start, FPS);
      const moves = [highlightMoves(ffmpeg, start - 3, start + 3), highlightMoves(webcodecs, start - 3, start + 3)];
      expect(moves, word.word).toEqual([start, start]);
    }
    // Half a second after the last word both are clear again.
    const clear = frameOf(words.at(-1)!.end + 0.6, FPS);
    expect([inkBox(ffmpeg[clear]!, BACKGROUND).right, inkBox(webcodecs[clear]!, BACKGROUND).right]).toEqual([
      -Infinity,
      -Infinity,
    ]);
  });

  it('16:9 classic on two lines: the same lines in the same place from both engines', async () => {
    const text = 'The small red fox walked all the way down to the river and watched the light on the water.';
    const words = spoken(text, 0.25, 0.2);
    // Full size: classic lettering is small, and tesseract reads it reliably only at the size it is made for.
    const { plan, ffmpeg, webcodecs } = await renderBoth('youtube-classic', 'youtube', 'classic', words, 2, 1);
    const n = frameOf(words[4]!.start, FPS);
    const [a, b] = [
      await frameAt(ffmpeg, n, plan.width, plan.height),
      await frameAt(webcodecs, n, plan.width, plan.height),
    ];
    const lines = [await read(a, isLettering, 'classic-ffmpeg'), await read(b, isLettering, 'classic-webcodecs')];
    expect(lines[0]!.length).toBeGreaterThan(3);
    expect(lines[1]).toEqual(lines[0]);
    const [boxA, boxB] = [inkBox(a, BACKGROUND), inkBox(b, BACKGROUND)];
    for (const edge of ['left', 'top', 'right', 'bottom'] as const) {
      expect(Math.abs(boxA[edge] - boxB[edge]), `${edge} edge`).toBeLessThanOrEqual(PLACE_TOLERANCE_PX);
    }
  });

  it('Arabic in its fallback font: the same joined, right-to-left lettering in the same place from both engines', async () => {
    // Four words of Arabic (Noto Sans Arabic), heard in 1.2 s and shown together in the classic style.
    const words = spoken('مرحبا بكم في العالم', 0.3, 0);
    const { plan, ffmpeg, webcodecs } = await renderBoth('youtube-arabic', 'youtube', 'classic', words, 2, 0.5);
    const [a, b] = [
      await frameAt(ffmpeg, FPS, plan.width, plan.height),
      await frameAt(webcodecs, FPS, plan.width, plan.height),
    ];
    const [boxA, boxB] = [inkBox(a, BACKGROUND), inkBox(b, BACKGROUND)];
    expect(boxA.right).toBeGreaterThan(boxA.left);
    for (const edge of ['left', 'top', 'right', 'bottom'] as const) {
      expect(Math.abs(boxA[edge] - boxB[edge]), `${edge} edge`).toBeLessThanOrEqual(PLACE_TOLERANCE_PX);
    }
    // Real, joined letters (not a row of identical .notdef boxes, one per letter): the same pieces of
    // lettering, each where the other engine has it (so the words run right to left in both).
    const [shapesA, shapesB] = [large(blobs(a, isLight)), large(blobs(b, isLight))];
    expect(shapesA.length).toBeGreaterThanOrEqual(4);
    expect(sameShapeShare(shapesA)).toBeLessThanOrEqual(0.34);
    expect(sameShapeShare(shapesB)).toBeLessThanOrEqual(0.34);
    expect(shapesB.length).toBe(shapesA.length);
    shapesA.forEach((shape, i) => {
      const other = shapesB[i]!;
      const centre = (blob: typeof shape) => [blob.left + blob.width / 2, blob.top + blob.height / 2];
      const [[xA, yA], [xB, yB]] = [centre(shape), centre(other)];
      expect(Math.abs(xA! - xB!), `piece ${i} x`).toBeLessThanOrEqual(PLACE_TOLERANCE_PX);
      expect(Math.abs(yA! - yB!), `piece ${i} y`).toBeLessThanOrEqual(PLACE_TOLERANCE_PX);
    });
  });

  it('Arabic next to Latin at the same size: its letters as tall as Latin ones in both engines', async () => {
    // A Latin "l" and an Arabic alef, two tall strokes, on one line: drawn at one em, their heights
    // are the fonts' own (Noto Sans Arabic's alef reaches about as high as Noto Sans's "l").
    const words = spoken('l ا', 0.3, 0);
    const { plan, ffmpeg, webcodecs } = await renderBoth('youtube-arabic-size', 'youtube', 'word', words, 2, 1);
    const heights: number[][] = [];
    for (const file of [ffmpeg, webcodecs]) {
      const frame = await frameAt(file, FPS, plan.width, plan.height);
      const strokes = large(blobs(frame, isLettering), 0.3).sort((a, b) => a.left - b.left);
      expect(strokes).toHaveLength(2);
      heights.push(strokes.map((stroke) => stroke.height));
    }
    for (const [latin, arabic] of heights) {
      // Sized by its own win height as libass does by default, the alef was 70 % of the "l".
      expect(latin).toBeGreaterThan(40);
      expect(arabic! / latin!).toBeGreaterThan(0.9);
      expect(arabic! / latin!).toBeLessThan(1.1);
    }
    expect(Math.abs(heights[0]![1]! - heights[1]![1]!)).toBeLessThanOrEqual(PLACE_TOLERANCE_PX);
  });
});
