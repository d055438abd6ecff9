// The project state machine: from what is cached, which piece of work comes next and what each piece's status is.
import {
  clipKey,
  finalKey,
  imageKey,
  promptKey,
  SCENE_STEPS,
  type PieceStatus,
  type Project,
  type SceneRecord,
  type SceneStep,
  type StepId,
} from './project';
import { captionProblem, correctWord } from './captions/project-captions';
import type { CaptionStyleId } from './captions/styles';
import { needsGuide } from './guide-plan';
import { promptTextForScene } from './prompt';

/** What a prompt request for scene `index` sends: its words, or for a silent scene its neighbours'. */
export function promptInput(scenes: readonly SceneRecord[], index: number): { text: string } {
  if (!scenes[index]) throw new RangeError(`No scene ${index}`);
  return { text: promptTextForScene(scenes, index) };
}

/**
 * Whether the prompt of a scene with words of its own matches them: that depends on the scene alone,
 * so it is worked out once per scene object, whatever project it is in (a change of the project keeps
 * every scene it does not touch). A silent scene's prompt is written from its neighbours: not kept here.
 */
const ownWordsPromptValid = new WeakMap<SceneRecord, boolean>();

function promptValid(project: Project, scene: SceneRecord): boolean {
  if (!scene.prompt) return false;
  if (scene.prompt.edited === true) return true;
  const spoken = /\S/u.test(scene.text);
  const known = spoken ? ownWordsPromptValid.get(scene) : undefined;
  if (known !== undefined) return known;
  const valid = scene.prompt.key === promptKey(promptInput(project.scenes ?? [], scene.index));
  if (spoken) ownWordsPromptValid.set(scene, valid);
  return valid;
}

/**
 * The scene's picture is the one its prompt is drawn into, or one the person chose for that prompt (a
 * redraw, an earlier version); their own file stands whatever the prompt. A redraw asked for is pending.
 */
function imageValid(project: Project, scene: SceneRecord): boolean {
  const image = scene.image;
  if (!image || scene.redraw) return false;
  if (image.source === 'own') return true;
  if (!sceneDone(project, scene, 'prompts')) return false;
  const prompt = scene.prompt?.text ?? '';
  return image.key === imageKey(prompt, project, scene) || (image.source !== undefined && image.prompt === prompt);
}

function clipValid(project: Project, scene: SceneRecord): boolean {
  return sceneDone(project, scene, 'images') && scene.clip?.key === clipKey(scene, scene.image?.key ?? '', project);
}

const VALID: Record<SceneStep, (project: Project, scene: SceneRecord) => boolean> = {
  prompts: promptValid,
  images: imageValid,
  clips: clipValid,
};

// A project is never changed in place (every change makes a new one, see ProjectDocument.change), so
// what a scene's pieces are worth is remembered with the scene, for the project it was worked out in:
// a page showing a project asks the same questions several times per change (the step list, the next
// step, every scene card), and a change keeps every scene it does not touch, so the next project's
// answers start from a reused record (the keys behind them are remembered per scene, see `clipKey`).
type Answers = Partial<Record<SceneStep, boolean>> & { project: Project };
const remembered = new WeakMap<SceneRecord, Answers>();

/** Whether a scene's piece for `step` is cached and still matches its inputs. */
export function sceneDone(project: Project, scene: SceneRecord, step: SceneStep): boolean {
  let answers = remembered.get(scene);
  if (!answers) remembered.set(scene, (answers = { project }));
  else if (answers.project !== project) {
    answers.project = project;
    answers.prompts = answers.images = answers.clips = undefined;
  }
  return (answers[step] ??= VALID[step](project, scene));
}

/** The key the final video has when every clip is done, or undefined while one is missing. */
export function expectedFinalKey(project: Project): string | undefined {
  const scenes = project.scenes;
  if (!scenes?.length || !scenes.every((scene) => sceneDone(project, scene, 'clips'))) return undefined;
  return finalKey(
    project,
    scenes.map((scene) => scene.clip?.key ?? ''),
  );
}

export function finalDone(project: Project): boolean {
  const expected = expectedFinalKey(project);
  return expected !== undefined && project.final?.key === expected;
}

