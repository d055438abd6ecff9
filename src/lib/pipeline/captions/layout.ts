// How each caption style sits in the frame: font size, lines, and position inside the safe area.
import type { Word } from '../transcript';
import { groupWords, type CaptionGroup } from './groups';
import { lineExtent } from './family-size';
import { CAPTION_FONT } from './font';
import { breakLines, lineText, type Line } from './lines';
import type { LineMeasure, TextMeasure } from './measure';
import { safeArea, type SafeArea } from './safe-area';
import type { CaptionStyleId } from './styles';

export type DrawnStyleId = Exclude<CaptionStyleId, 'none'>;

export interface StyleSpec {
  /** ASS font size as a fraction of the frame's shorter side. */
  size: number;
  /** Outline thickness as a fraction of the font size (legible over any picture). */
  outline: number;
  shadow: number;
  maxWords: number;
  maxLines: number;
  /** Where the block's anchor sits: the middle of the safe area's lower part, or its bottom edge. */
  anchor: 'lower-middle' | 'bottom';
  highlight: 'word' | 'spoken' | 'none';
  breakAtClauses: boolean;
}

export const STYLE_SPECS: Record<DrawnStyleId, StyleSpec> = {
  // Big and bold, a few words, lit word by word (the short-video look).
  word: {
    size: 0.11,
    outline: 0.08,
    shadow: 0.03,
    maxWords: 3,
    maxLines: 2,
    anchor: 'lower-middle',
    highlight: 'word',
    breakAtClauses: true,
  },
  // One line of the sentence; words light up and stay lit as they are spoken.
  karaoke: {
    size: 0.07,
    outline: 0.07,
    shadow: 0.03,
    maxWords: 12,
    maxLines: 1,
    anchor: 'bottom',
    highlight: 'spoken',
    breakAtClauses: false,
  },
  // Television subtitles: one or two lines at the bottom.
  classic: {
    size: 0.055,
    outline: 0.07,
    shadow: 0.04,
    maxWords: 20,
    maxLines: 2,
    anchor: 'bottom',
    highlight: 'none',
    breakAtClauses: false,
  },
};

/** Longest a caption may stay on screen (the subtitle convention). */
const MAX_CAPTION_S = 7;
/** The measured width may be this far off libass's (kerning, hinting): lines are filled to 92 %. */
const WIDTH_MARGIN = 0.92;

export interface Frame {
  width: number;
  height: number;
}

export interface GroupLayout {
  fontSize: number;
  outline: number;
  shadow: number;
  lines: Line[];
  /** Anchor point in pixels and ASS alignment (5 = centred on it, 2 = bottom-centred on it). */
  x: number;
  y: number;
  alignment: 2 | 5;
}

function metrics(
  spec: StyleSpec,
  frame: Frame,
  fontSize = Math.round(spec.size * Math.min(frame.width, frame.height)),
) {
  const outline = Math.max(1, Math.round(fontSize * spec.outline));
  const shadow = Math.round(fontSize * spec.shadow);
  const area = safeArea(frame.width, frame.height);
  // The outline (and shadow on one side) is drawn outside the glyphs.
  const maxWidth = (area.right - area.left - 2 * outline - shadow) * WIDTH_MARGIN;
  return { fontSize, outline, shadow, area, maxWidth };
}

/** Groups for a style: limited by word count, duration and what fits its lines in this frame. */
export function groupsForStyle(words: Word[], style: DrawnStyleId, frame: Frame, measure: TextMeasure): CaptionGroup[] {
  const spec = STYLE_SPECS[style];
  const { fontSize, maxWidth } = metrics(spec, frame);
  const width = (text: string) => measure(text, fontSize);
  return groupWords(words, {
    maxWords: spec.maxWords,
    maxDuration: MAX_CAPTION_S,
    breakAtClauses: spec.breakAtClauses,
    fits: (texts) => breakLines(texts, maxWidth, width).length <= spec.maxLines,
  });
}

const shippedExtent: LineMeasure = (_text, fontSize) => lineExtent([CAPTION_FONT.family], fontSize);

/**
 * Lines and position of one group. A group that needs more lines than fit the safe area (a word far
 * longer than a line) keeps every piece and shrinks the font until the block fits. `extent` says how
 * tall a line is (a line in a fallback font with tall metrics, such as Arabic, is taller).
 */
export function layoutGroup(
  texts: string[],
  style: DrawnStyleId,
  frame: Frame,
  measure: TextMeasure,
  extent: LineMeasure = shippedExtent,
): GroupLayout {
  const spec = STYLE_SPECS[style];
  let m = metrics(spec, frame);
  let lines = breakLines(texts, m.maxWidth, (text) => measure(text, m.fontSize));
  const area: SafeArea = m.area;
  const maxHeight = area.bottom - area.top - 2 * m.outline - m.shadow;
  const blockHeight = () =>
    lines.reduce((sum, line) => {
      const { ascent, descent } = extent(lineText(line), m.fontSize);
      return sum + ascent + descent;
    }, 0);
  while (blockHeight() > maxHeight && m.fontSize > 12) {
    m = metrics(spec, frame, Math.round(m.fontSize * 0.85));
    lines = breakLines(texts, m.maxWidth, (text) => measure(text, m.fontSize));
  }
  const x = Math.round((area.left + area.right) / 2);
  const bottom = area.bottom - m.outline - m.shadow;
  const alignment = spec.anchor === 'bottom' ? 2 : 5;
  // Lower-middle: centred at two thirds of the safe height, lowered no further than its bottom edge.
  const half = blockHeight() / 2 + m.outline;
  const middle = Math.max(Math.min(area.top + (area.bottom - area.top) * 0.66, bottom - half), area.top + half);
  const y = spec.anchor === 'bottom' ? bottom : Math.round(middle);
  return { fontSize: m.fontSize, outline: m.outline, shadow: m.shadow, lines, x, y, alignment };
}
