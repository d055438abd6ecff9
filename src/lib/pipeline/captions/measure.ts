// Caption text widths in pixels, from the shipped font's advance table (no DOM, no font loading).
import { FONT_METRICS } from './font-metrics';

/** Width in pixels of `text` drawn at ASS font size `fontSize` (libass's size: the font's win height). */
export type TextMeasure = (text: string, fontSize: number) => number;

const advances = new Map<number, number>();
for (const [first, ...widths] of FONT_METRICS.advances) {
  widths.forEach((width, i) => advances.set((first as number) + i, width));
}

/**
 * Measures with the shipped font's advances (no kerning, which only narrows bold text, so wrapping
 * errs on the safe side). Characters outside the table count as a wide letter: CJK and other fallback
 * scripts are wider than the mean, so they count as one em.
 */
export const measureShippedFont: TextMeasure = (text, fontSize) => {
  let units = 0;
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    units += advances.get(code) ?? (code < 0x530 ? FONT_METRICS.meanAdvance : FONT_METRICS.unitsPerEm);
  }
  return (units / FONT_METRICS.winHeight) * fontSize;
};
