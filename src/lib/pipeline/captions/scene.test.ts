// The one description of what a captioned clip shows, from which both engines draw.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FORMATS } from '../formats';
import { frameOf } from '../timeline';
import { FONT_METRICS } from './font-metrics';
import { placeLine, type LinePiece } from './line-runs';
import { measureShippedFont } from './measure';
import { safeArea } from './safe-area';
import {
  CAPTION_COLOURS,
  captionBox,
  captionLineText,
  captionStateAt,
  clipCaptions,
  clipFallbackFonts,
  lineBaselines,
  type CaptionState,
} from './scene';
import { captionTrack } from './track';
import { evenWords, wordsArbitrary } from './words.fixture';

const TIKTOK = FORMATS.tiktok;
const STYLES = ['word', 'karaoke', 'classic'] as const;
const FRAMES = [TIKTOK, FORMATS.youtube, FORMATS.square];

const litWords = (state: CaptionState) =>
  state.lines.flatMap((line) => line.tokens.filter((token) => token.fill === CAPTION_COLOURS.highlight));

describe('clipCaptions', () => {
  const words = evenWords('Once upon a time, a small red fox lived at the edge of a quiet forest.', 0.4, 0.2);

  it("lights each word from its own start frame until the next word's, in the clip's own frames", () => {
    const start = 45;
    const captions = clipCaptions(captionTrack(words, 'word', TIKTOK, 30), start, 200);
    for (const word of words) {
      const first = frameOf(word.start, 30) - start;
      if (first < 0 || first >= 155) continue;
      const state = captionStateAt(captions, first);
      const lit = litWords(state!);
      // The word style lights exactly the spoken word (a word cut over lines lights every piece).
      expect(lit.map((token) => token.text).join('')).toBe(word.word);
      // The frame before it showed another word lit (or nothing).
      const before = captionStateAt(captions, first - 1);
      if (before)
        expect(
          litWords(before)
            .map((token) => token.text)
            .join(''),
        ).not.toBe(word.word);
    }
  });

  it('cuts states at the clip edges and keeps them ordered, disjoint and inside the clip', () => {
    fc.assert(
      fc.property(
        wordsArbitrary(30),
        fc.constantFrom(...STYLES),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 200 }),
        (ws, style, from, frames) => {
          const whole = clipCaptions(captionTrack(ws, style, TIKTOK, 30), 0, 100_000);
          const clip = clipCaptions(captionTrack(ws, style, TIKTOK, 30), from, from + frames);
          clip.states.forEach((state, i) => {
            expect(state.startFrame).toBeGreaterThanOrEqual(i ? clip.states[i - 1]!.endFrame : 0);
            expect(state.endFrame).toBeGreaterThan(state.startFrame);
            expect(state.endFrame).toBeLessThanOrEqual(frames);
          });
          // Frame by frame the clip shows what the whole video shows at that moment.
          for (let frame = 0; frame < frames; frame++) {
            const mine = captionStateAt(clip, frame);
            const theirs = captionStateAt(whole, from + frame);
            expect(mine?.lines).toEqual(theirs?.lines);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps karaoke words lit once spoken and classic lines unlit', () => {
    const karaoke = clipCaptions(captionTrack(words, 'karaoke', TIKTOK, 30), 0, 300);
    expect(karaoke.states.slice(0, 4).map((state) => litWords(state).length)).toEqual([1, 2, 3, 4]);
    const classic = clipCaptions(captionTrack(words, 'classic', FORMATS.youtube, 30), 0, 300);
    expect(classic.states.flatMap(litWords)).toEqual([]);
    expect(classic.states.every((state) => state.spoken === undefined)).toBe(true);
  });
});

describe('caption geometry', () => {
  it('stacks lines as libass does: each as tall as it reaches, the block centred on or standing on its anchor', () => {
    const ascent = (100 * FONT_METRICS.winAscent) / FONT_METRICS.winHeight;
    const latin = { ascent, descent: 100 - ascent };
    expect(lineBaselines([latin, latin], 500, 5)).toEqual([400 + ascent, 500 + ascent]);
    // Bottom-aligned: the last line's win descent ends on the anchor.
    const [last] = lineBaselines([latin], 500, 2);
    expect(last! + (100 - ascent)).toBeCloseTo(500, 9);
    // A taller line below a Latin one: the block is their two heights, the second baseline its ascent
    // below the first line's bottom.
    const tall = { ascent: 90, descent: 50 };
    const [one, two] = lineBaselines([latin, tall], 500, 2);
    expect(two).toBeCloseTo(500 - 50, 9);
    expect(one).toBeCloseTo(500 - 240 + ascent, 9);
  });

  it('centres each line on the anchor and places tokens in reading order, spaces between words only', () => {
    const long = [
      { word: 'Pneumonoultramicroscopicsilicovolcanoconiosis', start: 0, end: 2 },
      ...evenWords('is long', 0.4, 2),
    ];
    const captions = clipCaptions(captionTrack(long, 'classic', TIKTOK, 30), 0, 90);
    const state = captions.states[0]!;
    expect(state.lines.length).toBeGreaterThan(1);
    const measure = (piece: LinePiece, fontSize: number) => measureShippedFont(piece.text, fontSize);
    for (const line of state.lines) {
      const placed = placeLine(line, captions.font, state.x, state.fontSize, measure);
      const width = measureShippedFont(captionLineText(line), state.fontSize);
      expect(placed[0]!.left).toBeCloseTo(state.x - width / 2, 9);
      for (let i = 1; i < placed.length; i++) expect(placed[i]!.left).toBeGreaterThan(placed[i - 1]!.left);
      expect(placed.map(({ piece }) => piece.text).join('')).toBe(captionLineText(line));
    }
    // The pieces of the cut word are joined without a space when read back.
    const pieces = state.lines.flatMap((line) => line.tokens).filter((token) => token.word === 0);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.slice(1).every((token) => !token.spaced)).toBe(true);
    expect(pieces.map((token) => token.text).join('')).toBe(long[0]!.word);
  });

  it('boxes every state inside the frame, and its lettering inside the safe area, for any words', () => {
    fc.assert(
      fc.property(wordsArbitrary(30), fc.constantFrom(...STYLES), fc.constantFrom(...FRAMES), (ws, style, frame) => {
        const captions = clipCaptions(captionTrack(ws, style, frame, 30), 0, 100_000);
        const area = safeArea(frame.width, frame.height);
        for (const state of captions.states) {
          const box = captionBox(state, (line) => measureShippedFont(captionLineText(line), state.fontSize));
          expect(box.left).toBeGreaterThanOrEqual(0);
          expect(box.top).toBeGreaterThanOrEqual(0);
          expect(box.right).toBeLessThanOrEqual(frame.width);
          expect(box.bottom).toBeLessThanOrEqual(frame.height);
          for (const line of state.lines) {
            const half = measureShippedFont(captionLineText(line), state.fontSize) / 2;
            expect(state.x - half).toBeGreaterThanOrEqual(area.left);
            expect(state.x + half).toBeLessThanOrEqual(area.right);
            expect(line.baseline).toBeLessThanOrEqual(area.bottom);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('fonts in the description', () => {
  const runsOf = (text: string, frames = 300) =>
    clipCaptions(captionTrack(evenWords(text, 0.4, 0.2), 'classic', FORMATS.youtube, 30), 0, frames);
  const allRuns = (captions: ReturnType<typeof runsOf>) =>
    captions.states.flatMap((state) => state.lines.flatMap((line) => line.tokens.flatMap((token) => token.runs)));

  it('names the shipped font for every run of a transcript it draws, and no fallback font', () => {
    const captions = runsOf('Once upon a time');
    expect(new Set(allRuns(captions).map((run) => run.family))).toEqual(new Set(['Noto Sans']));
    expect(clipFallbackFonts(captions)).toEqual([]);
  });

  it('names the fallback font of each run the shipped font lacks, and the clip needs exactly those', () => {
    const captions = runsOf('Hello مرحبا world');
    const runs = allRuns(captions);
    expect(runs.map((run) => [run.text, run.family])).toEqual([
      ['Hello', 'Noto Sans'],
      ['مرحبا', 'Noto Sans Arabic'],
      ['world', 'Noto Sans'],
    ]);
    expect(clipFallbackFonts(captions).map((font) => font.id)).toEqual(['arabic']);
    // A clip that shows only the Latin words of the same transcript needs no fallback font.
    const spoken = [
      { word: 'Hello.', start: 0, end: 0.4 },
      { word: 'مرحبا', start: 8, end: 8.4 },
    ];
    const latinOnly = clipCaptions(captionTrack(spoken, 'classic', FORMATS.youtube, 30), 0, 30);
    expect(allRuns(latinOnly).map((run) => run.text)).toEqual(['Hello.']);
    expect(clipFallbackFonts(latinOnly)).toEqual([]);
  });

  it('joins words of a script written without spaces, and cuts a mixed word into runs', () => {
    const captions = runsOf('我们 去 東京 OK版');
    const tokens = captions.states[0]!.lines.flatMap((line) => line.tokens);
    expect(tokens.map((token) => token.spaced)).toEqual([false, false, false, true]);
    expect(tokens.at(-1)!.runs).toEqual([
      { text: 'OK', family: 'Noto Sans' },
      { text: '版', family: 'Noto Sans SC' },
    ]);
  });
});
