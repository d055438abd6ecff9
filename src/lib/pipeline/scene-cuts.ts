// Scene cuts under the person's control: a cut moved by one word, two scenes merged, one split at a
// word. A layout is the scenes as ranges of the transcript's words with their times; every edit keeps
// each word in exactly one scene, in order, every inner cut on a frame, and every scene a frame long.
import { hash } from 'ohash';
import { gapFrames } from './segment-candidates';
import { DEFAULT_MAX_SECONDS, DEFAULT_MIN_SECONDS } from './segment';
import { frameOf } from './timeline';
import type { SceneRecord } from './project';
import type { Word } from './transcript';

/** One scene of a layout: its time and its words, the transcript's words `first` to `first + count - 1`. */
export interface SceneSpan {
  start: number;
  end: number;
  first: number;
  count: number;
}

export interface Layout {
  /** Every word of the transcript, in order. */
  words: readonly Word[];
  spans: readonly SceneSpan[];
  fps: number;
  /**
   * Where the layout's first version had its cuts, by the number of words before each: a cut moved
   * back to where it was lands on the same frame, so the scenes around it come back unchanged.
   */
  anchors: ReadonlyMap<number, number>;
}

/** `cut` i is the boundary between scenes i and i + 1; `word` indexes the split scene's own words. */
export type CutEdit =
  | { kind: 'move'; cut: number; by: -1 | 1 }
  | { kind: 'merge'; cut: number }
  | { kind: 'split'; scene: number; word: number };

/** The layout of scenes as stored (each with its words, tiling the audio). */
export function layoutOf(
  scenes: readonly { start: number; end: number; words: readonly Word[] }[],
  fps: number,
): Layout {
  const words: Word[] = [];
  const spans: SceneSpan[] = [];
  const anchors = new Map<number, number>();
  for (const scene of scenes) {
    if (spans.length > 0 && !anchors.has(words.length)) anchors.set(words.length, scene.start);
    spans.push({ start: scene.start, end: scene.end, first: words.length, count: scene.words.length });
    words.push(...scene.words);
  }
  return { words, spans, fps, anchors };
}

/**
 * The time of a new cut just before word `k`, between the times `low` and `high` (the outer edges of
 * the two scenes it separates): where the first layout had one, else the frame nearest the middle of
 * the silence between the two words (or within half a frame of it, as segmenting places cuts), kept
 * a frame away from both edges. Undefined when one of the two scenes would be shorter than a frame.
 */
function cutBefore(layout: Layout, k: number, low: number, high: number): number | undefined {
  const { fps, words } = layout;
  const [from, to] = [frameOf(low, fps) + 1, frameOf(high, fps) - 1];
  if (from > to) return undefined;
  const anchor = layout.anchors.get(k);
  if (anchor !== undefined && frameOf(anchor, fps) >= from && frameOf(anchor, fps) <= to) return anchor;
  const gap = { start: words[k - 1]?.end ?? low, end: words[k]?.start ?? high };
  const [first, last] = gapFrames(gap.start, Math.max(gap.start, gap.end), fps, frameOf(high, fps));
  const middle = Math.round(((gap.start + Math.max(gap.start, gap.end)) / 2) * fps);
  const inGap = first <= last ? Math.min(Math.max(middle, first), last) : middle;
  return Math.min(Math.max(inGap, from), to) / fps;
}

/** What an edit does: `remove` scenes from `at` on give way to `spans`. */
interface Replacement {
  at: number;
  remove: number;
  spans: SceneSpan[];
}

/**
 * Moves cut `cut` one word earlier (`by` -1: the left scene's last word goes right) or later. A scene
 * that has words keeps at least one (taking its last word away is a merge); a silent scene can take one.
 */
function moveCut(layout: Layout, cut: number, by: -1 | 1): Replacement | undefined {
  const left = layout.spans[cut];
  const right = layout.spans[cut + 1];
  if (!left || !right || (by < 0 ? left.count : right.count) < 2) return undefined;
  const k = right.first + by;
  const time = cutBefore(layout, k, left.start, right.end);
  if (time === undefined) return undefined;
  const spans = [
    { start: left.start, end: time, first: left.first, count: k - left.first },
    { start: time, end: right.end, first: k, count: right.first + right.count - k },
  ];
  return { at: cut, remove: 2, spans };
}

function mergeScenes(layout: Layout, cut: number): Replacement | undefined {
  const left = layout.spans[cut];
  const right = layout.spans[cut + 1];
  if (!left || !right) return undefined;
  const merged = { start: left.start, end: right.end, first: left.first, count: left.count + right.count };
  return { at: cut, remove: 2, spans: [merged] };
}

/** Splits scene `scene` just before its word `word`: both parts keep at least one word. */
function splitScene(layout: Layout, scene: number, word: number): Replacement | undefined {
  const span = layout.spans[scene];
  if (!span || !Number.isInteger(word) || word < 1 || word >= span.count) return undefined;
  const k = span.first + word;
  const time = cutBefore(layout, k, span.start, span.end);
  if (time === undefined) return undefined;
  const spans = [
    { start: span.start, end: time, first: span.first, count: word },
    { start: time, end: span.end, first: k, count: span.count - word },
  ];
  return { at: scene, remove: 1, spans };
}

