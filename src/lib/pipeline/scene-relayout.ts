// New scene cuts applied to a project: the scenes whose words did not change keep everything (prompt,
// picture and its versions, own picture, camera move, corrections) and their clip's key; the others
// start afresh, and what that will buy is counted before the person says yes.
import { chooseMotion, type MotionKind } from './kenburns';
import type { Project, SceneRecord, WordCorrection } from './project';
import { sceneDone } from './project-plan';
import { layoutOf, spanText, spanWords, type SceneSpan } from './scene-cuts';

export interface Relayout {
  project: Project;
  /** For each new scene, the index of the old scene it is (same words), or undefined for a new one. */
  kept: (number | undefined)[];
}

/** Old and new scenes are the same scene when they hold the same words (silent ones: the same time too). */
const identity = (span: SceneSpan) =>
  span.count > 0 ? `${span.first}+${span.count}` : `${span.first}+0@${span.start}-${span.end}`;

/** Spans that tile the same words and audio as the project's scenes, in order. */
function fits(spans: readonly SceneSpan[], words: number, current: readonly SceneSpan[]): boolean {
  const last = current.at(-1);
  if (!last || spans.length === 0) return false;
  let next = 0;
  let time = 0;
  for (const span of spans) {
    if (span.first !== next || span.count < 0 || span.start !== time || !(span.end > span.start)) return false;
    next += span.count;
    time = span.end;
  }
  return next === words && time === last.end;
}

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

/**
 * The project cut as `spans` say (a layout of its own words: see scene-cuts.ts). A scene whose words are
 * the same as an old scene's is that scene, moved to its new index: everything it has is kept, and it
 * keeps the automatic camera move it was drawn with (`motionIndex`), so its clip's key does not change.
 * A scene with other words has only its words, their corrections, and its time: its prompt and picture
 * are made by the run. Spans that do not fit the project's words leave it as it is.
 */
export function relayout(project: Project, spans: readonly SceneSpan[]): Relayout {
  const scenes = project.scenes ?? [];
  const layout = layoutOf(scenes, project.fps);
  if (!fits(spans, layout.words.length, layout.spans)) return { project, kept: scenes.map((scene) => scene.index) };
  const old = new Map(layout.spans.map((span, i) => [identity(span), i]));
  const fixes = new Map<number, string>();
  layout.spans.forEach((span, i) => {
    for (const fix of scenes[i]?.corrections ?? []) fixes.set(span.first + fix.word, fix.text);
  });
  const kept = spans.map((span) => old.get(identity(span)));
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
    const fresh: SceneRecord = {
      index,
      start: span.start,
      end: span.end,
      text: spanText(layout, span),
      words: spanWords(layout, span),
      ...(corrections.length > 0 ? { corrections } : {}),
    };
    const next = kept[index + 1];
    // The scene after it, when kept; a new one after it looks back at this one in turn.
    const right = next === undefined ? undefined : scenes[next];
    made.push(withLook(fresh, freshLook(index, [made[index - 1], right])));
  });
  return { project: { ...project, scenes: made }, kept };
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
