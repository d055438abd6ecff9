import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import galileo from '../../../tests/fixtures/groq-verbose-words-galileo.json';
import { normalizeWords, type Word } from './transcript';

describe('normalizeWords', () => {
  it('trims, drops empty words and keeps order', () => {
    const words = normalizeWords(
      [
        { word: ' Hello', start: 0, end: 0.4 },
        { word: '   ', start: 0.4, end: 0.5 },
        { word: 'world. ', start: 0.5, end: 0.9 },
      ],
      2,
    );
    expect(words).toEqual([
      { word: 'Hello', start: 0, end: 0.4 },
      { word: 'world.', start: 0.5, end: 0.9 },
    ]);
  });

  it('clamps the overlaps and backward steps of a real Groq response', () => {
    const words = normalizeWords(galileo.words, galileo.duration);
    expect(words).toHaveLength(galileo.words.length);
    const moons = words.findIndex((w) => w.word === 'moons,');
    expect(words[moons]).toEqual({ word: 'moons,', start: 4.9, end: 5.68 });
    expect(words[moons + 1]).toEqual({ word: 'as', start: 5.68, end: 5.84 });
    const earth = words.findIndex((w, i) => w.word === 'Earth,' && words[i - 1]?.word === 'and');
    expect(words[earth]!.start).toBeGreaterThanOrEqual(words[earth - 1]!.start);
    expect(words[earth - 1]!.end).toBeLessThanOrEqual(words[earth]!.start);
  });

  it('clamps everything into [0, duration]', () => {
    const words = normalizeWords(
      [
        { word: 'early', start: -1, end: 0.5 },
        { word: 'late', start: 9, end: 12 },
      ],
      10,
    );
    expect(words).toEqual([
      { word: 'early', start: 0, end: 0.5 },
      { word: 'late', start: 9, end: 10 },
    ]);
  });

  it('always yields a monotonic, non-overlapping timeline inside the audio', () => {
    const word = fc.record({
      word: fc.string({ maxLength: 6 }),
      start: fc.double({ min: -5, max: 100, noNaN: true }),
      end: fc.double({ min: -5, max: 100, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), fc.double({ min: 0, max: 90, noNaN: true }), (raw, duration) => {
        const words: Word[] = normalizeWords(raw, duration);
        expect(words.length).toBe(raw.filter((w) => w.word.trim()).length);
        words.forEach((w, i) => {
          expect(w.word).toBe(w.word.trim());
          expect(w.start).toBeGreaterThanOrEqual(0);
          expect(w.end).toBeLessThanOrEqual(duration);
          expect(w.end).toBeGreaterThanOrEqual(w.start);
          const next = words[i + 1];
          if (next) {
            expect(next.start).toBeGreaterThanOrEqual(w.start);
            expect(w.end).toBeLessThanOrEqual(next.start);
          }
        });
      }),
    );
  });
});
