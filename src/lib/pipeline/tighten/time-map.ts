// Times before and after the cuts: every time of the project (scene bounds, words, captions) goes
// through one map, so pictures, captions and the cut audio stay in sync.

/** A stretch of the original recording taken out, in seconds. */
export interface Span {
  start: number;
  end: number;
}

export interface TimeMap {
  /** The time in the tightened recording of an original time; a time inside a cut lands where the cut was. */
  map(t: number): number;
  /**
   * The original time of a tightened one (where a clip's moment is in the recording, e.g. to play the
   * voice under a scene preview); the join of a cut gives the time after the cut.
   */
  unmap(t: number): number;
  /** Seconds taken out in total. */
  removed: number;
}

/** The map of sorted, non-overlapping cuts. */
export function timeMap(cuts: readonly Span[]): TimeMap {
  const before: number[] = [];
  let removed = 0;
  for (const cut of cuts) {
    before.push(removed);
    removed += cut.end - cut.start;
  }
  const map = (t: number): number => {
    // The last cut starting before t (binary search: maps run over every word of long recordings).
    let low = 0;
    let high = cuts.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((cuts[middle] as Span).start < t) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    if (found < 0) return t;
    const cut = cuts[found] as Span;
    const earlier = before[found] as number;
    return t >= cut.end ? t - earlier - (cut.end - cut.start) : cut.start - earlier;
  };
  const unmap = (t: number): number => {
    // The last cut whose join (its start in tightened time) is at or before t.
    let shift = 0;
    for (const [i, cut] of cuts.entries()) {
      // A nanosecond of slack: a word starting right at a cut's end maps onto the join in floating point.
      if (cut.start - (before[i] as number) > t + 1e-9) break;
      shift = (before[i] as number) + cut.end - cut.start;
    }
    return t + shift;
  };
  return { map, unmap, removed };
}

/** The stretches of [0, duration] that stay, in order: the complement of the cuts. */
export function keptSpans(cuts: readonly Span[], duration: number): Span[] {
  const kept: Span[] = [];
  let cursor = 0;
  for (const cut of cuts) {
    if (cut.start > cursor) kept.push({ start: cursor, end: cut.start });
    cursor = Math.max(cursor, cut.end);
  }
  if (duration > cursor) kept.push({ start: cursor, end: duration });
  return kept;
}
