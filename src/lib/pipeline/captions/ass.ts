// The ASS subtitle document of one clip, written from the clip's caption description (./scene.ts):
// libass burns it in within the ffmpeg.wasm render, placing each state as the canvas drawer does.
import { assColour } from './ass-colour';
import { runFontSize } from './family-size';
import { clipCaptions, type CaptionLine, type CaptionToken, type ClipCaptions } from './scene';
import type { CaptionTrack } from './track';

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

/**
 * A token's text with `\fn` switches where its font changes (libass has no font fallback of its own
 * without fontconfig: each run names the font that draws it), each with the `\fs` that gives the
 * font the shipped font's em (./family-size.ts). `font` carries the current family from token to
 * token within one event; nothing is added while the shipped font draws everything.
 */
function withFonts(token: CaptionToken, font: { family: string; size: number }): string {
  return token.runs
    .map((run) => {
      const change = run.family === font.family ? '' : `{\\fn${run.family}\\fs${runFontSize(run.family, font.size)}}`;
      font.family = run.family;
      return change + plain(run.text);
    })
    .join('');
}

/**
 * The event text: lines joined by \N, each token in its fill colour and fonts (libass centres every
 * line); it starts in the style's font, `family`, at the state's `size`.
 */
function eventText(lines: CaptionLine[], family: string, size: number): string {
  const font = { family, size };
  return lines
    .map((line) =>
      line.tokens
        .map((token) => `${token.spaced ? ' ' : ''}{\\c${assColour(token.fill)}&}${withFonts(token, font)}`)
        .join(''),
    )
    .join('\\N');
}

function header(captions: ClipCaptions): string {
  const { width, height } = captions;
  const white = assColour({ r: 255, g: 255, b: 255, a: 255 });
  return [
    '[Script Info]',
    'ScriptType: v4.00+',
    `PlayResX: ${width}`,
    `PlayResY: ${height}`,
    // Our own \N breaks only: the lines were measured to fit the safe area.
    'WrapStyle: 2',
    'ScaledBorderAndShadow: yes',
    // The colours are written for a BT.601 conversion (see ./ass-colour.ts).
    'YCbCr Matrix: TV.601',
    '',
    '[V4+ Styles]',
    'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
    `Style: Caption,${captions.font},48,${white},${white},${assColour(captions.outlineColour)},${assColour(captions.shadowColour)},-1,0,0,0,100,100,0,0,1,2,1,5,0,0,0,1`,
    '',
    '[Events]',
    'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
  ].join('\n');
}

/**
 * The ASS document of a clip's captions: one event per state, in the clip's own time. A clip without
 * captions gets a document without events. Every field of the description is written into it, so
 * the document changes exactly when what the clip shows does (it is part of the clip's key).
 */
export function assDocument(captions: ClipCaptions): string {
  const events = captions.states.map((state) => {
    const overrides = `{\\an${state.alignment}\\pos(${state.x},${state.y})\\fs${state.fontSize}\\bord${state.outline}\\shad${state.shadow}}`;
    const [from, to] = [assTime(state.startFrame, captions.fps), assTime(state.endFrame, captions.fps)];
    return `Dialogue: 0,${from},${to},Caption,,0,0,0,,${overrides}${eventText(state.lines, captions.font, state.fontSize)}`;
  });
  return `${header(captions)}\n${events.join('\n')}\n`;
}

/** The ASS document for the clip covering frames [startFrame, endFrame) of the video. */
export function clipAss(track: CaptionTrack, startFrame: number, endFrame: number): string {
  return assDocument(clipCaptions(track, startFrame, endFrame));
}
