// Proposed cuts from the word timestamps: filler words, and pauses longer than a threshold shortened.
import type { Word } from '../transcript';
import { fillerMatcher } from './fillers';
import type { Span } from './time-map';

/** A cut proposed to the person: what it takes out of the original recording. */
export interface Cut extends Span {
  /** Stable across runs of the detection: where the cut starts, in milliseconds. */
  id: string;
  /** The filler words it removes (none for a pause alone), as heard. */
  words: string[];
}

export interface DetectOptions {
  language: string;
  /** The person's own filler words, matched like the built-in ones. */
  fillers?: readonly string[];
  /** Frames per second of the video: every cut is a whole number of frames long. */
  fps: number;
  /** A silence longer than this (seconds) is shortened (default 1.0). */
  pauseOver?: number;
  /** ... to this many seconds (default 0.4). */
  pauseTo?: number;
}

export const DEFAULT_PAUSE_OVER = 1.0;
export const DEFAULT_PAUSE_TO = 0.4;

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);

/**
 * The length of a cut in whole frames, so that removing it moves everything after it by whole frames:
 * the later scenes keep their frame counts and captions, and so their clips. Rounded up when that
 * still fits the gap (the filler goes entirely), else down.
 */
function wholeFrames(length: number, room: number, fps: number): number {
  const up = Math.ceil(length * fps - 1e-6) / fps;
  // Strictly inside the gap: even a nanosecond over would clip the kept word next to it.
  return up <= room ? up : Math.floor(length * fps + 1e-6) / fps;
}

/**
 * One cut per gap between two kept (non-filler) words, or none: it covers every filler of the gap and
 * leaves the silence around them, shortened to `pauseTo` when it was longer than `pauseOver`, split
 * evenly on both sides. It never reaches into a kept word, since it stays inside the gap.
 */
function cutInGap(
  gap: Span,
  fillers: Word[],
  options: Required<Pick<DetectOptions, 'fps' | 'pauseOver' | 'pauseTo'>>,
): Cut | undefined {
  const width = gap.end - gap.start;
  const first = fillers[0];
  const last = fillers.at(-1);
  const spoken = first && last ? last.end - first.start : 0;
  const silence = width - spoken;
  if (!first && silence <= options.pauseOver) return undefined;
  const keep = silence > options.pauseOver ? options.pauseTo : silence;
  const length = wholeFrames(width - keep, width, options.fps);
  if (length * options.fps < 1 - 1e-6) return undefined;
  const even = gap.start + (width - length) / 2;
  // Where the cut may start: inside the gap, and covering the fillers when it is long enough to.
  let low = gap.start;
  let high = gap.end - length;
  if (first && last && length >= spoken) {
    low = Math.max(low, last.end - length);
    high = Math.min(high, first.start);
  }
  const start = clamp(even, low, Math.max(low, high));
  return {
    id: String(Math.round((first?.start ?? gap.start) * 1000)),
    start,
    end: start + length,
    words: fillers.map((word) => word.word),
  };
}

/**
 * Every cut the transcript suggests, in order and never overlapping. `words` must be normalised
 * (monotonic, inside [0, duration]: `normalizeWords`).
 */
export function proposeCuts(words: readonly Word[], duration: number, options: DetectOptions): Cut[] {
  const isFiller = fillerMatcher(options.language, options.fillers);
  const settings = {
    fps: options.fps,
    pauseOver: options.pauseOver ?? DEFAULT_PAUSE_OVER,
    pauseTo: options.pauseTo ?? DEFAULT_PAUSE_TO,
  };
  const cuts: Cut[] = [];
  let gapStart = 0;
  let fillers: Word[] = [];
  const close = (gapEnd: number) => {
    const cut = cutInGap({ start: gapStart, end: gapEnd }, fillers, settings);
    if (cut) cuts.push(cut);
  };
  for (const word of words) {
    if (isFiller(word.word)) {
      fillers.push(word);
      continue;
    }
    close(word.start);
    gapStart = word.end;
    fillers = [];
  }
  close(Math.max(duration, gapStart));
  return cuts;
}
