// A project's tightening: the cuts proposed from its words, the ones the person keeps, and the project
// as the video shows it (every scene bound, word and caption moved through the time map). Scenes keep
// their words and text, so prompts and pictures stay; only clips and the final video follow the cuts.
import type { Project, SceneRecord, WordCorrection } from '../project';
import { sceneFrames } from '../timeline';
import type { Word } from '../transcript';
import { proposeCuts, type Cut } from './detect';
import { timeMap, type Span, type TimeMap } from './time-map';

/** The person's choice, stored with the project. */
export interface TightenChoice {
  /** Remove filler words and long pauses. */
  on: boolean;
  /** Their own filler words, on top of the language's. */
  fillers?: string[];
  /** Ids of proposed cuts they turned off (the moment stays as recorded). */
  kept?: string[];
}

// Detection runs over every word: the last answer is kept while its inputs are the same objects.
let lastProposal: { inputs: unknown[]; cuts: Cut[] } | undefined;

/** Every cut the project's words suggest, whether turned on or not (none before there are scenes). */
export function proposedCuts(project: Project): Cut[] {
  const scenes = project.scenes ?? [];
  const inputs = [
    project.language,
    project.fps,
    project.audio.duration,
    project.tighten?.fillers?.join('\n'),
    ...scenes.map((s) => s.words),
  ];
  if (
    lastProposal &&
    lastProposal.inputs.length === inputs.length &&
    lastProposal.inputs.every((x, i) => x === inputs[i])
  ) {
    return lastProposal.cuts;
  }
  const words = scenes.flatMap((s) => s.words);
  const cuts = proposeCuts(words, project.audio.duration, {
    language: project.language,
    fps: project.fps,
    ...(project.tighten?.fillers ? { fillers: project.tighten.fillers } : {}),
  });
  lastProposal = { inputs, cuts };
  return cuts;
}

/**
 * The cuts applied to the video: the proposed ones the person did not turn off, when the option is on.
 * A cut that would leave a scene shorter than one frame is not applied (its scene keeps its time).
 */
export function activeCuts(project: Project): Cut[] {
  const cached = applied.get(project);
  if (cached) return cached;
  const cuts = project.tighten?.on ? fitScenes(project, proposedCuts(project)) : [];
  applied.set(project, cuts);
  return cuts;
}

const applied = new WeakMap<Project, Cut[]>();

function fitScenes(project: Project, proposed: Cut[]): Cut[] {
  const kept = new Set(project.tighten?.kept ?? []);
  let cuts = proposed.filter((cut) => !kept.has(cut.id));
  for (const scene of project.scenes ?? []) {
    const { map } = timeMap(cuts);
    if (sceneFrames({ start: map(scene.start), end: map(scene.end) }, project.fps) >= 1) continue;
    cuts = cuts.filter((cut) => cut.end <= scene.start || cut.start >= scene.end);
  }
  return cuts;
}

/** Seconds the applied cuts take out. */
export function timeSaved(project: Project): number {
  return timeMap(activeCuts(project)).removed;
}

/** A stable text of the applied cuts (for keys and caches); empty when none apply. */
export function cutsSignature(cuts: readonly Span[]): string {
  return cuts.map((cut) => `${cut.start.toFixed(6)}-${cut.end.toFixed(6)}`).join(',');
}

const inside = (t: number, cuts: readonly Span[]) => cuts.some((cut) => t > cut.start && t < cut.end);

// Mapped words keep their identity while the words and the cuts are the same, so the captions track
// (cached by the identity of each scene's words) is not rebuilt at every change of the project.
const mappedWords = new WeakMap<Word[], { signature: string; words: Word[]; removed: number[] }>();
const mappedCorrections = new WeakMap<
  Word[],
  { signature: string; from?: WordCorrection[]; value?: WordCorrection[] }
>();

