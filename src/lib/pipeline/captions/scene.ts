// What a captioned clip shows, frame by frame: the one description both render engines draw from.
// The ASS document libass burns in (ffmpeg.wasm, ./ass.ts) and the canvas drawer of the WebCodecs
// engine are both written from it, so line breaks, positions, colours, sizes and timing are decided
// here once. Horizontal glyph placement inside a line is the font's (shaping and kerning): libass and
// the canvas each shape with the same font file, and both centre every line on the same anchor.
import type { Box } from '../i420-overlay';
import type { CaptionFaces } from './coverage';
import { FALLBACK_FONTS, type FallbackFont } from './fallback-font-list';
import { lineExtent, type LineExtent } from './family-size';
import { CAPTION_FONT } from './font';
import { STYLE_SPECS, type DrawnStyleId } from './layout';
import { lineText, wordGap, type Line } from './lines';
import type { CaptionTrack } from './track';

/** A colour in 0-255 channels; `a` is the opacity (255 = opaque). */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

export const CAPTION_COLOURS = {
  text: { r: 255, g: 255, b: 255, a: 255 },
  /** A warm yellow. */
  highlight: { r: 255, g: 229, b: 0, a: 255 },
  outline: { r: 0, g: 0, b: 0, a: 255 },
  /** Half-transparent black. */
  shadow: { r: 0, g: 0, b: 0, a: 127 },
} as const satisfies Record<string, Rgba>;

/** A stretch of a token's text drawn by one font. */
export interface CaptionRun {
  text: string;
  /** Family name inside the font file that draws it: the shipped font's, or a fallback font's. */
  family: string;
}

export interface CaptionToken {
  /** Index of the word in its group (a word too long for a line is cut into several tokens). */
  word: number;
  text: string;
  /**
   * A space separates it from the token before (pieces of one cut word join without one, and so do
   * words of a script written without spaces, such as Chinese).
   */
  spaced: boolean;
  fill: Rgba;
  /** Its text cut where the font that draws it changes (one run when the shipped font draws it all). */
  runs: CaptionRun[];
}

export interface CaptionLine extends LineExtent {
  tokens: CaptionToken[];
  /** Baseline in frame pixels; the line is centred on its state's `x`. */
  baseline: number;
}

/** One stretch of frames showing the same lettering. */
export interface CaptionState {
  /** The clip's own frames [startFrame, endFrame) that show it. */
  startFrame: number;
  endFrame: number;
  /** The highlighted (spoken) word of the group, when the style lights words. */
  spoken: number | undefined;
  /** Anchor in frame pixels: the block is centred on it (alignment 5) or bottom-centred on it (2). */
  x: number;
  y: number;
  alignment: 2 | 5;
  /**
   * Font size the libass way: the shipped font's win ascent + descent in pixels, one line's height
   * when that font draws it (a fallback font's run is sized to the same em: see ./family-size.ts).
   */
  fontSize: number;
  /** Outline width and shadow offset in pixels. */
  outline: number;
  shadow: number;
  lines: CaptionLine[];
}

/** Everything a clip's captions show, in the clip's own frames. */
export interface ClipCaptions {
  width: number;
  height: number;
  fps: number;
  /** Family name inside the caption font file. */
  font: string;
  outlineColour: Rgba;
  shadowColour: Rgba;
  states: CaptionState[];
}

/** Baseline of each line the way libass stacks them: each line as tall as its own ascent and descent. */
export function lineBaselines(lines: readonly LineExtent[], y: number, alignment: 2 | 5): number[] {
  const height = lines.reduce((sum, line) => sum + line.ascent + line.descent, 0);
  let top = alignment === 2 ? y - height : y - height / 2;
  return lines.map((line) => {
    const baseline = top + line.ascent;
    top += line.ascent + line.descent;
    return baseline;
  });
}

/** The families a line's letters are drawn in (runs of spaces alone take no height of their own). */
export const lineFamilies = (runs: readonly CaptionRun[]) =>
  runs.filter((run) => /\S/u.test(run.text)).map((run) => run.family);

function fillOf(style: DrawnStyleId, word: number, spoken: number | undefined): Rgba {
  if (spoken === undefined) return CAPTION_COLOURS.text;
  const mode = STYLE_SPECS[style].highlight;
  const lit = (mode === 'word' && word === spoken) || (mode === 'spoken' && word <= spoken);
  return lit ? CAPTION_COLOURS.highlight : CAPTION_COLOURS.text;
}

/**
 * `text` cut into runs of one font each. Libass has no font fallback of its own without fontconfig
 * and the canvas must not pick one either: each run names the font that draws it. A space stays in
 * the run it is in.
 */
