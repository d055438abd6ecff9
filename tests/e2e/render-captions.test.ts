// Burned-in captions in real Chromium: clips rendered by the ffmpeg.wasm engine with their ASS
// captions, read back with tesseract at each word's own time: the spoken word is the lit one, the
// lettering stays inside the format's safe area, accents survive, and a caption runs across a cut.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clipCaptions } from '../../src/lib/pipeline/captions/scene';
import { captionTrack } from '../../src/lib/pipeline/captions/track';
import type { DrawnStyleId } from '../../src/lib/pipeline/captions/layout';
import { safeArea } from '../../src/lib/pipeline/captions/safe-area';
import type { FormatId } from '../../src/lib/pipeline/formats';
import { planMotion, type RenderPlan } from '../../src/lib/pipeline/kenburns';
import { frameOf } from '../../src/lib/pipeline/timeline';
import type { Word } from '../../src/lib/pipeline/transcript';
import { ROOT } from './harness';
import { BACKGROUND, openCaptionHarness, spoken } from './render-harness/captions';
import { sharedHarness } from './shared-rig';
import {
  bare,
  expectInside,
  frameAt,
  inkBox,
  isHighlight,
  isLettering,
  readMasked,
  wordBox,
  type RgbFrame,
} from '../support/ocr';

const OUT = join(ROOT, 'test-results/render-captions');
const FPS = 30;

const harness = sharedHarness(() => openCaptionHarness(OUT));

interface Rendered {
  plans: RenderPlan[];
  files: string[];
  /** First video frame of each clip. */
  starts: number[];
}

/** Renders scenes ending at `ends` (seconds) in the harness with the words burned in. */
async function render(
  name: string,
  format: FormatId,
  style: DrawnStyleId,
  words: Word[],
  ends: number[],
): Promise<Rendered> {
  const plans = ends.map((end, index) =>
    planMotion({ index, start: index ? (ends[index - 1] as number) : 0, end }, format, { scale: 0.5 }),
  );
  const frame = { width: plans[0]!.width, height: plans[0]!.height };
  const track = captionTrack(words, style, frame, FPS);
  const starts = ends.map((_, i) => (i ? frameOf(ends[i - 1] as number, FPS) : 0));
  const captioned = plans.map((plan, i) => ({
    ...plan,
    captions: clipCaptions(track, starts[i]!, starts[i]! + plan.frames),
  }));
  const result = await harness.page.evaluate(([p]) => window.vf.clips(['/in/plain.png'], p), [captioned] as const);
  const files = result.clips.map((clip, i) => {
    const file = join(OUT, `${name}-${i}.mp4`);
    writeFileSync(file, Buffer.from(clip, 'base64'));
    return file;
  });
  return { plans: captioned, files, starts };
}

/** The frame of the video at time `t`, from the clip that holds it. */
async function videoFrame(rendered: Rendered, t: number): Promise<RgbFrame> {
  const n = frameOf(t, FPS);
  const clip = rendered.starts.findLastIndex((start) => start <= n);
  const { width, height } = rendered.plans[clip]!;
  return frameAt(rendered.files[clip]!, n - rendered.starts[clip]!, width, height);
}

async function read(
  frame: RgbFrame,
  mask: 'highlight' | 'lettering',
  file: string,
  language = 'eng',
): Promise<string[]> {
  const words = await readMasked(
    frame,
    mask === 'highlight' ? isHighlight : isLettering,
    join(OUT, `${file}.pgm`),
    language,
  );
  return words.map((word) => word.text);
}

async function expectInsideSafeArea(frame: RgbFrame, file: string, language = 'eng'): Promise<void> {
  const area = safeArea(frame.width, frame.height);
  expectInside(inkBox(frame, BACKGROUND), area, 'lettering');
  const words = await readMasked(frame, isLettering, join(OUT, `${file}-all.pgm`), language);
  expect(words.length).toBeGreaterThan(0);
  for (const word of words) expectInside(wordBox(word), area, word.text);
}

describe('burned-in captions', () => {
  it('9:16 word by word: each word is lit while it is spoken, inside the safe area, across a cut', async () => {
    const words = spoken('Every morning the small fox walked down to the river.', 0.45, 0.3);
    const rendered = await render('tiktok-word', 'tiktok', 'word', words, [2.0, 6.0]);
    for (const [i, word] of words.entries()) {
      const middle = (word.start + word.end) / 2;
      const frame = await videoFrame(rendered, middle);
      expect((await read(frame, 'highlight', `tiktok-word-${i}`)).map(bare)).toEqual([bare(word.word)]);
      await expectInsideSafeArea(frame, `tiktok-word-${i}`);
    }
    // The caption on screen at the cut (2.0 s, frame 60) is the same on both sides of it.
    const before = await read(await videoFrame(rendered, 59 / FPS), 'lettering', 'cut-before');
    const after = await read(await videoFrame(rendered, 60 / FPS), 'lettering', 'cut-after');
    expect(before.map(bare).join(' ')).toBe(after.map(bare).join(' '));
    expect(before.length).toBeGreaterThan(1);
    // Half a second after the last word the screen is clear again (no caption hangs on).
    const clear = await videoFrame(rendered, words.at(-1)!.end + 0.6);
    expect(inkBox(clear, BACKGROUND).right).toBe(-Infinity);
  });

  it('16:9 karaoke in French: the words light up in turn and keep their accents', async () => {
    const words = spoken('Déjà le garçon français mangeait à la fenêtre.', 0.5, 0.2);
    const rendered = await render('youtube-karaoke', 'youtube', 'karaoke', words, [4.5]);
    for (const [i, word] of words.entries()) {
      const frame = await videoFrame(rendered, (word.start + word.end) / 2);
      const lit = await read(frame, 'highlight', `youtube-karaoke-${i}`, 'fra');
      // Karaoke keeps the words spoken so far lit: the last lit word is the one being spoken.
      expect(lit.map(bare)).toEqual(words.slice(0, i + 1).map((w) => bare(w.word)));
      await expectInsideSafeArea(frame, `youtube-karaoke-${i}`, 'fra');
    }
    const line = await read(await videoFrame(rendered, words.at(-1)!.start + 0.1), 'lettering', 'youtube-line', 'fra');
    expect(line.join(' ')).toBe('Déjà le garçon français mangeait à la fenêtre.');
  });
});
