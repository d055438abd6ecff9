// The size each caption font is drawn at. Libass sizes every font so that its own win height (ascent
// + descent) is the font size: a fallback font with tall win metrics (Noto Sans Arabic's are 1.43
// times the shipped font's) came out at 70 % of the Latin letters' size. Like a browser drawing a
// fallback font at the same CSS size, every font now has the shipped font's em: a fallback run's ASS
// size is the line's size scaled by its win height over the shipped font's, and a line is as tall as
// the tallest font on it reaches (as libass stacks lines: each line's largest ascent and descent).
import { FALLBACK_FONTS } from './fallback-font-list';
import { FALLBACK_METRICS } from './fallback-metrics';
import { CAPTION_FONT } from './font';
import { FONT_METRICS } from './font-metrics';

interface WinMetrics {
  winHeight: number;
  winAscent: number;
}

const byFamily = new Map<string, WinMetrics>([
  [CAPTION_FONT.family, FONT_METRICS],
  ...FALLBACK_FONTS.map((font) => [font.family, FALLBACK_METRICS[font.id]] as const),
]);

function metricsOf(family: string): WinMetrics {
  return byFamily.get(family) ?? FONT_METRICS;
}

/** The ASS font size (`\fs`) of a run in `family` on a line of size `fontSize`, to 1/100 px. */
export function runFontSize(family: string, fontSize: number): number {
  const { winHeight } = metricsOf(family);
  return winHeight === FONT_METRICS.winHeight
    ? fontSize
    : Math.round((fontSize * winHeight * 100) / FONT_METRICS.winHeight) / 100;
}

/** The em size in pixels (what a canvas font size means) of a run in `family` on a line of size `fontSize`. */
export function familyEmSize(family: string, fontSize: number): number {
  return (runFontSize(family, fontSize) * 1000) / metricsOf(family).winHeight;
}

export interface LineExtent {
  /** Pixels above the baseline and below it. */
  ascent: number;
  descent: number;
}

/**
 * How far a line drawn in these families reaches above and below its baseline, at size `fontSize`:
 * its tallest font's win ascent and deepest win descent.
 */
export function lineExtent(families: Iterable<string>, fontSize: number): LineExtent {
  let [ascent, descent] = [0, 0];
  for (const family of families) {
    const { winHeight, winAscent } = metricsOf(family);
    const size = runFontSize(family, fontSize);
    ascent = Math.max(ascent, (size * winAscent) / winHeight);
    descent = Math.max(descent, (size * (winHeight - winAscent)) / winHeight);
  }
  return ascent + descent > 0 ? { ascent, descent } : lineExtent([CAPTION_FONT.family], fontSize);
}
