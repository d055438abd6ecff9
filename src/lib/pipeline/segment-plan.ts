// Chooses all the cuts of a transcript at once: dynamic programming over the candidate cuts.

import type { Candidates } from './segment-candidates';
import { durationShape, EPS, violationPenalty, type SceneBounds } from './segment-costs';
import type { SilencePlanner } from './segment-silence';

/** An inner scene boundary: its frame and how many words come before it. */
export type Boundary = { frame: number; wordsBefore: number };

/**
 * The cuts minimising first the summed `violation` of all scenes (so every scene is within bounds
 * whenever some plan allows it) and then the summed preferences: each cut's cost and each scene's
 * `durationCost`. Node 0 is the start of the audio, node i the candidate i - 1, node n + 1 the end.
 *
 * A scene ending at node q is tried from every node at most max seconds earlier (in bounds or too
 * short) and, as an overlong scene, only from nodes p with no candidate c in [p + min, q - min]:
 * cutting at such a c would make two scenes that break the bounds by less. With L the last candidate
 * at or before q - min, that leaves p later than L - min: a window of min seconds. So each node looks
 * at a bounded window and the whole plan is near-linear in the number of candidates. A long silence
 * is crossed by a bridge from each frame of its start zone to each of its end zone (`LongSilence`).
 */
export function planCuts(
  cands: Candidates,
  duration: number,
  bounds: SceneBounds,
  planner: SilencePlanner | null,
): Boundary[] {
  const { fps, minSeconds: min, maxSeconds: max } = bounds;
  const n = cands.length;
  const end = n + 1;
  const time = new Float64Array(n + 2);
  const words = new Int32Array(n + 2);
  const cut = new Float64Array(n + 2);
  for (let i = 0; i < n; i++) {
    time[i + 1] = cands.frame[i]! / fps;
    words[i + 1] = cands.wordsBefore[i]!;
    cut[i + 1] = cands.cost[i]!;
  }
  time[end] = duration;
  words[end] = 0x7fffffff;
  const bridges = silenceBridges(cands);
  // The scene costs of segment-costs.ts, inlined: this loop runs millions of times for 3 hours.
  const penalty = violationPenalty(bounds);
  const { target, halfRange, weight } = durationShape(bounds);

  const bad = new Float64Array(n + 2).fill(Infinity);
  const pref = new Float64Array(n + 2).fill(Infinity);
  const from = new Int32Array(n + 2).fill(-1);
  bad[0] = 0;
  pref[0] = 0;

  let tq = 0;
  let wq = 0;
  let bestBad = Infinity;
  let bestPref = Infinity;
  let best = -1;
  const offer = (p: number, b: number, c: number) => {
    if (b < bestBad - EPS || (b <= bestBad + EPS && c < bestPref)) {
      bestBad = b;
      bestPref = c;
      best = p;
    }
  };
  const scene = (p: number) => {
    const bp = bad[p]!;
    const seconds = tq - time[p]!;
    if (bp === Infinity || seconds <= EPS || words[p]! > wq) return;
    let b = bp;
    if (seconds < min - EPS) b += penalty + min - seconds;
    else if (seconds > max + EPS) b += penalty + seconds - max;
    const off = (seconds - target) / halfRange;
    offer(p, b, pref[p]! + weight * off * off);
  };

  let lo = 0; // first node at or after q - max
  let last = 0; // last candidate node at or before q - min: [lo, last] ends in-bound scenes
  let overlongLo = 0; // first node at or after time(last) - min
  for (let q = 1; q <= end; q++) {
    tq = time[q]!;
    wq = words[q]!;
    bestBad = Infinity;
    bestPref = Infinity;
    best = -1;

    // In-bound scenes first: once one is found, the costlier kinds below are mostly skipped unseen.
    while (time[lo]! < tq - max - EPS) lo++;
    while (last + 1 <= n && time[last + 1]! <= tq - min + EPS) last++;
    for (let p = lo; p <= last; p++) scene(p);
    for (let p = Math.max(lo, last + 1); p < q; p++) {
      if (bad[p]! + penalty <= bestBad + EPS) scene(p);
    }

    let split = last;
    while (split > 0 && words[split]! > wq) split--;
    const floor = split === 0 ? -Infinity : time[split]! - min - 2 / fps;
    while (overlongLo < lo && time[overlongLo]! < floor) overlongLo++;
    for (let p = Math.min(overlongLo, lo); p < lo; p++) {
      if (bad[p]! + penalty <= bestBad + EPS) scene(p);
    }

    const bridge = bridges.get(q);
    if (bridge && planner) {
      for (let p = bridge.from; p <= bridge.to; p++) {
        if (words[p] !== wq || bad[p] === Infinity) continue;
        offer(-p - 1, bad[p]!, pref[p]! + planner.splitCost(cands.frame[q - 1]! - cands.frame[p - 1]!));
      }
    }

    bad[q] = bestBad;
    pref[q] = bestPref + cut[q]!;
    from[q] = best;
  }
  return backtrack(from, cands, planner);
}

/** For each node in the end zone of a long silence, the node range of its start zone. */
function silenceBridges(cands: Candidates): Map<number, { from: number; to: number }> {
  const nodeAt = (frame: number) => {
    let lo = 0;
    let hi = cands.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cands.frame[mid]! < frame) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  const bridges = new Map<number, { from: number; to: number }>();
  for (const silence of cands.silences) {
    const range = { from: nodeAt(silence.startZone[0]), to: nodeAt(silence.startZone[1] + 1) - 1 };
    for (let q = nodeAt(silence.endZone[0]); q < nodeAt(silence.endZone[1] + 1); q++) {
      if (cands.wordsBefore[q - 1] === silence.wordsBefore) bridges.set(q, range);
    }
  }
  return bridges;
}

/** Walks back from the end; a negative `from` marks a bridge over a long silence. */
function backtrack(from: Int32Array, cands: Candidates, planner: SilencePlanner | null): Boundary[] {
  const cuts: Boundary[] = [];
  let node = cands.length + 1;
  while (node > 0) {
    const previous = from[node]!;
    const start = previous < 0 ? -previous - 1 : previous;
    if (node <= cands.length) cuts.push({ frame: cands.frame[node - 1]!, wordsBefore: cands.wordsBefore[node - 1]! });
    if (previous < 0 && planner) {
      const wordsBefore = cands.wordsBefore[start - 1]!;
      const lengths = planner.splitLengths(cands.frame[node - 1]! - cands.frame[start - 1]!);
      let frame = cands.frame[node - 1]!;
      for (const length of lengths.slice(1).reverse()) {
        frame -= length;
        cuts.push({ frame, wordsBefore });
      }
    }
    node = start;
  }
  return cuts.reverse();
}
