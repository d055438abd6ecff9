// Captions in scripts the shipped font lacks, burned in by ffmpeg.wasm's libass in real Chromium:
// Chinese, Japanese, Korean, Arabic and Hebrew come out as real lettering (many different shapes,
// unlike the same text drawn without its fallback font: a row of identical .notdef boxes), Arabic
// letters are joined (shaped), Hebrew and Arabic run right to left, and long CJK lines without
// spaces wrap inside the safe area. tesseract here reads only English and French, so the checks
// are on the shapes of the lettering.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { clipAss } from '../../src/lib/pipeline/captions/ass';
import { fallbackFontsIn } from '../../src/lib/pipeline/captions/fallback-fonts';
import { CAPTION_FONT } from '../../src/lib/pipeline/captions/font';
import { safeArea } from '../../src/lib/pipeline/captions/safe-area';
import { clipCaptions, type ClipCaptions } from '../../src/lib/pipeline/captions/scene';
import { captionTrack } from '../../src/lib/pipeline/captions/track';
import type { FormatId } from '../../src/lib/pipeline/formats';
import { planMotion, type RenderPlan } from '../../src/lib/pipeline/kenburns';
import type { Word } from '../../src/lib/pipeline/transcript';
import { ROOT } from './harness';
import { BACKGROUND, openCaptionHarness } from './render-harness/captions';
import { sharedHarness } from './shared-rig';
import { blobs, isLight, large, sameShapeShare } from '../support/glyphs';
import { expectInside, frameAt, inkBox, isLettering, type RgbFrame } from '../support/ocr';

const run = promisify(execFile);
const OUT = join(ROOT, 'test-results/render-caption-scripts');
const FPS = 30;

const harness = sharedHarness(() => openCaptionHarness(OUT));

/** The words of `text` (split at spaces, or one per character for `perChar`) spoken within 1.2 s. */
function spoken(text: string, perChar = false): Word[] {
  const parts = perChar ? [...text] : text.split(' ');
  const step = 1.2 / parts.length;
  return parts.map((word, i) => ({ word, start: i * step, end: (i + 1) * step - 0.01 }));
}

/**
 * Renders a 2 s clip showing `words` in the classic style (all white, nothing lit) and returns its
 * frame at 1 s. `withoutFallback` draws the same captions with every run in the shipped font: what
 * libass draws when the fallback font is missing.
 */
async function render(
  name: string,
  words: Word[],
  options: { format?: FormatId; withoutFallback?: boolean } = {},
): Promise<RgbFrame> {
  const plan = planMotion({ index: 0, start: 0, end: 2 }, options.format ?? 'youtube', { scale: 0.5 });
  const track = captionTrack(words, 'classic', { width: plan.width, height: plan.height }, FPS);
  const captions = clipCaptions(track, 0, plan.frames);
  if (options.withoutFallback) shippedFontOnly(captions);
  const plans: RenderPlan[] = [{ ...plan, captions }];
  const result = await harness.page.evaluate(([p]) => window.vf.clips(['/in/plain.png'], p), [plans] as const);
  const file = join(OUT, `${name}.mp4`);
  writeFileSync(file, Buffer.from(result.clips[0] as string, 'base64'));
  // A picture of the frame, to look at when a check fails.
  await run('ffmpeg', ['-v', 'error', '-y', '-ss', '1.0', '-i', file, '-frames:v', '1', join(OUT, `${name}.png`)]);
  return frameAt(file, 30, plan.width, plan.height);
}

/** Names the shipped font for every run of `captions` (as if no fallback font existed). */
function shippedFontOnly(captions: ClipCaptions): void {
  for (const token of captions.states.flatMap((state) => state.lines.flatMap((line) => line.tokens))) {
    for (const run of token.runs) run.family = CAPTION_FONT.family;
  }
}

function expectInsideSafeArea(frame: RgbFrame): void {
  const area = safeArea(frame.width, frame.height);
  const ink = inkBox(frame, BACKGROUND);
  expect(ink.right).toBeGreaterThan(ink.left);
  expectInside(ink, area, 'lettering');
}