function mapWords(words: Word[], cuts: readonly Span[], map: TimeMap['map'], signature: string) {
  const cached = mappedWords.get(words);
  if (cached?.signature === signature) return cached;
  const removed: number[] = [];
  const mapped = words.map((word, i) => {
    if (inside((word.start + word.end) / 2, cuts)) removed.push(i);
    return { ...word, start: map(word.start), end: map(word.end) };
  });
  const entry = { signature, words: mapped, removed };
  mappedWords.set(words, entry);
  return entry;
}

/** The scene's corrections with the words its cuts take out removed from captions and subtitles too. */
function withRemovals(scene: SceneRecord, removed: number[], signature: string): WordCorrection[] | undefined {
  const cached = mappedCorrections.get(scene.words);
  if (cached && cached.signature === signature && cached.from === scene.corrections) return cached.value;
  const gone = new Set(removed);
  const others = (scene.corrections ?? []).filter((fix) => !gone.has(fix.word));
  const merged = [...others, ...removed.map((word) => ({ word, text: '' }))].sort((a, b) => a.word - b.word);
  const value = merged.length > 0 ? merged : undefined;
  mappedCorrections.set(scene.words, { signature, ...(scene.corrections ? { from: scene.corrections } : {}), value });
  return value;
}

const tightened = new WeakMap<Project, Project>();

/**
 * The project as its video plays: with no cut applied, the project itself (its clips and video keep
 * their keys, its audio stays untouched); else every scene's bounds and words in tightened time, the
 * words a cut takes out removed from the captions.
 */
export function tightenedProject(project: Project): Project {
  const cached = tightened.get(project);
  if (cached) return cached;
  const cuts = activeCuts(project);
  let result = project;
  if (cuts.length > 0 && project.scenes) {
    const { map } = timeMap(cuts);
    const signature = cutsSignature(cuts);
    const scenes = project.scenes.map((scene) => {
      const { words, removed } = mapWords(scene.words, cuts, map, signature);
      const corrections = withRemovals(scene, removed, signature);
      const { corrections: _heard, ...rest } = scene;
      return { ...rest, start: map(scene.start), end: map(scene.end), words, ...(corrections ? { corrections } : {}) };
    });
    result = { ...project, scenes };
  }
  tightened.set(project, result);
  return result;
}

/** One scene as the video shows it (see `tightenedProject`). */
export function tightenedScene<T extends Pick<SceneRecord, 'index' | 'start' | 'end'>>(project: Project, scene: T): T {
  if (activeCuts(project).length === 0) return scene;
  const timed = tightenedProject(project).scenes?.[scene.index];
  return timed ? { ...scene, start: timed.start, end: timed.end } : scene;
}

/** Turns the option on or off (the cuts the person turned off stay remembered). */
export function setTighten(project: Project, on: boolean): Project {
  return { ...project, tighten: { ...project.tighten, on } };
}

/** Applies (`apply`) or leaves out one proposed cut. */
export function applyCut(project: Project, id: string, apply: boolean): Project {
  const others = (project.tighten?.kept ?? []).filter((kept) => kept !== id);
  const kept = apply ? others : [...others, id];
  const { kept: _old, ...rest } = project.tighten ?? { on: true };
  return { ...project, tighten: { ...rest, ...(kept.length > 0 ? { kept } : {}) } };
}

/** The person's own filler words (blank entries dropped). */
export function setOwnFillers(project: Project, words: readonly string[]): Project {
  const fillers = words.map((word) => word.trim()).filter(Boolean);
  const { fillers: _old, ...rest } = project.tighten ?? { on: false };
  return { ...project, tighten: { ...rest, ...(fillers.length > 0 ? { fillers } : {}) } };
}

/**
 * Where a moment of a scene's clip is in the original recording (the voice a scene preview plays under
 * the silent clip): the scene's start plus the clip's time, through the cuts when some apply, so the
 * voice skips what the video leaves out.
 */
export function clipTimeInRecording(project: Project, scene: Pick<SceneRecord, 'index' | 'start' | 'end'>) {
  const cuts = activeCuts(project);
  if (cuts.length === 0) return (clipTime: number) => scene.start + clipTime;
  const { unmap } = timeMap(cuts);
  const start = tightenedScene(project, scene).start;
  return (clipTime: number) => unmap(start + clipTime);
}
