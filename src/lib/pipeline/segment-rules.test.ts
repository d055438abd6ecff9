// Rules 1-4 of segmentTranscript as properties over random word streams, checked against brute force.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { segmentTranscript, type Scene } from './segment';
import { violation, type SceneBounds } from './segment-costs';
import { syntheticTranscript } from './segment-synthetic';
import { frameOf, sceneFrames } from './timeline';
import { normalizeWords, type Word } from './transcript';

const TOL = 1e-9;
type Input = { words: Word[]; duration: number; fps: number; minSeconds: number; maxSeconds: number };

/** A place a boundary may sit by rule 3: a frame and how many words it leaves before it. */
type Cut = { frame: number; wordsBefore: number };

/**
 * Rule 3 spelled out for gap k (before word k; the silences before the first and after the last word
 * count): a boundary may use a frame whose time lies inside the gap or, when no frame does, one
 * within half a frame of it. Never frame 0 or the audio's last frame: every clip needs a frame.
 */
function allowedInGap(words: Word[], k: number, frame: number, duration: number, fps: number): boolean {
  const start = k === 0 ? 0 : words[k - 1]!.end;
  const end = k === words.length ? duration : words[k]!.start;
  if (frame < 1 || frame >= Math.round(duration * fps)) return false;
  const t = frame / fps;
  if (t >= start - TOL && t <= end + TOL) return true;
  const frameInside = Math.ceil(start * fps - TOL) <= Math.floor(end * fps + TOL);
  return !frameInside && t >= start - 0.5 / fps - TOL && t <= end + 0.5 / fps + TOL;
}

function allowedCuts(words: Word[], duration: number, fps: number): Cut[] {
  const cuts: Cut[] = [];
  for (let k = 0; k <= words.length; k++) {
    const start = k === 0 ? 0 : words[k - 1]!.end;
    const end = k === words.length ? duration : words[k]!.start;
    for (let f = Math.floor(start * fps) - 1; f <= Math.ceil(end * fps) + 1; f++) {
      if (allowedInGap(words, k, f, duration, fps)) cuts.push({ frame: f, wordsBefore: k });
    }
  }
  return cuts.sort((a, b) => a.frame - b.frame || a.wordsBefore - b.wordsBefore);
}

/** The least total violation of any tiling whose inner boundaries are allowed cuts (brute force). */
function leastViolation(words: Word[], input: Input): number {
  const bounds: SceneBounds = input;
  const nodes = [
    { t: 0, frame: 0, k: 0 },
    ...allowedCuts(words, input.duration, input.fps).map((c) => ({
      t: c.frame / input.fps,
      frame: c.frame,
      k: c.wordsBefore,
    })),
    { t: input.duration, frame: Infinity, k: words.length },
  ];
  const best = nodes.map((_, i) => (i === 0 ? 0 : Infinity));
  for (let q = 1; q < nodes.length; q++) {
    for (let p = 0; p < q; p++) {
      const [a, b] = [nodes[p]!, nodes[q]!];
      if (a.frame < b.frame && a.k <= b.k) best[q] = Math.min(best[q]!, best[p]! + violation(b.t - a.t, bounds));
    }
  }
  return best.at(-1)!;
}

/** Whether some tiling on allowed cuts keeps every scene in bounds (reachability over frames, for hours). */
function boundsAchievable(words: Word[], input: Input): boolean {
  const { fps, minSeconds: min, maxSeconds: max, duration } = input;
  const last = Math.round(duration * fps);
  const allowed = new Uint8Array(last + 1);
  for (const cut of allowedCuts(words, duration, fps)) allowed[cut.frame] = 1;
  const reachedBefore = new Int32Array(last + 2); // reachedBefore[f]: reachable frames below f
  const anyReached = (from: number, to: number) =>
    to >= Math.max(from, 0) && reachedBefore[Math.min(to, last) + 1]! - reachedBefore[Math.max(from, 0)]! > 0;
  reachedBefore[1] = 1; // frame 0, the start
  for (let f = 1; f <= last; f++) {
    const reached =
      allowed[f] === 1 && f < last && anyReached(Math.ceil(f - max * fps - TOL), Math.floor(f - min * fps + TOL));
    reachedBefore[f + 1] = reachedBefore[f]! + (reached ? 1 : 0);
  }
  return anyReached(Math.ceil((duration - max) * fps - TOL), Math.floor((duration - min) * fps + TOL));
}

