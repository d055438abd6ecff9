// Where a scene boundary may fall (rule 3 of segmenting) and how much each place is preferred (rule 5).

import { EPS, type SceneBounds } from './segment-costs';
import type { LongSilence, SilencePlanner } from './segment-silence';
import type { Word } from './transcript';

/** Cost of cutting at a gap, by kind: lower is better. Steps outweigh any duration preference. */
const CUT_COST = { sentence: 0, pause: 10, clause: 20, plain: 30 } as const;
export type CutKind = keyof typeof CUT_COST;

/** Weight of the "near the middle of the gap" preference: what a cut at the edge of a pause costs. */
const MID_WEIGHT = 2;
/** In gaps narrower than twice this (seconds), being this far off the middle costs the full weight. */
const MID_SCALE = 0.25;
/** A pause at least this long is a natural break even without punctuation. */
const PAUSE_SECONDS = 0.3;

const SENTENCE_END = /[.!?…]$/u;
const CLAUSE_MARK = /[,;:–—]$/u;
/** Dots that usually do not end a sentence: titles and single-letter initials. */
const ABBREVIATION = /^(?:mr|mrs|ms|dr|prof|st|jr|sr|vs|[a-z])\.$/iu;
/** Closing quotes and brackets after the punctuation: `end."` still ends a sentence. */
const CLOSERS = /["'”’»)\]]+$/u;

/** Candidate cuts sorted by frame (then by the words they leave before them), as parallel arrays. */
export type Candidates = {
  /** The frame the boundary sits on: its time is `frame / fps`. */
  frame: Int32Array;
  /** How many words come before this boundary. */
  wordsBefore: Int32Array;
  /** Preference cost of cutting here (kind + distance from the middle of the gap). */
  cost: Float64Array;
  length: number;
  /** Silences of which only the edge zones are listed above. */
  silences: LongSilence[];
};

/** The kind of the gap that follows `word`, `gap` seconds long (kinds as ordered by rule 5). */
export function cutKind(word: string, gap: number): CutKind {
  const bare = word.replace(CLOSERS, '');
  if (SENTENCE_END.test(bare) && !ABBREVIATION.test(bare)) return 'sentence';
  if (gap >= PAUSE_SECONDS - EPS) return 'pause';
  return CLAUSE_MARK.test(bare) ? 'clause' : 'plain';
}

/**
 * The frames a boundary in the silence [start, end] may use: every frame inside it, or when no frame
 * falls inside (a gap shorter than a frame, often zero in Whisper output) the frames within half a
 * frame of it. Never frame 0 or the last frame, so every scene keeps at least one frame.
 */
export function gapFrames(start: number, end: number, fps: number, lastFrame: number): [number, number] {
  let first = Math.ceil(start * fps - EPS);
  let last = Math.floor(end * fps + EPS);
  if (first > last) {
    first = Math.ceil(start * fps - 0.5 - EPS);
    last = Math.floor(end * fps + 0.5 + EPS);
  }
  return [Math.max(first, 1), Math.min(last, lastFrame - 1)];
}

/**
 * Every allowed cut, for words already normalised (ordered, not overlapping, inside the audio).
 * Gap k lies before word k; the silences before the first and after the last word are gaps too.
 * Silence long enough to hold a whole scene counts as strongly as a sentence end, and cuts in it
 * have no preferred position, so empty scenes are split purely by duration. Of a long silence only
 * the edge zones are listed (see `LongSilence`).
 */
export function candidateCuts(
  words: readonly Word[],
  duration: number,
  bounds: SceneBounds,
  planner: SilencePlanner | null,
): Candidates {
  const { fps, minSeconds } = bounds;
  const lastFrame = Math.round(duration * fps);
  // Two passes over the gaps, to fill typed arrays of the right size: 3 hours at 60 fps can hold
  // hundreds of thousands of candidate frames.
  const gaps = words.length + 1;
  const firsts = new Int32Array(gaps);
  const lasts = new Int32Array(gaps);
  const silences: LongSilence[] = [];
  let count = 0;
  for (let k = 0; k < gaps; k++) {
    const start = words[k - 1]?.end ?? 0;
    const end = words[k]?.start ?? duration;
    const [first, last] = gapFrames(start, end, fps, lastFrame);
    firsts[k] = first;
    lasts[k] = last;
    const open = k === 0 || k === words.length || end - start >= minSeconds - EPS;
    if (open && planner && last - first > planner.longerThan) {
      silences.push({ wordsBefore: k, startZone: [first, first + planner.edge], endZone: [last - planner.edge, last] });
      count += 2 * (planner.edge + 1);
    } else {
      count += Math.max(0, last - first + 1);
    }
  }

  const out = { frame: new Int32Array(count), wordsBefore: new Int32Array(count), cost: new Float64Array(count) };
  let i = 0;
  /** Adds frames from..to of gap k; `middle` and `halfWidth` describe a gap that prefers its centre. */
  const add = (from: number, to: number, k: number, kindCost: number, middle: number | null, halfWidth = 0) => {
    for (let f = from; f <= to; f++, i++) {
      out.frame[i] = f;
      out.wordsBefore[i] = k;
      // Within half a frame of the middle is as central as the frame grid allows.
      const off = middle === null ? 0 : Math.max(0, Math.abs(f / fps - middle) - 0.5 / fps);
      out.cost[i] = kindCost + MID_WEIGHT * Math.min(1, off / Math.max(halfWidth, MID_SCALE));
    }
  };
  let silence = 0;
  for (let k = 0; k < gaps; k++) {
    const long = silences[silence];
    if (long?.wordsBefore === k) {
      add(...long.startZone, k, CUT_COST.sentence, null);
      add(...long.endZone, k, CUT_COST.sentence, null);
      silence++;
      continue;
    }
    const previous = words[k - 1];
    const start = previous?.end ?? 0;
    const end = words[k]?.start ?? duration;
    if (!previous || k === words.length || end - start >= minSeconds - EPS) {
      add(firsts[k]!, lasts[k]!, k, CUT_COST.sentence, null);
    } else {
      const halfWidth = (end - start) / 2;
      add(firsts[k]!, lasts[k]!, k, CUT_COST[cutKind(previous.word, end - start)], (start + end) / 2, halfWidth);
    }
  }
  return { ...sortByFrame(out), length: count, silences };
}

/** Gaps around words shorter than a frame can interleave by one frame: restore frame order. */
function sortByFrame<T extends { frame: Int32Array; wordsBefore: Int32Array; cost: Float64Array }>(list: T): T {
  const { frame, wordsBefore, cost } = list;
  if (frame.every((f, i) => i === 0 || f >= frame[i - 1]!)) return list;
  const order = Array.from(frame, (_, i) => i).sort(
    (a, b) => frame[a]! - frame[b]! || wordsBefore[a]! - wordsBefore[b]!,
  );
  return {
    ...list,
    frame: Int32Array.from(order, (i) => frame[i]!),
    wordsBefore: Int32Array.from(order, (i) => wordsBefore[i]!),
    cost: Float64Array.from(order, (i) => cost[i]!),
  };
}