describe('captions in scripts the shipped font lacks', () => {
  const samples = [
    { name: 'chinese', text: '我们去东京看樱花', perChar: true, font: 'sc' },
    { name: 'japanese', text: '東京へ行きます', perChar: true, font: 'jp' },
    { name: 'korean', text: '안녕하세요 여러분 반갑습니다', perChar: false, font: 'kr' },
    { name: 'arabic', text: 'مرحبا بكم في العالم', perChar: false, font: 'arabic' },
    { name: 'hebrew', text: 'שלום לכם חברים', perChar: false, font: 'hebrew' },
  ];

  it.each(samples)('$name is drawn with its fallback font, not as boxes', async ({ name, text, perChar, font }) => {
    const words = spoken(text, perChar);
    const plan = planMotion({ index: 0, start: 0, end: 2 }, 'youtube', { scale: 0.5 });
    const ass = clipAss(captionTrack(words, 'classic', { width: plan.width, height: plan.height }, FPS), 0, 60);
    expect(fallbackFontsIn(ass).map((f) => f.id)).toEqual([font]);

    const drawn = await render(name, words);
    const missing = await render(`${name}-no-fallback`, words, { withoutFallback: true });
    expectInsideSafeArea(drawn);
    const shapes = large(blobs(drawn, isLight));
    const boxes = large(blobs(missing, isLight));
    // Without its font every character is the same empty box; with it, the letters differ.
    expect(boxes.length).toBeGreaterThanOrEqual(4);
    expect(sameShapeShare(boxes)).toBeGreaterThanOrEqual(0.7);
    expect(shapes.length).toBeGreaterThanOrEqual(4);
    expect(sameShapeShare(shapes)).toBeLessThanOrEqual(0.34);
  });

  it('joins Arabic letters (shaped) and runs Arabic and Hebrew right to left', async () => {
    // Four behs in a word join into one body; spaced apart they stay four.
    const joined = large(blobs(await render('arabic-joined', spoken('بببب')), isLettering), 0.5);
    const apart = large(blobs(await render('arabic-apart', spoken('ب ب ب ب')), isLettering), 0.5);
    expect(apart).toHaveLength(4);
    expect(joined).toHaveLength(1);
    // Alef (a tall stroke, which never joins the next letter) then beh: alef is the right one.
    const [left, right] = large(blobs(await render('arabic-order', spoken('اب')), isLettering), 0.2);
    expect(right!.height).toBeGreaterThan(2 * right!.width);
    expect(left!.width).toBeGreaterThan(left!.height);
    // Hebrew alef then yod: the wide alef is on the right, the small yod on the left.
    const hebrew = large(blobs(await render('hebrew-order', spoken('אי')), isLettering), 0.1);
    expect(hebrew).toHaveLength(2);
    expect(hebrew[1]!.area).toBeGreaterThan(2 * hebrew[0]!.area);
  });

  it('shapes Devanagari (drawn by the shipped font): a conjunct is one glyph, not letters and a virama', async () => {
    const width = async (name: string, text: string) => {
      const ink = inkBox(await render(name, spoken(text)), BACKGROUND);
      return ink.right - ink.left;
    };
    // क्ष: ka, virama, ssa. Shaped, it is the single conjunct glyph; unshaped, ka with its virama
    // beside a full ssa.
    const conjunct = await width('devanagari-conjunct', 'क्ष');
    const letters = (await width('devanagari-ka-virama', 'क्')) + (await width('devanagari-ssa', 'ष'));
    expect(conjunct).toBeLessThan(0.8 * letters);
  });

  it('wraps a long Chinese sentence without spaces inside the 9:16 safe area', async () => {
    // Heard as one "word" (no spaces to split at), wider than the frame.
    const text = '我们今天要讲一个很长很长的故事关于一只住在森林边上的小红狐狸';
    const frame = await render('chinese-long', spoken(text), { format: 'tiktok' });
    expectInsideSafeArea(frame);
    const ideographs = large(blobs(frame, isLettering), 0.15);
    // Two lines of ideographs: their tops fall in two bands.
    const tops = ideographs.map((blob) => blob.top).sort((a, b) => a - b);
    expect(tops.at(-1)! - tops[0]!).toBeGreaterThan(20);
  });
});