/** Rules 1-3, for any input: the broken ones, described (one expect per run keeps big inputs fast). */
function rules123Problems(scenes: Scene[], input: Input): string[] {
  const { fps, duration } = input;
  const clean = normalizeWords(input.words, duration);
  const problems: string[] = [];
  const check = (ok: boolean, problem: () => string) => ok || problems.push(problem());
  // 1. Tiling on the frame grid, every clip at least one frame, clips adding up to the audio.
  check(scenes[0]?.start === 0, () => `first scene starts at ${scenes[0]?.start}`);
  check(scenes.at(-1)?.end === duration, () => `last scene ends at ${scenes.at(-1)?.end}, not ${duration}`);
  let frames = 0;
  scenes.forEach((scene, i) => {
    check(scene.index === i, () => `scene ${i} has index ${scene.index}`);
    if (i > 0) {
      const previous = scenes[i - 1]!;
      check(scene.start === previous.end, () => `scene ${i} starts at ${scene.start}, previous ends ${previous.end}`);
      check(Math.abs(scene.start * fps - Math.round(scene.start * fps)) < 1e-6, () => `${scene.start} is off-grid`);
    }
    const own = sceneFrames(scene, fps);
    check(own >= 1 || frameOf(duration, fps) === 0, () => `scene ${i} has ${own} frames`);
    frames += own;
  });
  check(frames === frameOf(duration, fps), () => `clips add up to ${frames} frames`);
  // 2. Every word once, in order; text is the words joined by spaces.
  const flat = scenes.flatMap((s) => s.words);
  check(
    flat.length === clean.length && flat.every((w, i) => JSON.stringify(w) === JSON.stringify(clean[i])),
    () => 'the scenes do not hold the normalised words in order',
  );
  for (const scene of scenes) {
    check(scene.text === scene.words.map((w) => w.word).join(' '), () => `scene ${scene.index} text "${scene.text}"`);
  }
  // 3. Each inner boundary is an allowed cut of the gap between the words it separates.
  let before = 0;
  for (const scene of scenes.slice(0, -1)) {
    before += scene.words.length;
    const frame = Math.round(scene.end * fps);
    check(allowedInGap(clean, before, frame, duration, fps), () => `boundary ${scene.end} after ${before} words`);
  }
  return problems;
}

const WORDS = ['the', 'probe', 'Jupiter.', 'moons,', 'orbit;', 'well?', 'wow!', 'Dr.', 'end."', 'and', '  ', 'a'];
const word = fc.record({
  text: fc.constantFrom(...WORDS),
  gap: fc.oneof(
    { weight: 5, arbitrary: fc.constant(0) },
    { weight: 3, arbitrary: fc.double({ min: -0.4, max: 0.3, noNaN: true }) },
    { weight: 2, arbitrary: fc.double({ min: 0.3, max: 2, noNaN: true }) },
    { weight: 1, arbitrary: fc.double({ min: 2, max: 20, noNaN: true }) },
  ),
  length: fc.oneof(
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 18, arbitrary: fc.double({ min: 0.01, max: 0.8, noNaN: true }) },
    { weight: 1, arbitrary: fc.double({ min: 3, max: 14, noNaN: true }) },
  ),
});
const BOUNDS: [number, number][] = [
  [5, 8],
  [5, 8],
  [2, 3],
  [4, 10],
  [6, 6.5],
  [1, 1.5],
];

