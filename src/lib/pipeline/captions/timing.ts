// Caption timing on the video's frame grid: which group is on screen and which word is lit, frame by frame.
import { frameOf } from '../timeline';
import type { CaptionGroup } from './groups';

/** A stretch of frames [start, end) showing one group with one word highlighted (or none). */
export interface CaptionSpan {
  group: number;
  /** Index of the highlighted word in the group, or undefined for a style without highlight. */
  word: number | undefined;
  startFrame: number;
  endFrame: number;
}

/**
 * The frames each group is shown, split at each word's start: a word is highlighted from its start
 * until the next word starts (the group's last word until the group leaves). Times are rounded to the
 * nearest frame, so every change happens within half a frame of the transcript. A word shorter than a
 * frame gets no span of its own; a group's end never passes the next group's start.
 */
export function captionSpans(groups: CaptionGroup[], fps: number, highlight: boolean): CaptionSpan[] {
  const spans: CaptionSpan[] = [];
  groups.forEach((group, g) => {
    const groupStart = frameOf(group.start, fps);
    const nextStart = groups[g + 1] ? frameOf((groups[g + 1] as CaptionGroup).start, fps) : Infinity;
    const groupEnd = Math.min(Math.max(frameOf(group.end, fps), groupStart), nextStart);
    if (!highlight) {
      if (groupEnd > groupStart) spans.push({ group: g, word: undefined, startFrame: groupStart, endFrame: groupEnd });
      return;
    }
    group.words.forEach((word, w) => {
      const start = Math.max(frameOf(word.start, fps), groupStart);
      const following = group.words[w + 1];
      const end = Math.min(following ? frameOf(following.start, fps) : groupEnd, groupEnd);
      if (end > start) spans.push({ group: g, word: w, startFrame: start, endFrame: end });
    });
  });
  return spans;
}

/** The span on screen at `frame`, if any (spans are ordered and never overlap). */
export function spanAt(spans: CaptionSpan[], frame: number): CaptionSpan | undefined {
  let [low, high] = [0, spans.length - 1];
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = spans[mid] as CaptionSpan;
    if (frame < span.startFrame) high = mid - 1;
    else if (frame >= span.endFrame) low = mid + 1;
    else return span;
  }
  return undefined;
}
