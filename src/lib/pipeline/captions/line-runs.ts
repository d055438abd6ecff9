// A caption line as the canvas draws it: pieces of one font and one colour each, in the order they
// appear from left to right. Libass (with FriBidi) lays a line out in a left-to-right paragraph
// (the style's encoding is not -1): a stretch of right-to-left words (Arabic, Hebrew) is reversed as
// a whole, and each piece's own letters are shaped and ordered by the font's shaper (the canvas's
// `direction` does that part).
import type { CaptionLine, Rgba } from './scene';

export interface LinePiece {
  text: string;
  family: string;
  fill: Rgba;
  /** Written right to left (its letters are Arabic or Hebrew); undefined for spaces and punctuation. */
  rtl: boolean | undefined;
}

const RTL = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;
const STRONG = /[\p{L}\p{N}]/u;

function direction(text: string): boolean | undefined {
  if (RTL.test(text)) return true;
  return STRONG.test(text) ? false : undefined;
}

/** The line's pieces in reading order: each token's runs, a space (in the font before it) between words. */
export function linePieces(line: CaptionLine, font: string): LinePiece[] {
  const pieces: LinePiece[] = [];
  let family = font;
  for (const token of line.tokens) {
    if (token.spaced) pieces.push({ text: ' ', family, fill: token.fill, rtl: undefined });
    for (const run of token.runs) {
      pieces.push({ text: run.text, family: run.family, fill: token.fill, rtl: direction(run.text) });
      family = run.family;
    }
  }
  return pieces;
}

/**
 * The pieces from left to right in a left-to-right paragraph: every stretch that starts and ends with
 * a right-to-left piece, with only right-to-left pieces and spaces or punctuation between, is reversed.
 */
export function visualOrder(pieces: LinePiece[]): LinePiece[] {
  const out: LinePiece[] = [];
  let i = 0;
  while (i < pieces.length) {
    if (pieces[i]?.rtl !== true) {
      out.push(pieces[i] as LinePiece);
      i += 1;
      continue;
    }
    let end = i;
    for (let j = i + 1; j < pieces.length && pieces[j]?.rtl !== false; j += 1) {
      if (pieces[j]?.rtl === true) end = j;
    }
    out.push(...pieces.slice(i, end + 1).reverse());
    i = end + 1;
  }
  return out;
}

/** Width in pixels of a piece drawn in its own font at libass font size `fontSize`. */
export type PieceMeasure = (piece: LinePiece, fontSize: number) => number;

export interface PlacedPiece {
  piece: LinePiece;
  /** Left edge in frame pixels. */
  left: number;
}

/** Width of the whole line: its pieces side by side. */
export function lineWidth(line: CaptionLine, font: string, fontSize: number, measure: PieceMeasure): number {
  return linePieces(line, font).reduce((sum, piece) => sum + measure(piece, fontSize), 0);
}

/** The line's pieces from left to right, the whole centred on `x` as libass centres every line. */
export function placeLine(
  line: CaptionLine,
  font: string,
  x: number,
  fontSize: number,
  measure: PieceMeasure,
): PlacedPiece[] {
  const pieces = visualOrder(linePieces(line, font)).map((piece) => ({ piece, width: measure(piece, fontSize) }));
  let left = x - pieces.reduce((sum, { width }) => sum + width, 0) / 2;
  return pieces.map(({ piece, width }) => {
    const placed = { piece, left };
    left += width;
    return placed;
  });
}
