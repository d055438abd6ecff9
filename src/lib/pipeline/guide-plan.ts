// The visual guide in the project's plan: when it is written, its edits, and the redraws an edit offers
// (only ever on the person's word: scenes drawn with an older guide are counted, never redrawn unasked).
import type { Project } from './project';
import { narrationOf } from './visual-guide';

/** The scenes exist but their guide does not yet: it is written before any prompt. */
export function needsGuide(project: Project): boolean {
  return !!project.scenes && !project.guide;
}

/**
 * A project made before visual guides (migrated with an empty one, never written nor edited): the
 * person may ask the service for its guide. Opening it never does by itself (a paid call nobody chose).
 */
export function mayAskForGuide(project: Project): boolean {
  const guide = project.guide;
  const unwritten = !!guide && guide.revision === 0 && !guide.text && !guide.edited;
  // A recording whose scenes hold no words has nothing to write a guide from.
  return unwritten && narrationOf(project.scenes ?? []) !== '';
}

/**
 * The person asked for the guide of an older project: it is written by the run as for a new project
 * (see `needsGuide`, same request and key), as revision 1, so every prompt written before it is offered
 * a redraw; nothing else changes and nothing else is bought.
 */
export function askForGuide(project: Project): Project {
  if (!mayAskForGuide(project)) return project;
  const { guide: _empty, ...rest } = project;
  return rest;
}

/** The person's own guide: a new revision; prompts already written stay until a redraw is asked for. */
export function editGuide(project: Project, text: string): Project {
  const revision = (project.guide?.revision ?? 0) + 1;
  return { ...project, guide: { text: text.trim(), revision, edited: true } };
}

/**
 * Scenes whose prompt was written with another revision of the guide than the current one; prompts
 * the person wrote are theirs and never counted.
 */
export function staleScenes(project: Project): number[] {
  const revision = project.guide?.revision ?? 0;
  return (project.scenes ?? [])
    .filter((scene) => scene.prompt && !scene.prompt.edited && (scene.prompt.guide ?? 0) !== revision)
    .map((scene) => scene.index);
}

/**
 * The person asked to redraw these scenes: their prompts are written again (with the current guide),
 * then their pictures and clips are made again; nothing else changes.
 */
export function redrawScenes(project: Project, indices: readonly number[]): Project {
  const picked = new Set(indices);
  const scenes = project.scenes?.map((scene) =>
    picked.has(scene.index) ? { ...scene, prompt: undefined, failure: undefined } : scene,
  );
  return { ...project, scenes };
}

/** What redrawing `count` scenes buys, as the button says it before it is pressed. */
export function redrawCost(count: number): string {
  const many = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  return `${many(count, 'prompt request')} and ${many(count, 'image')}`;
}
