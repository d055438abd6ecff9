// New scene cuts applied to a project: the scenes whose words did not change keep everything (prompt,
// picture and its versions, own picture, camera move, corrections) and their clip's key; the others
// start afresh (or take back what an earlier scene with their words bought), and what that will buy is
// counted before the person says yes.
import { chooseMotion, type MotionKind } from './kenburns';
import type { Project, RetiredScene, SceneRecord, WordCorrection } from './project';
import { sceneDone } from './project-plan';
import { layoutOf, spanText, spanWords, tiles, type SceneSpan } from './scene-cuts';
import { tightenedProject } from './tighten/project-tighten';

export interface Relayout {
  project: Project;
  /** For each new scene, the index of the old scene it is (same words), or undefined for a new one. */
  kept: (number | undefined)[];
  /** The new scenes that take back the prompt and picture an earlier scene with their words had bought. */
  restored: number[];
}

/** Which of the transcript's words a scene holds. */
const wordRange = ({ first, count }: Pick<SceneSpan, 'first' | 'count'>) => `${first}+${count}`;

/** Old and new scenes are the same scene when they hold the same words (silent ones: the same time too). */
const identity = (span: SceneSpan) => (span.count > 0 ? wordRange(span) : `${span.first}+0@${span.start}-${span.end}`);

/** The automatic camera move is chosen from this number (`index` unless the scene moved): see `chooseMotion`. */
export const lookOf = (scene: Pick<SceneRecord, 'index' | 'motionIndex'>): number => scene.motionIndex ?? scene.index;

/** The kind of camera move a scene's clip makes: the person's pick, or the automatic one. */
const kindOf = (scene: SceneRecord): MotionKind => scene.motion?.kind ?? chooseMotion(lookOf(scene)).kind;

/**
 * A number for a new scene's automatic move: its index, unless that gives it the same kind of move as a
 * neighbour, then the next one that does not (kinds take turns, so at most a few steps on).
 */
function freshLook(index: number, neighbours: (SceneRecord | undefined)[]): number {
  const taken = new Set(neighbours.filter((scene) => scene !== undefined).map(kindOf));
  let look = index;
  while (taken.has(chooseMotion(look).kind)) look++;
  return look;
}

/** `motionIndex` only when it differs from the index, so a scene that did not move keeps its record as it was. */
function withLook(scene: SceneRecord, look: number): SceneRecord {
  const { motionIndex: _old, ...rest } = scene;
  return look === scene.index ? rest : { ...rest, motionIndex: look };
}

/** How many retired scenes a project keeps (their pictures stay in storage): the latest edits' worth. */
export const RETIRED_KEPT = 24;

/** What a scene bought, kept when new cuts take its words apart (see RetiredScene). */
function retire(scene: SceneRecord, span: SceneSpan): RetiredScene | undefined {
  const { text, prompt, image, versions, redrawn, redraws } = scene;
  if (span.count === 0 || (!prompt && !image)) return undefined;
  const pieces = { prompt, image, versions, redrawn, redraws };
  const kept = Object.fromEntries(Object.entries(pieces).filter(([, value]) => value !== undefined));
  return { first: span.first, count: span.count, text, ...kept };
}

/** A retired scene's pieces, for a new scene with its words. */
function takeBack({ first: _f, count: _c, text: _t, ...pieces }: RetiredScene): Partial<SceneRecord> {
  return pieces;
}

/**
 * The camera move the person picked that a new scene keeps: the one of the old scene it starts as
 * (the first part of a moved cut, of a merge, of a split), and of the old scene it is a later part of
 * when that scene was cut into parts (a split: every part keeps it). A scene that starts at a moved
 * cut has other words first, and gets an automatic move.
 */
function pickedMotion(
  span: SceneSpan,
  layout: readonly SceneSpan[],
  spans: readonly SceneSpan[],
  scenes: readonly SceneRecord[],
) {
  const from = layout.findIndex((old) => old.start <= span.start && span.start < old.end);
  const old = layout[from];
  if (!old) return undefined;
  const starts = span.start === old.start && span.first === old.first;
  const part = span.end <= old.end && spans.some((other) => other.start === old.start && other.first === old.first);
  return starts || part ? scenes[from]?.motion : undefined;
}

/**
 * The project cut as `spans` say (a layout of its own words: see scene-cuts.ts). A scene whose words are
 * the same as an old scene's is that scene, moved to its new index: everything it has is kept, and it
 * keeps the automatic camera move it was drawn with (`motionIndex`), so its clip's key does not change.
 * A scene with other words has only its words, their corrections, its time and the move the person
 * picked for the scene it comes from (see `pickedMotion`); its prompt and picture are made by the run,
 * unless a scene had those very words before (then it takes back what that one bought: `retired`).
 * Spans that do not fit the project's words leave it as it is.
 */
