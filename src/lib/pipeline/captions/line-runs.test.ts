// A caption line as the canvas draws it: pieces of one font each, right-to-left words reversed as libass lays them out.
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../formats';
import { lineWidth, linePieces, placeLine, visualOrder, type LinePiece } from './line-runs';
import { clipCaptions, type ClipCaptions } from './scene';
import { captionTrack } from './track';
import { evenWords } from './words.fixture';

const firstLine = (captions: ClipCaptions) => captions.states[0]!.lines[0]!;
const captionsOf = (text: string) =>
  clipCaptions(captionTrack(evenWords(text, 0.4, 0.2), 'classic', FORMATS.youtube, 30), 0, 300);
/** Every character 10 px wide, whatever its font. */
const tenEach = (piece: LinePiece) => [...piece.text].length * 10;

describe('caption line pieces', () => {
  it('keeps a left-to-right line in reading order, with spaces in the font before them', () => {
    const captions = captionsOf('Hello مرحبا world');
    const pieces = linePieces(firstLine(captions), captions.font);
    expect(pieces.map((piece) => [piece.text, piece.family])).toEqual([
      ['Hello', 'Noto Sans'],
      [' ', 'Noto Sans'],
      ['مرحبا', 'Noto Sans Arabic'],
      [' ', 'Noto Sans Arabic'],
      ['world', 'Noto Sans'],
    ]);
    expect(visualOrder(pieces)).toEqual(pieces);
  });

  it('places right-to-left words from right to left, and a stretch of them inside a Latin line reversed', () => {
    const arabic = captionsOf('مرحبا بكم في العالم');
    const placed = placeLine(firstLine(arabic), arabic.font, 500, 48, tenEach);
    // The first word spoken is the rightmost one.
    expect(placed.map(({ piece }) => piece.text).join('')).toBe('العالم في بكم مرحبا');
    expect(placed.every(({ piece }) => piece.rtl !== false)).toBe(true);
    const mixed = captionsOf('I said שלום לכם today');
    expect(
      visualOrder(linePieces(firstLine(mixed), mixed.font))
        .map((piece) => piece.text)
        .join(''),
    ).toBe('I said לכם שלום today');
  });

  it('centres the line on its anchor, its width the sum of its pieces', () => {
    const captions = captionsOf('Hello مرحبا world');
    const line = firstLine(captions);
    const placed = placeLine(line, captions.font, 500, 48, tenEach);
    const width = lineWidth(line, captions.font, 48, tenEach);
    expect(width).toBe(170);
    expect(placed[0]!.left).toBe(500 - width / 2);
    expect(placed.at(-1)!.left + 50).toBe(500 + width / 2);
  });
});
