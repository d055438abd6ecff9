// Caption text widths in pixels, from the fonts' advance tables (no DOM, no font loading).
import type { CaptionFaces } from './coverage';
import { lineExtent, type LineExtent } from './family-size';
import { fallbackAdvance } from './fallback-fonts';
import { FONT_METRICS } from './font-metrics';
import { fontRuns, lineFamilies } from './scene';

/** Width in pixels of `text` drawn at ASS font size `fontSize` (libass's size: the font's win height). */
export type TextMeasure = (text: string, fontSize: number) => number;

const advances = new Map<number, number>();
for (const [first, ...widths] of FONT_METRICS.advances) {
  widths.forEach((width, i) => advances.set((first as number) + i, width));
}

/** Width of one character in the shipped font, as a fraction of the font size. */
function shippedAdvance(code: number): number {
  const units = advances.get(code) ?? (code < 0x530 ? FONT_METRICS.meanAdvance : FONT_METRICS.unitsPerEm);
  return units / FONT_METRICS.winHeight;
}

/**
 * Measures with the shipped font's advances (no kerning, which only narrows bold text, so wrapping
 * errs on the safe side). Characters outside the table count as a wide letter: CJK and other fallback
 * scripts are wider than the mean, so they count as one em.
 */
export const measureShippedFont: TextMeasure = (text, fontSize) => {
  let width = 0;
  for (const char of text) width += shippedAdvance(char.codePointAt(0) as number);
  return width * fontSize;
};

/**
 * Measures each character in the font that draws it: the shipped font, or the transcript's fallback
 * font with its own widths (at the shipped font's em).
 */
export function measureFaces(faces: CaptionFaces): TextMeasure {
  if (faces.fallbacks.length === 0) return measureShippedFont;
  return (text, fontSize) => {
    let width = 0;
    for (const char of text) {
      const code = char.codePointAt(0) as number;
      const font = faces.fontOf(char);
      width += (font && fallbackAdvance(font, code)) ?? shippedAdvance(code);
    }
    return width * fontSize;
  };
}

/** How far a line of `text` at ASS font size `fontSize` reaches above and below its baseline. */
export type LineMeasure = (text: string, fontSize: number) => LineExtent;

/** A line's reach from the fonts its letters are drawn in: the runs the clip's description cuts it into. */
export function lineExtentOf(faces: CaptionFaces): LineMeasure {
  return (text, fontSize) => lineExtent(lineFamilies(fontRuns(text, faces)), fontSize);
}