export function relayout(project: Project, spans: readonly SceneSpan[]): Relayout {
  const scenes = project.scenes ?? [];
  const layout = layoutOf(scenes, project.fps);
  if (!tiles(layout, spans)) {
    return { project, kept: scenes.map((scene) => scene.index), restored: [] };
  }
  const old = new Map(layout.spans.map((span, i) => [identity(span), i]));
  const fixes = new Map<number, string>();
  layout.spans.forEach((span, i) => {
    for (const fix of scenes[i]?.corrections ?? []) fixes.set(span.first + fix.word, fix.text);
  });
  const earlier = new Map((project.retired ?? []).map((scene) => [wordRange(scene), scene]));
  const kept = spans.map((span) => old.get(identity(span)));
  const restored: number[] = [];
  const made: SceneRecord[] = [];
  spans.forEach((span, index) => {
    const from = kept[index];
    const before = from === undefined ? undefined : scenes[from];
    if (before) {
      made.push(withLook({ ...before, index, start: span.start, end: span.end }, lookOf(before)));
      return;
    }
    const corrections: WordCorrection[] = [];
    for (let word = 0; word < span.count; word++) {
      const text = fixes.get(span.first + word);
      if (text !== undefined) corrections.push({ word, text });
    }
    const text = spanText(layout, span);
    const back = span.count > 0 ? earlier.get(wordRange(span)) : undefined;
    const motion = pickedMotion(span, layout.spans, spans, scenes);
    if (back?.text === text) restored.push(index);
    const fresh: SceneRecord = {
      index,
      start: span.start,
      end: span.end,
      text,
      words: spanWords(layout, span),
      ...(corrections.length > 0 ? { corrections } : {}),
      ...(back?.text === text ? takeBack(back) : {}),
      ...(motion ? { motion } : {}),
    };
    const next = kept[index + 1];
    // The scene after it, when kept; a new one after it looks back at this one in turn.
    const right = next === undefined ? undefined : scenes[next];
    made.push(withLook(fresh, freshLook(index, [made[index - 1], right])));
  });
  const staying = new Set(kept);
  const taken = new Set(restored.map((index) => wordRange(spans[index]!)));
  const newlyRetired = layout.spans.flatMap((span, i) => {
    const scene = scenes[i];
    const pieces = scene && !staying.has(i) ? retire(scene, span) : undefined;
    return pieces ? [pieces] : [];
  });
  const retired = [...newlyRetired, ...(project.retired ?? [])]
    .filter((scene, i, all) => {
      const words = wordRange(scene);
      return !taken.has(words) && all.findIndex((other) => wordRange(other) === words) === i;
    })
    .slice(0, RETIRED_KEPT);
  const { retired: _old, ...rest } = project;
  return { project: { ...rest, scenes: made, ...(retired.length > 0 ? { retired } : {}) }, kept, restored };
}

/**
 * Each scene's length in seconds as the video shows it, for the length warning: with tighten on, the
 * filler words and pauses cut out of a scene do not count (its times through the same time map as its clip).
 */
export function videoLengths(project: Project): number[] {
  return (tightenedProject(project).scenes ?? []).map((scene) => scene.end - scene.start);
}

/** What new cuts buy: prompts written and pictures drawn, for the scenes they change. */
export interface CutsCost {
  prompts: number;
  images: number;
  /** The new scenes whose prompt or picture is made again. */
  scenes: number[];
}

/**
 * What the run will buy once `after` (from `relayout(before, …)`) is stored, that it would not have
 * bought for `before`: a prompt for each scene whose prompt no longer fits its words (new scenes, and a
 * silent scene whose neighbours' words changed) and a picture for each scene that loses its picture.
 * Work `before` was still waiting for is not counted again.
 */
export function cutsCost(before: Project, { project: after, kept }: Relayout): CutsCost {
  const cost: CutsCost = { prompts: 0, images: 0, scenes: [] };
  for (const scene of after.scenes ?? []) {
    const from = kept[scene.index];
    const old = from === undefined ? undefined : before.scenes?.[from];
    const prompt = !sceneDone(after, scene, 'prompts') && (!old || sceneDone(before, old, 'prompts'));
    const image = !sceneDone(after, scene, 'images') && (!old || sceneDone(before, old, 'images'));
    if (prompt) cost.prompts++;
    if (image) cost.images++;
    if (prompt || image) cost.scenes.push(scene.index);
  }
  return cost;
}

const many = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** What applying new cuts buys, as the button says before it is pressed ("2 prompt requests and 2 images"). */
export function cutsCostText(cost: Pick<CutsCost, 'prompts' | 'images'>): string {
  const parts = [
    ...(cost.prompts > 0 ? [many(cost.prompts, 'prompt request')] : []),
    ...(cost.images > 0 ? [many(cost.images, 'image')] : []),
  ];
  return parts.length > 0 ? parts.join(' and ') : 'nothing';
}
