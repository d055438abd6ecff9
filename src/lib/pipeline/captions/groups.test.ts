// Caption groups: every word once, in order, broken at sentences and pauses, never lingering through silence.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { groupWords, LINGER_S, PAUSE_S } from './groups';
import { evenWords, wordsArbitrary } from './words.fixture';

const LIMITS = { maxWords: 3, maxDuration: 7 };

describe('groupWords', () => {
  it('puts every word in exactly one group, in order, groups never overlapping', () => {
    fc.assert(
      fc.property(wordsArbitrary(), fc.integer({ min: 1, max: 12 }), (words, maxWords) => {
        const groups = groupWords(words, { maxWords, maxDuration: 7 });
        expect(groups.flatMap((group) => group.words)).toEqual(words);
        for (const [i, group] of groups.entries()) {
          expect(group.words.length).toBeGreaterThan(0);
          expect(group.words.length).toBeLessThanOrEqual(maxWords);
          expect(group.start).toBe(group.words[0]!.start);
          expect(group.end).toBeGreaterThanOrEqual(group.words.at(-1)!.end);
          const next = groups[i + 1];
          if (next) expect(group.end).toBeLessThanOrEqual(next.start);
        }
      }),
    );
  });

  it('never keeps a caption on screen through a long silence, and bridges short gaps', () => {
    fc.assert(
      fc.property(wordsArbitrary(), (words) => {
        for (const group of groupWords(words, LIMITS)) {
          expect(group.end - group.words.at(-1)!.end).toBeLessThanOrEqual(LINGER_S + 1e-9);
        }
      }),
    );
    const [first, second] = groupWords(evenWords('One two three. Four'), LIMITS);
    expect(first!.end).toBe(second!.start);
  });

  it('breaks after a sentence end and at a pause, even below the word limit', () => {
    const words = evenWords('Hello there. General Kenobi');
    expect(groupWords(words, { maxWords: 10, maxDuration: 7 }).map((g) => g.words.length)).toEqual([2, 2]);
    const paused = [
      { word: 'wait', start: 0, end: 0.4 },
      { word: 'for', start: 0.4 + PAUSE_S, end: 1.2 + PAUSE_S },
    ];
    expect(groupWords(paused, { maxWords: 10, maxDuration: 7 })).toHaveLength(2);
  });

  it('ignores scene cuts: a sentence crossing a cut stays one caption', () => {
    // Scene boundaries are not an input at all; this checks the group spans a cut at 1.0 s.
    const [group] = groupWords(evenWords('across the cut', 0.4, 0.6), LIMITS);
    expect(group!.start).toBeLessThan(1);
    expect(group!.end).toBeGreaterThan(1);
  });

  it('asks whether the words still fit, and a single word always goes', () => {
    const fits = (texts: string[]) => texts.join(' ').length <= 10;
    const groups = groupWords(evenWords('a tremendously long word and more'), { maxWords: 5, maxDuration: 7, fits });
    expect(groups.map((g) => g.words.map((w) => w.word).join(' '))).toEqual([
      'a',
      'tremendously',
      'long word',
      'and more',
    ]);
  });
});
