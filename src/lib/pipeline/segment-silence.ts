// Long silences (intro music, breaks) become even runs of empty scenes without trying every frame.

import { durationCost, validFrameCounts, type SceneBounds } from './segment-costs';

/**
 * A silence too long to matter frame by frame: the plan keeps only its edge zones as candidates and
 * bridges them with an even run of empty scenes. That loses nothing: a best plan's first cut in the
 * silence lies within `edge` frames of its start (the scene reaching into it is at most max long, or
 * cutting it would lower `violation`), its last cut likewise near the end, and every span between the
 * zones is long enough to split into in-bound scenes.
 */
export type LongSilence = { wordsBefore: number; startZone: [number, number]; endZone: [number, number] };

export type SilencePlanner = {
  /** A silence whose frames span more than this is long. */
  longerThan: number;
  /** Width in frames of the zones kept at each end of a long silence. */
  edge: number;
  /** Preference cost of the best split of `frames` into in-bound empty scenes. */
  splitCost(frames: number): number;
  /** The frame lengths of that split. */
  splitLengths(frames: number): number[];
};

/** Null when the bounds leave no length that can always be split (e.g. min = max): keep every frame. */
export function silencePlanner(bounds: SceneBounds): SilencePlanner | null {
  const counts = validFrameCounts(bounds);
  if (!counts || counts.most === counts.least) return null;
  const { least, most } = counts;
  // From `mixing` scenes on, k in-bound scenes cover [k * least, k * most] without holes.
  const mixing = Math.ceil((least - 1) / (most - least));
  const splittable = Math.max(mixing * least, most + 1);
  const edge = Math.ceil(Math.max(bounds.maxSeconds, 2 * bounds.minSeconds) * bounds.fps) + 2;
  const cost = durationCost(bounds);
  const target = ((bounds.minSeconds + bounds.maxSeconds) / 2) * bounds.fps;

  /** n scenes as even as whole frames allow: `longer` of them one frame longer. */
  const even = (frames: number, n: number) => {
    const short = Math.floor(frames / n);
    return { short, longer: frames - short * n };
  };
  const costOf = (frames: number, n: number) => {
    const { short, longer } = even(frames, n);
    return (n - longer) * cost(short / bounds.fps) + longer * cost((short + 1) / bounds.fps);
  };
  /** The cost of n even scenes is convex in n, so the best n is next to frames / target. */
  const bestCount = (frames: number) => {
    const fewestScenes = Math.ceil(frames / most);
    const mostScenes = Math.floor(frames / least);
    const near = Math.floor(frames / target);
    let best = Math.min(Math.max(near, fewestScenes), mostScenes);
    for (let n = near - 1; n <= near + 2; n++) {
      if (n >= fewestScenes && n <= mostScenes && costOf(frames, n) < costOf(frames, best)) best = n;
    }
    return best;
  };

  // A bridge tries every pair of zone frames, but their distances take only a few hundred values.
  const costs = new Map<number, number>();
  return {
    longerThan: 2 * edge + splittable,
    edge,
    splitCost(frames) {
      let cost = costs.get(frames);
      if (cost === undefined) costs.set(frames, (cost = costOf(frames, bestCount(frames))));
      return cost;
    },
    splitLengths(frames) {
      const n = bestCount(frames);
      const { short, longer } = even(frames, n);
      return Array.from({ length: n }, (_, i) => (i < longer ? short + 1 : short));
    },
  };
}
