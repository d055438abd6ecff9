// What the runner starts next while the scene steps overlap, and how much of each step is left.
import { SCENE_STEPS, type Project, type SceneStep } from './project';
import { sceneDone, sceneWork, workId } from './project-plan';
import { sceneFrames } from './timeline';

export interface Piece {
  step: SceneStep;
  index: number;
}

/**
 * The pieces of `steps` that can start now and are not already `busy` (by work id), in the order to
 * start them: earliest scene first, so the user sees the first clips first. A prompt ranks
 * `promptLead` scenes earlier than its scene, so prompts (quick) stay that far ahead of images (slow)
 * and a network slot freed by an image never waits for a prompt before the next image can start.
 */
export function readyPieces(
  project: Project,
  steps: readonly SceneStep[],
  busy: { has(id: string): boolean },
  promptLead = 0,
): Piece[] {
  const rank = (piece: Piece) => piece.index - (piece.step === 'prompts' ? promptLead : 0);
  return steps
    .flatMap((step) => sceneWork(project, step).map((index) => ({ step, index })))
    .filter((piece) => !busy.has(workId(piece.step, piece.index)))
    .sort((a, b) => rank(a) - rank(b) || SCENE_STEPS.indexOf(a.step) - SCENE_STEPS.indexOf(b.step));
}

/**
 * A scene step's units of work: pieces (frames for clips, which vary in length) already made, and
 * still to make. Pieces that failed, or wait on a failure upstream, are in neither: nothing will be
 * made of them until the user retries, so they must not stretch the time left.
 */
export function stepUnits(project: Project, step: SceneStep): { done: number; left: number } {
  const units = { done: 0, left: 0 };
  for (const scene of project.scenes ?? []) {
    const size = step === 'clips' ? sceneFrames(scene, project.fps) : 1;
    if (sceneDone(project, scene, step)) units.done += size;
    else if (!scene.failure) units.left += size;
  }
  return units;
}
