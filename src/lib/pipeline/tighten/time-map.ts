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
  return { map, removed };
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