/** A scene's status at one step; whether the runner is making the piece now (`making`) comes from the runner. */
export function pieceStatus(project: Project, scene: SceneRecord, step: SceneStep, making: boolean): PieceStatus {
  if (sceneDone(project, scene, step)) return 'done';
  // A failure is counted once, at its own step; the scene's later steps wait on it. A recorded failure
  // wins over `making`: the runner records it before it lets go of the piece, and the card and the step
  // list must not say "working" under the failure's message meanwhile.
  const failedAt = scene.failure ? SCENE_STEPS.indexOf(scene.failure.step) : -1;
  const here = SCENE_STEPS.indexOf(step);
  if (failedAt === here) return 'failed';
  if (making) return 'working';
  if (failedAt === -1) return 'pending';
  return failedAt < here ? 'blocked' : 'pending';
}

export function workId(step: StepId, index?: number): string {
  return index === undefined ? step : `${step}:${index}`;
}

/** The scenes being worked on at each scene step, read from the runner's work ids (`workId`). */
export function scenesAtWork(working: Iterable<string>): Record<SceneStep, Set<number>> {
  const at: Record<SceneStep, Set<number>> = { prompts: new Set(), images: new Set(), clips: new Set() };
  for (const id of working) {
    const [step, index] = id.split(':');
    if (index !== undefined && (SCENE_STEPS as readonly string[]).includes(step ?? '')) {
      at[step as SceneStep].add(Number(index));
    }
  }
  return at;
}

/** The scenes whose piece for `step` can be made now: inputs ready, not done, not failed. */
export function sceneWork(project: Project, step: SceneStep): number[] {
  const previous = SCENE_STEPS[SCENE_STEPS.indexOf(step) - 1];
  return (project.scenes ?? [])
    .filter((scene) => !sceneDone(project, scene, step) && !scene.failure)
    .filter((scene) => previous === undefined || sceneDone(project, scene, previous))
    .map((scene) => scene.index);
}

export type NextStep = StepId | 'done' | 'blocked';

/**
 * The first step with work left. `blocked` means nothing can progress until the user retries a
 * failure; `done` means the final video matches every current piece.
 */
export function nextStep(project: Project): NextStep {
  if (project.failure && project.failure.step !== 'final') return 'blocked';
  if (!project.transcript) return 'transcribe';
  // The visual guide is written with the scenes, before any prompt (the Scenes step).
  if (!project.scenes || needsGuide(project)) return 'scenes';
  for (const step of SCENE_STEPS) {
    if (sceneWork(project, step).length === 0) continue;
    // Captions that cannot be drawn stop the run before any clip (the page says why), never empty boxes.
    if (step === 'clips' && captionProblem(project)) return 'blocked';
    return step;
  }
  if (finalDone(project)) return 'done';
  if (expectedFinalKey(project) === undefined || project.failure) return 'blocked';
  return 'final';
}

/** Clears a scene's failure so its work is done again (the retry button). */
export function retryScene(project: Project, index: number): Project {
  const scenes = project.scenes?.map((scene) => (scene.index === index ? { ...scene, failure: undefined } : scene));
  return { ...project, scenes };
}

/** Clears a project-wide failure (transcription, assembly) so that step runs again. */
export function retryProject(project: Project): Project {
  return { ...project, failure: undefined };
}

/** The user's own prompt for a scene: its image, clip and the final video are redone, nothing else. */
export function editPrompt(project: Project, index: number, text: string): Project {
  const scenes = project.scenes?.map((scene) =>
    scene.index === index
      ? { ...scene, failure: undefined, prompt: { text, key: scene.prompt?.key ?? '', edited: true } }
      : scene,
  );
  return { ...project, scenes };
}

/** Captions in another style, or none: only the clips (and the final video) are made again. */
export function setCaptions(project: Project, captions: CaptionStyleId): Project {
  return { ...project, captions };
}

/**
 * A misheard word corrected (`text`) or removed (`''`): only the clips whose captions change are
 * made again (the scene's text, and so its prompt and image, are left as they are).
 */
export function editWord(project: Project, index: number, word: number, text: string): Project {
  const scenes = project.scenes?.map((scene) => (scene.index === index ? correctWord(scene, word, text) : scene));
  return { ...project, scenes };
}