function replacement(layout: Layout, edit: CutEdit): Replacement | undefined {
  if (edit.kind === 'move') return moveCut(layout, edit.cut, edit.by);
  if (edit.kind === 'merge') return mergeScenes(layout, edit.cut);
  return splitScene(layout, edit.scene, edit.word);
}

/** Whether the edit is possible there (cheap enough for the state of every button). */
export function canEdit(layout: Layout, edit: CutEdit): boolean {
  return replacement(layout, edit) !== undefined;
}

/** The layout after the edit, or undefined when the edit is not possible there. */
export function editCuts(layout: Layout, edit: CutEdit): Layout | undefined {
  const change = replacement(layout, edit);
  if (!change) return undefined;
  const { at, remove, spans } = change;
  return { ...layout, spans: [...layout.spans.slice(0, at), ...spans, ...layout.spans.slice(at + remove)] };
}

/** The words of one scene of the layout. */
export function spanWords(layout: Layout, span: SceneSpan): Word[] {
  return layout.words.slice(span.first, span.first + span.count);
}

/** A scene's text as segmenting writes it: its words joined by spaces. */
export function spanText(layout: Layout, span: SceneSpan): string {
  return spanWords(layout, span)
    .map((word) => word.word)
    .join(' ');
}

/** Whether two layouts cut the words and the audio in the same places. */
export function sameCuts(a: readonly SceneSpan[], b: readonly SceneSpan[]): boolean {
  return (
    a.length === b.length &&
    a.every((span, i) => {
      const other = b[i];
      return (
        !!other &&
        span.first === other.first &&
        span.count === other.count &&
        span.start === other.start &&
        span.end === other.end
      );
    })
  );
}

/** Whether `spans` tile the layout's words and audio, in order (each scene at least a moment long). */
export function tiles(layout: Layout, spans: readonly SceneSpan[]): boolean {
  const last = layout.spans.at(-1);
  if (!last || spans.length === 0) return false;
  let next = 0;
  let time = 0;
  for (const span of spans) {
    if (span.first !== next || span.count < 0 || span.start !== time || !(span.end > span.start)) return false;
    next += span.count;
    time = span.end;
  }
  return next === layout.words.length && time === last.end;
}

/** The scenes a draft of cuts is drawn on: their times, their words and the person's corrections of them. */
type DraftBase = readonly Pick<SceneRecord, 'start' | 'end' | 'words' | 'corrections'>[];

/**
 * A draft kept across a reload: its cuts, and a fingerprint of the stored scenes it was drawn on, so it is
 * only taken back while they are the same (no word corrected, no other cuts applied in another tab).
 */
export interface SavedDraft {
  base: string;
  spans: SceneSpan[];
}

/** The fingerprint of the scenes a draft is drawn on (see SavedDraft). */
export function draftBase(scenes: DraftBase): string {
  return hash(scenes.map(({ start, end, words, corrections }) => ({ start, end, words, corrections })));
}

const isSpan = (value: unknown): value is SceneSpan => {
  const span = value as Partial<SceneSpan> | null;
  return (
    typeof span === 'object' &&
    span !== null &&
    [span.start, span.end, span.first, span.count].every((n) => typeof n === 'number' && Number.isFinite(n))
  );
};

/** Whether what was read back is a saved draft (another version of the app may have written something else). */
export function isSavedDraft(value: unknown): value is SavedDraft {
  const draft = value as Partial<SavedDraft> | null;
  return (
    typeof draft === 'object' &&
    draft !== null &&
    typeof draft.base === 'string' &&
    Array.isArray(draft.spans) &&
    draft.spans.every(isSpan)
  );
}

/**
 * The saved draft as a layout of the stored scenes, or undefined when it no longer fits them: their
 * words, corrections or cuts changed since it was drawn (it is then dropped, never applied to them).
 */
export function takeBackDraft(saved: SavedDraft, scenes: DraftBase, fps: number): Layout | undefined {
  const layout = layoutOf(scenes, fps);
  if (saved.base !== draftBase(scenes) || !tiles(layout, saved.spans)) return undefined;
  return { ...layout, spans: saved.spans.map(({ start, end, first, count }) => ({ start, end, first, count })) };
}

/**
 * The gentle word on a scene's length: segmenting aims for 5-8 s; the person may choose otherwise, so
 * it is a warning shown on the scene, never a refusal. Undefined inside the bounds.
 */
export function lengthWarning(
  seconds: number,
  bounds: { min: number; max: number } = { min: DEFAULT_MIN_SECONDS, max: DEFAULT_MAX_SECONDS },
): string | undefined {
  const shown = `${seconds.toFixed(1)} s`;
  // Judged on the length as shown: 8.04 s reads "8.0 s" and is not called longer than 8 s.
  const rounded = Number(seconds.toFixed(1));
  if (rounded > bounds.max) return `${shown}: longer than the ${bounds.max} s we suggest`;
  if (rounded < bounds.min) return `${shown}: shorter than the ${bounds.min} s we suggest`;
  return undefined;
}