/** A raw word stream: overlaps, backward steps, zero-length words, long words and silences, words past the end. */
function stream(maxWords: number, minWords = 0) {
  return fc
    .record({
      lead: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 12, noNaN: true })),
      words: fc.array(word, { minLength: minWords, maxLength: maxWords }),
      tail: fc.double({ min: -3, max: 12, noNaN: true }),
      fps: fc.constantFrom(24, 25, 30, 60),
      bounds: fc.constantFrom(...BOUNDS),
    })
    .map(({ lead, words, tail, fps, bounds }): Input => {
      let time = lead;
      const raw = words.map(({ text, gap, length }) => {
        const start = time + gap;
        time = start + length;
        return { word: text, start, end: time };
      });
      return { words: raw, duration: Math.max(0.01, time + tail), fps, minSeconds: bounds[0], maxSeconds: bounds[1] };
    });
}

describe('segmentTranscript rules 1-4 (properties)', () => {
  it('tiles the audio on the frame grid, keeps every word once and cuts only in gaps (1-3)', () => {
    fc.assert(
      fc.property(stream(80), (input) => {
        expect(rules123Problems(segmentTranscript(input.words, input), input)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('breaks [min, max] only as little as any tiling on allowed cuts must (4)', () => {
    fc.assert(
      fc.property(stream(14), (input) => {
        fc.pre(input.duration * input.fps < 2500);
        const scenes = segmentTranscript(input.words, input);
        const clean = normalizeWords(input.words, input.duration);
        const least = leastViolation(clean, input);
        const total = scenes.reduce((sum, s) => sum + violation(s.end - s.start, input), 0);
        expect(total).toBeCloseTo(least, 6);
        expect(boundsAchievable(clean, input)).toBe(least === 0); // the two oracles agree
        if (least === 0) {
          for (const s of scenes) {
            expect(s.end - s.start).toBeGreaterThanOrEqual(input.minSeconds - TOL);
            expect(s.end - s.start).toBeLessThanOrEqual(input.maxSeconds + TOL);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('handles a single word anywhere, however long, with rules 1-4', () => {
    fc.assert(
      fc.property(stream(1, 1), (input) => {
        fc.pre(input.duration * input.fps < 2500);
        const scenes = segmentTranscript(input.words, input);
        expect(rules123Problems(scenes, input)).toEqual([]);
        const least = leastViolation(normalizeWords(input.words, input.duration), input);
        expect(scenes.reduce((sum, s) => sum + violation(s.end - s.start, input), 0)).toBeCloseTo(least, 6);
      }),
    );
  });

  it('splits a recording without words into empty in-bound scenes, or one scene when too short', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1200, noNaN: true }),
        fc.constantFrom(24, 25, 30, 60),
        (duration, fps) => {
          const input = { words: [], duration, fps, minSeconds: 5, maxSeconds: 8 };
          const scenes = segmentTranscript([], input);
          expect(rules123Problems(scenes, input)).toEqual([]);
          expect(scenes.every((s) => s.text === '' && s.words.length === 0)).toBe(true);
          if (duration < 5) expect(scenes).toHaveLength(1);
          if (duration >= 10)
            expect(scenes.every((s) => s.end - s.start >= 5 - TOL && s.end - s.start <= 8 + TOL)).toBe(true);
        },
      ),
    );
  });

  it('keeps every scene in bounds over 3-hour Whisper-like transcripts', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom(24, 25, 30, 60), (seed, fps) => {
        const { words, duration } = syntheticTranscript({ seconds: 3 * 3600, seed, breakChance: 0.01 });
        const input = { words, duration, fps, minSeconds: 5, maxSeconds: 8 };
        const scenes = segmentTranscript(words, input);
        expect(rules123Problems(scenes, input)).toEqual([]);
        expect(boundsAchievable(normalizeWords(words, duration), input)).toBe(true);
        expect(scenes.filter((s) => s.end - s.start < 5 - TOL || s.end - s.start > 8 + TOL)).toEqual([]);
      }),
      { numRuns: 3 },
    );
  }, 60_000);
});