export function fontRuns(text: string, faces: CaptionFaces): CaptionRun[] {
  const runs: CaptionRun[] = [];
  for (const char of text) {
    const current = runs.at(-1);
    const family = /\s/u.test(char)
      ? (current?.family ?? CAPTION_FONT.family)
      : (faces.fontOf(char)?.family ?? CAPTION_FONT.family);
    if (current && current.family === family) current.text += char;
    else runs.push({ text: char, family });
  }
  return runs;
}

function tokensOf(track: CaptionTrack, line: Line, spoken: number | undefined): CaptionToken[] {
  return line.map((token, i) => {
    const previous = line[i - 1];
    return {
      word: token.word,
      text: token.text,
      spaced: previous !== undefined && previous.word !== token.word && wordGap(previous.text, token.text) !== '',
      fill: fillOf(track.style, token.word, spoken),
      runs: fontRuns(token.text, track.faces),
    };
  });
}

/**
 * The captions of the clip covering frames [startFrame, endFrame) of the video: the track's spans
 * that overlap it, cut to it and shifted to the clip's own frames. It depends only on what the clip
 * shows, so a change of words, style or timing changes it (and the clip's key) and nothing else does.
 */
export function clipCaptions(track: CaptionTrack, startFrame: number, endFrame: number): ClipCaptions {
  const states: CaptionState[] = [];
  for (const span of track.spans) {
    if (span.endFrame <= startFrame || span.startFrame >= endFrame) continue;
    const group = track.groups[span.group];
    if (!group) continue;
    const { layout } = group;
    const lines = layout.lines.map((line) => {
      const tokens = tokensOf(track, line, span.word);
      return { tokens, ...lineExtent(lineFamilies(tokens.flatMap((token) => token.runs)), layout.fontSize) };
    });
    const baselines = lineBaselines(lines, layout.y, layout.alignment);
    states.push({
      startFrame: Math.max(span.startFrame, startFrame) - startFrame,
      endFrame: Math.min(span.endFrame, endFrame) - startFrame,
      spoken: span.word,
      x: layout.x,
      y: layout.y,
      alignment: layout.alignment,
      fontSize: layout.fontSize,
      outline: layout.outline,
      shadow: layout.shadow,
      lines: lines.map((line, i) => ({ ...line, baseline: baselines[i] as number })),
    });
  }
  return {
    width: track.frame.width,
    height: track.frame.height,
    fps: track.fps,
    font: CAPTION_FONT.family,
    outlineColour: CAPTION_COLOURS.outline,
    shadowColour: CAPTION_COLOURS.shadow,
    states,
  };
}

/** The fallback fonts a clip's captions are drawn with: exactly those its runs name. */
export function clipFallbackFonts(captions: ClipCaptions): FallbackFont[] {
  const named = new Set<string>();
  for (const state of captions.states) {
    for (const line of state.lines) {
      for (const token of line.tokens) for (const run of token.runs) named.add(run.family);
    }
  }
  return FALLBACK_FONTS.filter((font) => named.has(font.family));
}

/** The state on screen at the clip's `frame`, if any (states are ordered and never overlap). */
export function captionStateAt(captions: ClipCaptions, frame: number): CaptionState | undefined {
  let [low, high] = [0, captions.states.length - 1];
  while (low <= high) {
    const mid = (low + high) >> 1;
    const state = captions.states[mid] as CaptionState;
    if (frame < state.startFrame) high = mid - 1;
    else if (frame >= state.endFrame) low = mid + 1;
    else return state;
  }
  return undefined;
}

/** The text of a caption line as drawn: tokens of different words separated by a space. */
export function captionLineText(line: CaptionLine): string {
  return lineText(line.tokens);
}

/** Ink beyond the advance boxes: anti-aliasing (2 px) and glyphs overhanging their advance (4 % of the size). */
const spill = (fontSize: number) => 2 + Math.ceil(fontSize * 0.04);

/**
 * Whole-pixel box holding everything a state draws: the lines' glyph boxes (`lineWidth` wide, each
 * line's ascent to its descent), grown by the outline on every side and by the shadow's offset to the
 * right and below.
 */
export function captionBox(state: CaptionState, lineWidth: (line: CaptionLine) => number): Box {
  const widths = state.lines.map(lineWidth);
  const widest = Math.max(0, ...widths);
  const [first, last] = [state.lines[0], state.lines.at(-1)];
  const grow = state.outline + spill(state.fontSize);
  return {
    left: Math.floor(state.x - widest / 2 - grow),
    top: Math.floor((first ? first.baseline - first.ascent : state.y) - grow),
    right: Math.ceil(state.x + widest / 2 + grow + state.shadow),
    bottom: Math.ceil((last ? last.baseline + last.descent : state.y) + grow + state.shadow),
  };
}
