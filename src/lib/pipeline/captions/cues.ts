// Subtitle cues (for the SRT and WebVTT files): at most two lines of 42 characters and 7 seconds each.
import type { Word } from '../transcript';
import { groupWords } from './groups';
import { breakLines, lineText } from './lines';

export interface Cue {
  /** Seconds, on whole milliseconds. */
  start: number;
  end: number;
  lines: string[];
}

export const MAX_CUE_CHARS = 42;
export const MAX_CUE_LINES = 2;
export const MAX_CUE_S = 7;

/** Characters as a reader counts them (an accented letter is one, however it is encoded). */
function chars(text: string): number {
  return [...text.normalize('NFC')].length;
}

function ms(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/**
 * Cues for the transcript's words: each word in exactly one cue, in order, never overlapping, each
 * timed from its first word's start to its last word's end (held on until the next cue when that is
 * soon, so they do not flicker), cut at sentence ends and pauses.
 */
export function buildCues(words: Word[]): Cue[] {
  const fit = (texts: string[]) => breakLines(texts, MAX_CUE_CHARS, chars);
  const groups = groupWords(words, {
    maxWords: Infinity,
    maxDuration: MAX_CUE_S,
    fits: (texts) => fit(texts).length <= MAX_CUE_LINES,
  });
  const cues: Cue[] = [];
  for (const group of groups) {
    const previousEnd = cues.at(-1)?.end ?? 0;
    const start = Math.max(ms(group.start), previousEnd);
    // The group's end holds until the next group when that is soon; a cue never lasts over 7 s.
    const end = Math.max(start, Math.min(ms(group.end), ms(start + MAX_CUE_S)));
    cues.push({ start, end, lines: fit(group.words.map((word) => word.word)).map(lineText) });
  }
  return cues;
}

/** hh:mm:ss plus the millisecond part after `separator` ("," in SRT, "." in WebVTT). */
export function cueTime(seconds: number, separator: ',' | '.'): string {
  const total = Math.round(seconds * 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor(total / 60_000) % 60;
  const s = Math.floor(total / 1000) % 60;
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(total % 1000, 3)}`;
}

/** Seconds from "hh:mm:ss,mmm", "hh:mm:ss.mmm" or WebVTT's short "mm:ss.mmm"; NaN when malformed. */
export function parseCueTime(text: string): number {
  const match = /^(?:(\d+):)?(\d{2}):(\d{2})[.,](\d{3})$/.exec(text.trim());
  if (!match) return NaN;
  const [, h = '0', m = '0', s = '0', milli = '0'] = match;
  return (Number(h) * 3_600_000 + Number(m) * 60_000 + Number(s) * 1000 + Number(milli)) / 1000;
}

const ARROW = /^\s*(\S+)\s+-->\s+(\S+)/;

/** Cues from blocks of "timing line, text lines" (what SRT and WebVTT share); other blocks are skipped. */
export function parseCueBlocks(text: string, unescape: (line: string) => string = (line) => line): Cue[] {
  const cues: Cue[] = [];
  for (const block of text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)) {
    const lines = block.split('\n');
    const at = lines.findIndex((line) => ARROW.test(line));
    if (at < 0) continue;
    const [, from = '', to = ''] = ARROW.exec(lines[at] as string) ?? [];
    const [start, end] = [parseCueTime(from), parseCueTime(to)];
    if (Number.isNaN(start) || Number.isNaN(end)) throw new Error(`Bad cue timing: ${lines[at]}`);
    cues.push({
      start,
      end,
      lines: lines
        .slice(at + 1)
        .filter((line) => line !== '')
        .map(unescape),
    });
  }
  return cues;
}
