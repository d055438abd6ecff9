import { describe, expect, it } from 'vitest';
import { segmentsFor, speechRegions, spreadWords } from './word-timing';

describe('speechRegions', () => {
  it('is the complement of the silences inside the audio, ignoring slivers', () => {
    const silent = [
      { start: 0, end: 0.4 },
      { start: 2.74, end: 3.1 },
      { start: 3.12, end: 3.13 },
      { start: 8.7, end: undefined },
    ];
    expect(speechRegions(silent, 9.08)).toEqual([
      { start: 0.4, end: 2.74 },
      { start: 3.13, end: 8.7 },
    ]);
  });

  it('is the whole file when nothing is silent', () => {
    expect(speechRegions([], 4)).toEqual([{ start: 0, end: 4 }]);
  });
});

describe('spreadWords', () => {
  const regions = [
    { start: 0.5, end: 2.5 },
    { start: 3.5, end: 6 },
  ];
  const script = 'Galileo was an American program. It studied Jupiter and its moons, as well.';

  it('places every word, in order, inside the speech and proportionally to its length', () => {
    const words = spreadWords(script, regions);
    expect(words.map((w) => w.word)).toEqual(script.split(' '));
    for (const word of words) {
      const inside = regions.some((r) => word.start >= r.start - 0.005 && word.end <= r.end + 0.025);
      expect(inside, JSON.stringify(word)).toBe(true);
    }
    const galileo = words[0]!;
    const an = words[2]!;
    expect(galileo.end - galileo.start).toBeGreaterThan(2 * (an.end - an.start));
    expect(words[0]!.start).toBe(0.5);
    expect(words.at(-1)!.end).toBe(6);
  });

  it("keeps Groq's quirks: punctuation in words, two decimals, a word before a comma overlapping the next", () => {
    const words = spreadWords(script, regions);
    const moons = words.findIndex((w) => w.word === 'moons,');
    expect(words[moons]!.end).toBeGreaterThan(words[moons + 1]!.start);
    for (const word of words) expect(Math.round(word.start * 100)).toBeCloseTo(word.start * 100, 6);
  });

  it('puts a pause between sentences when the length share lands a word or two off', () => {
    // By length alone "It" would still fall before the pause (55% of the letters, 59% of the speech).
    const spoken = 'Galileo studied the planet Jupiter and its moons. It was launched in nineteen eighty nine.';
    const words = spreadWords(spoken, [
      { start: 0, end: 3.06 },
      { start: 3.42, end: 5.54 },
    ]);
    expect(words.find((w) => w.word === 'It')!.start).toBe(3.42);
    expect(words.find((w) => w.word === 'moons.')!.end).toBeLessThanOrEqual(3.08);
  });

  it('keeps every word near its share of a long recording, leaving no stretch of speech without words', () => {
    // Ten minutes of clauses of 2-20 words in sentences of one to four clauses, each clause spoken as
    // one region (its length by letters) with a pause after it, as espeak-ng reads prose.
    const clauses = Array.from({ length: 160 }, (_, i) => {
      const words = Array.from({ length: 2 + ((i * 7) % 19) }, (_, j) => ['word', 'another', 'it', 'sentence'][j % 4]);
      return `${words.join(' ')}${i % 4 === 3 || i % 5 === 0 ? '.' : ','}`;
    });
    const regions: { start: number; end: number }[] = [];
    let t = 0.5;
    for (const clause of clauses) {
      const seconds = clause.replace(/\W/g, '').length * 0.07 + clause.split(' ').length * 0.07;
      regions.push({ start: t, end: t + seconds });
      t += seconds + (clause.endsWith('.') ? 0.9 : 0.3);
    }
    const words = spreadWords(clauses.join(' '), regions);
    const spoken = regions.filter((r) => words.some((w) => w.start >= r.start - 0.005 && w.start < r.end));
    expect(spoken).toHaveLength(regions.length);
    const gaps = words.slice(1).map((w, i) => w.start - words[i]!.end);
    expect(Math.max(...gaps)).toBeLessThan(1);
  });

  it('gives no words for silence or an empty script', () => {
    expect(spreadWords(script, [])).toEqual([]);
    expect(spreadWords('  ', regions)).toEqual([]);
  });

  it('groups the words of each region into one verbose_json segment', () => {
    const segments = segmentsFor(spreadWords(script, regions), regions);
    expect(segments).toHaveLength(2);
    expect(segments[0]).toMatchObject({ id: 0, start: 0.5, end: 2.5, temperature: 0 });
    expect(segments[0]!.text.startsWith(' Galileo')).toBe(true);
    expect(segments.map((s) => s.text).join('')).toBe(` ${script}`);
  });
});
