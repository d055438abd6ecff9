import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proposeCuts } from './detect';
import { fillerMatcher } from './fillers';
import { timeline } from './tighten.fixture';
import { keptSpans, timeMap } from './time-map';

const FPS = 30;
const isFiller = fillerMatcher('en');

describe('filler words', () => {
  it('match however Whisper writes them, per language, and the person’s own', () => {
    expect(['Um,', 'umm', 'UHHH...', 'Hmmm?', 'erm'].every(isFiller)).toBe(true);
    expect(['like', 'so', 'them', 'em', 'a', 'I'].some(isFiller)).toBe(false);
    expect(fillerMatcher('fr')('Euh,')).toBe(true);
    expect(fillerMatcher('de')('Ähm')).toBe(true);
    expect(fillerMatcher('de')('er')).toBe(false);
    expect(fillerMatcher('en', ['basically'])('Basically,')).toBe(true);
  });
});

describe('proposed cuts', () => {
  it('take out a filler with the silence around it, and shorten a long pause to 0.4 s', () => {
    const words = [
      { word: 'We', start: 0.2, end: 0.5 },
      { word: 'um,', start: 0.7, end: 1.1 },
      { word: 'went', start: 1.3, end: 1.6 },
      { word: 'home.', start: 1.6, end: 2.0 },
      { word: 'Later', start: 4.0, end: 4.5 },
    ];
    const cuts = proposeCuts(words, 5, { language: 'en', fps: FPS });
    expect(cuts).toHaveLength(2);
    const [filler, pause] = cuts;
    expect(filler?.words).toEqual(['um,']);
    expect(filler!.start).toBeLessThanOrEqual(0.7);
    expect(filler!.end).toBeGreaterThanOrEqual(1.1);
    expect(filler!.start).toBeGreaterThanOrEqual(0.5);
    expect(filler!.end).toBeLessThanOrEqual(1.3);
    expect(pause?.words).toEqual([]);
    // 2 s of silence keep 0.4 s (to the nearest frame), split on both sides.
    expect(4.0 - 2.0 - (pause!.end - pause!.start)).toBeCloseTo(0.4, 1);
    expect(pause!.start - 2.0).toBeCloseTo(4.0 - pause!.end, 1);
  });

  it('leave pauses up to the threshold alone', () => {
    const words = [
      { word: 'One', start: 0, end: 0.5 },
      { word: 'two', start: 1.4, end: 2 },
    ];
    expect(proposeCuts(words, 2, { language: 'en', fps: FPS })).toEqual([]);
    expect(proposeCuts(words, 2, { language: 'en', fps: FPS, pauseOver: 0.5 })).toHaveLength(1);
  });

  it('are in order, never overlap, never split a kept word, and last whole frames', () => {
    fc.assert(
      fc.property(timeline, ({ words, duration }) => {
        const cuts = proposeCuts(words, duration, { language: 'en', fps: FPS });
        cuts.forEach((cut, i) => {
          expect(cut.end).toBeGreaterThan(cut.start);
          expect(cut.start).toBeGreaterThanOrEqual(0);
          expect(cut.end).toBeLessThanOrEqual(duration + 1e-9);
          const frames = (cut.end - cut.start) * FPS;
          expect(Math.abs(frames - Math.round(frames))).toBeLessThan(1e-6);
          if (i > 0) expect(cut.start).toBeGreaterThanOrEqual(cuts[i - 1]!.end - 1e-9);
          for (const word of words.filter((w) => !isFiller(w.word))) {
            expect(word.end <= cut.start + 1e-9 || word.start >= cut.end - 1e-9).toBe(true);
          }
        });
      }),
    );
  });

  it('take out every filler that has room around it, and leave no pause over the threshold', () => {
    fc.assert(
      fc.property(timeline, ({ words, duration }) => {
        const cuts = proposeCuts(words, duration, { language: 'en', fps: FPS });
        const { map } = timeMap(cuts);
        const kept = words.filter((w) => !isFiller(w.word));
        const edges = [0, ...kept.flatMap((w) => [w.start, w.end]), duration];
        for (let i = 0; i < edges.length; i += 2) {
          // Each silence between kept words (fillers gone) is at most 0.4 s plus a frame of rounding, or was never over 1 s.
          const before = edges[i + 1]! - edges[i]!;
          const after = map(edges[i + 1]!) - map(edges[i]!);
          expect(after).toBeLessThanOrEqual(Math.max(before, 0) + 1e-9);
          expect(after).toBeLessThanOrEqual(Math.max(0.4, Math.min(before, 1)) + 1 / FPS + 1e-9);
        }
        for (const filler of words.filter((w) => isFiller(w.word) && w.end - w.start > 2 / FPS)) {
          const covered = cuts.some((cut) => cut.start <= filler.start + 1 / FPS && cut.end >= filler.end - 1 / FPS);
          expect(covered).toBe(true);
        }
      }),
    );
  });
});

describe('the time map', () => {
  it('keeps every kept word’s length and order, is monotonic, and ends at the duration less what was cut', () => {
    fc.assert(
      fc.property(timeline, fc.array(fc.double({ min: 0, max: 60, noNaN: true })), ({ words, duration }, times) => {
        const cuts = proposeCuts(words, duration, { language: 'en', fps: FPS });
        const { map, unmap, removed } = timeMap(cuts);
        let previousEnd = -Infinity;
        for (const word of words.filter((w) => !isFiller(w.word))) {
          const start = map(word.start);
          const end = map(word.end);
          expect(end - start).toBeCloseTo(word.end - word.start, 9);
          expect(start).toBeGreaterThanOrEqual(previousEnd - 1e-9);
          previousEnd = end;
        }
        const sorted = [...times].sort((a, b) => a - b);
        sorted.forEach((t, i) => i > 0 && expect(map(t)).toBeGreaterThanOrEqual(map(sorted[i - 1]!) - 1e-9));
        expect(map(duration)).toBeCloseTo(duration - removed, 9);
        // Back to the recording: every kept word starts where it was said.
        for (const word of words.filter((w) => !isFiller(w.word))) {
          expect(unmap(map(word.start))).toBeCloseTo(word.start, 6);
        }
        const kept = keptSpans(cuts, duration).reduce((sum, span) => sum + span.end - span.start, 0);
        expect(kept).toBeCloseTo(duration - removed, 9);
      }),
    );
  });

  it('sends a time inside a cut to where the cut was', () => {
    const { map, unmap, removed } = timeMap([
      { start: 1, end: 2 },
      { start: 5, end: 5.5 },
    ]);
    expect([0.5, 1, 1.5, 2, 3, 5.2, 6].map(map)).toEqual([0.5, 1, 1, 1, 2, 4, 4.5]);
    expect([0.5, 1, 2, 4, 4.5].map(unmap)).toEqual([0.5, 2, 3, 5.5, 6]);
    expect(removed).toBe(1.5);
  });
});
