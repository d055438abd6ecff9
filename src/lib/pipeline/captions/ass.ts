// The ASS subtitle document of one clip: the caption spans that overlap it, in the clip's own time.
import type { Word } from '../transcript';
import { CAPTION_FONT } from './font';
import { groupsForStyle, layoutGroup, STYLE_SPECS, type DrawnStyleId, type Frame, type GroupLayout } from './layout';
import { captionFaces, type CaptionFaces } from './coverage';
import { wordGap, type Line } from './lines';
import { measureFaces, type TextMeasure } from './measure';
import { captionSpans, type CaptionSpan } from './timing';

/** ASS colours are &HAABBGGRR (alpha 00 = opaque). */
const WHITE = '&H00FFFFFF';
const HIGHLIGHT = '&H0000E5FF'; // warm yellow
const OUTLINE = '&H00000000';
const SHADOW = '&H80000000';

export interface CaptionTrack {
  style: DrawnStyleId;
  frame: Frame;
  fps: number;
  /** Each group's layout and words; `spans` index into them. */
  groups: { words: Word[]; layout: GroupLayout }[];
  spans: CaptionSpan[];
  /** Which font draws each character (fallback fonts are named in the events, and only then). */
  faces: CaptionFaces;
}

/** Groups, layouts and frame spans of a whole transcript in one style: computed once, cut per clip. */
export function captionTrack(
  words: Word[],
  style: DrawnStyleId,
  frame: Frame,
  fps: number,
  measure?: TextMeasure,
): CaptionTrack {
  const faces = captionFaces(words.map((word) => word.word).join(' '));
  measure ??= measureFaces(faces);
  const groups = groupsForStyle(words, style, frame, measure);
  const spans = captionSpans(groups, fps, STYLE_SPECS[style].highlight !== 'none');
  const laid = groups.map((group) => ({
    words: group.words,
    layout: layoutGroup(
      group.words.map((word) => word.word),
      style,
      frame,
      measure,
    ),
  }));
  return { style, frame, fps, groups: laid, spans, faces };
}

/** Characters that mean markup in ASS become their plain look-alikes (transcripts rarely hold them). */
function plain(text: string): string {
  return text.replace(/\{/g, '(').replace(/\}/g, ')').replace(/\\/g, '/').replace(/\n/g, ' ');
}

/**
 * ASS time h:mm:ss.cc for a frame boundary. Boundaries are placed half a frame early, so that after
 * rounding to centiseconds each change still falls between the same two frames (libass shows an
 * event on frames whose time t satisfies start <= t < end).
 */
export function assTime(frame: number, fps: number): string {
  const cs = Math.max(0, Math.round(((frame - 0.5) / fps) * 100));
  const h = Math.floor(cs / 360000);
  const m = Math.floor(cs / 6000) % 60;
  const s = Math.floor(cs / 100) % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${h}:${pad(m)}:${pad(s)}.${pad(cs % 100)}`;
}

function colourFor(style: DrawnStyleId, word: number, lit: number | undefined): string {
  if (lit === undefined) return WHITE;
  const mode = STYLE_SPECS[style].highlight;
  return (mode === 'word' && word === lit) || (mode === 'spoken' && word <= lit) ? HIGHLIGHT : WHITE;
}

/**
 * A piece of text with `\fn` switches where the font changes (libass has no font fallback of its
 * own without fontconfig: each run names the font that draws it). `font` carries the current face
 * from run to run within one event; nothing is added when the transcript needs no fallback font.
 */
function withFonts(text: string, faces: CaptionFaces, font: { family: string }): string {
  if (faces.fallbacks.length === 0) return text;
  let out = '';
  for (const char of text) {
    const family = /\s/u.test(char) ? font.family : (faces.fontOf(char)?.family ?? CAPTION_FONT.family);
    if (family !== font.family) {
      out += `{\\fn${family}}`;
      font.family = family;
    }
    out += char;
  }
  return out;
}

/** The event text: lines joined by \N, each word's pieces in its colour and font. */
function eventText(track: CaptionTrack, lines: Line[], lit: number | undefined): string {
  const font = { family: CAPTION_FONT.family };
  return lines
    .map((line) =>
      line
        .map((token, i) => {
          const previous = line[i - 1];
          const gap = previous && previous.word !== token.word ? wordGap(previous.text, token.text) : '';
          const colour = `{\\c${colourFor(track.style, token.word, lit)}&}`;
          return gap + colour + withFonts(plain(token.text), track.faces, font);
        })
        .join(''),
    )
    .join('\\N');
}

function header(track: CaptionTrack): string {
  const { width, height } = track.frame;
  return [
    '[Script Info]',
    'ScriptType: v4.00+',
    `PlayResX: ${width}`,
    `PlayResY: ${height}`,
    // Our own \N breaks only: the lines were measured to fit the safe area.
    'WrapStyle: 2',
    'ScaledBorderAndShadow: yes',
    'YCbCr Matrix: TV.709',
    '',
    '[V4+ Styles]',
    'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
    `Style: Caption,${CAPTION_FONT.family},48,${WHITE},${WHITE},${OUTLINE},${SHADOW},-1,0,0,0,100,100,0,0,1,2,1,5,0,0,0,1`,
    '',
    '[Events]',
    'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
  ].join('\n');
}

/**
 * The ASS document for the clip covering frames [startFrame, endFrame) of the video: only the spans
 * that overlap it, cut to it and shifted to the clip's own time. A clip without captions gets a
 * document without events; the text depends only on what the clip shows, so it can go into the
 * clip's content key (changing a word re-renders only the clips that show it).
 */
export function clipAss(track: CaptionTrack, startFrame: number, endFrame: number): string {
  const events: string[] = [];
  for (const span of track.spans) {
    if (span.endFrame <= startFrame || span.startFrame >= endFrame) continue;
    const group = track.groups[span.group];
    if (!group) continue;
    const { layout } = group;
    const from = Math.max(span.startFrame, startFrame) - startFrame;
    const to = Math.min(span.endFrame, endFrame) - startFrame;
    const overrides = `{\\an${layout.alignment}\\pos(${layout.x},${layout.y})\\fs${layout.fontSize}\\bord${layout.outline}\\shad${layout.shadow}}`;
    const text = overrides + eventText(track, layout.lines, span.word);
    events.push(`Dialogue: 0,${assTime(from, track.fps)},${assTime(to, track.fps)},Caption,,0,0,0,,${text}`);
  }
  return `${header(track)}\n${events.join('\n')}\n`;
}

/** Whether a clip's document draws anything (a clip in a long silence needs no subtitles filter). */
export function hasEvents(ass: string): boolean {
  return /^Dialogue:/m.test(ass);
}
