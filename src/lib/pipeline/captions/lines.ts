// Line breaking for captions: words fill lines up to a width, and a word wider than a line is cut in pieces.

/** A piece of a word on a line: which word (index in the group) and its text (all of it, or a part). */
export interface Token {
  word: number;
  text: string;
}

export type Line = Token[];

/** Scripts written without spaces between words (Chinese, Japanese), with their punctuation. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

/** What separates two words: a space, except between two words of a script written without spaces. */
export function wordGap(before: string, after: string): string {
  const last = [...before].at(-1) ?? '';
  const first = [...after][0] ?? '';
  return UNSPACED.test(last) && UNSPACED.test(first) ? '' : ' ';
}

/** The text of a line: pieces of different words are separated by a space, pieces of one word are not. */
export function lineText(line: Line): string {
  return line
    .map((token, i) => {
      const previous = line[i - 1];
      return (previous && previous.word !== token.word ? wordGap(previous.text, token.text) : '') + token.text;
    })
    .join('');
}

/** Cuts a word into pieces that each fit `maxWidth` (at least one character per piece). */
function splitWord(text: string, maxWidth: number, width: (text: string) => number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of text) {
    if (piece && width(piece + char) > maxWidth) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  return piece ? [...pieces, piece] : pieces;
}

/**
 * Greedy line filling: each word goes on the current line if the line still fits `maxWidth`, else on
 * a new line; a word too wide for any line is cut into pieces that fit (nothing runs off the frame).
 */
export function breakLines(words: string[], maxWidth: number, width: (text: string) => number): Line[] {
  const lines: Line[] = [];
  let line: Line = [];
  words.forEach((text, word) => {
    const candidate = [...line, { word, text }];
    if (line.length === 0 || width(lineText(candidate)) <= maxWidth) {
      if (line.length === 0 && width(text) > maxWidth) {
        const pieces = splitWord(text, maxWidth, width);
        for (const piece of pieces.slice(0, -1)) lines.push([{ word, text: piece }]);
        line = [{ word, text: pieces.at(-1) as string }];
      } else line = candidate;
      return;
    }
    lines.push(line);
    line = [];
    if (width(text) > maxWidth) {
      const pieces = splitWord(text, maxWidth, width);
      for (const piece of pieces.slice(0, -1)) lines.push([{ word, text: piece }]);
      line = [{ word, text: pieces.at(-1) as string }];
    } else line = [{ word, text }];
  });
  if (line.length > 0) lines.push(line);
  return lines;
}
