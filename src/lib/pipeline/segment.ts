// Cuts a transcript into scenes of 5-8 seconds that tile the audio on the frame grid.

import { candidateCuts } from './segment-candidates';
import { planCuts } from './segment-plan';
import { silencePlanner } from './segment-silence';
import { normalizeWords, type Word } from './transcript';

export type Scene = { index: number; start: number; end: number; text: string; words: Word[] };

export type SegmentOptions = { duration: number; fps: number; minSeconds?: number; maxSeconds?: number };

/** The scene length segmenting aims for: also what the person is told when a cut of theirs leaves it. */
export const DEFAULT_MIN_SECONDS = 5;
export const DEFAULT_MAX_SECONDS = 8;

function checkOptions(opts: SegmentOptions): Required<SegmentOptions> {
  const { duration, fps, minSeconds = DEFAULT_MIN_SECONDS, maxSeconds = DEFAULT_MAX_SECONDS } = opts;
  if (!(Number.isFinite(duration) && duration > 0)) {
    throw new RangeError(`The audio duration must be a positive number of seconds, not ${duration}.`);
  }
  if (!(Number.isFinite(fps) && fps > 0)) throw new RangeError(`The frame rate must be positive, not ${fps}.`);
  if (!(Number.isFinite(minSeconds) && minSeconds > 0 && Number.isFinite(maxSeconds) && maxSeconds >= minSeconds)) {
    throw new RangeError(`Scene bounds must satisfy 0 < min <= max, not ${minSeconds}..${maxSeconds} s.`);
  }
  return { duration, fps, minSeconds, maxSeconds };
}

/**
 * Splits the audio into scenes, following these rules in priority order:
 * 1. the scenes tile [0, duration] and every inner boundary is a whole frame (`k / fps`);
 * 2. every word is in exactly one scene, in order, and `text` is the scene's words joined by spaces;
 * 3. a boundary lies in the silence between two words, near its middle, on a frame inside the gap,
 *    or within half a frame of it when the gap is shorter than a frame;
 * 4. every scene lasts min..max seconds (default 5..8) whenever some choice of allowed boundaries
 *    achieves that; otherwise the scenes break the bounds as little as possible (see `violation`).
 *    Silence without words becomes scenes of their own, with empty text;
 * 5. among the plans allowed by 4, boundaries after a sentence end are preferred, then pauses of
 *    0.3 s or more, then clause marks, then any gap; among equals, durations near (min + max) / 2.
 * The words may be raw model output: they are normalised here (trimmed, ordered, clamped into the
 * audio). Deterministic, and near-linear in the number of words.
 */
export function segmentTranscript(words: Word[], opts: SegmentOptions): Scene[] {
  const { duration, fps, minSeconds, maxSeconds } = checkOptions(opts);
  const clean = normalizeWords(words, duration);
  const bounds = { fps, minSeconds, maxSeconds };
  const planner = silencePlanner(bounds);
  const cuts = planCuts(candidateCuts(clean, duration, bounds, planner), duration, bounds, planner);
  const edges = [
    { time: 0, words: 0 },
    ...cuts.map((cut) => ({ time: cut.frame / fps, words: cut.wordsBefore })),
    { time: duration, words: clean.length },
  ];
  return edges.slice(1).map((next, index) => {
    const previous = edges[index]!;
    const sceneWords = clean.slice(previous.words, next.words);
    return {
      index,
      start: previous.time,
      end: next.time,
      text: sceneWords.map((w) => w.word).join(' '),
      words: sceneWords,
    };
  });
}
