// Line breaking: lines fit the width, words keep their order, a too-long word is cut, never lost.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { breakLines, lineText } from './lines';

const chars = (text: string) => [...text].length;

describe('breakLines', () => {
  it('fills lines up to the width, keeping every character of every word in order', () => {
    const word = fc.stringMatching(/^[a-zéàçΩж]{1,30}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 50 }), (words, width) => {
        const lines = breakLines(words, width, chars);
        for (const line of lines) expect(chars(lineText(line))).toBeLessThanOrEqual(width);
        const pieces = lines.flat();
        const rebuilt = words.map((_, i) =>
          pieces
            .filter((token) => token.word === i)
            .map((token) => token.text)
            .join(''),
        );
        expect(rebuilt).toEqual(words);
        expect(pieces.map((token) => token.word)).toEqual([...pieces.map((token) => token.word)].sort((a, b) => a - b));
      }),
    );
  });

  it('breaks between words first, and cuts a word only when it is wider than a line', () => {
    expect(breakLines(['the', 'quick', 'brown', 'fox'], 10, chars).map(lineText)).toEqual(['the quick', 'brown fox']);
    expect(breakLines(['Anticonstitutionnellement'], 10, chars).map(lineText)).toEqual([
      'Anticonsti',
      'tutionnell',
      'ement',
    ]);
  });
});
