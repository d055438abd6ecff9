// Test equipment: random transcripts (ordered, non-overlapping words with pauses and punctuation).
import fc from 'fast-check';
import type { Word } from '../transcript';

const VOCABULARY = [
  'the',
  'fox',
  'river',
  'a',
  'boat',
  'of',
  'bark',
  'café',
  'déjà',
  'garçon',
  'à',
  'Ωμέγα',
  'привет',
  'extraordinarily',
  'I',
  'sea.',
  'light,',
  'water!',
  'why?',
  'and',
  'she',
  'decided',
  '"quoted"',
  'l’eau',
  'Anticonstitutionnellement',
  'Straße',
  '42',
  'naïve',
  'mañana',
  'ok.',
];

export const wordsArbitrary = (maxLength = 60): fc.Arbitrary<Word[]> =>
  fc
    .array(
      fc.record({
        word: fc.constantFrom(...VOCABULARY),
        // Mostly speech-like gaps, sometimes a pause or a long silence.
        gap: fc.oneof(
          fc.constant(0),
          fc.double({ min: 0, max: 0.3, noNaN: true }),
          fc.double({ min: 0.3, max: 4, noNaN: true }),
        ),
        length: fc.double({ min: 0.01, max: 1.2, noNaN: true }),
      }),
      { minLength: 1, maxLength },
    )
    .map((items) => {
      let t = 0;
      return items.map(({ word, gap, length }) => {
        const start = t + gap;
        t = start + length;
        return { word, start, end: t };
      });
    });

/** Words at a fixed pace: `text` split on spaces, `seconds` each, back to back from `start`. */
export function evenWords(text: string, seconds = 0.4, start = 0): Word[] {
  return text.split(' ').map((word, i) => ({ word, start: start + i * seconds, end: start + (i + 1) * seconds }));
}
