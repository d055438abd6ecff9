// Progress of each step (counts of done / failed / working pieces) and time-left estimates.
import {
  SCENE_STEPS,
  STEPS,
  type PieceStatus,
  type Project,
  type SceneRecord,
  type SceneStep,
  type StepId,
} from './project';
import { finalDone, pieceStatus, scenesAtWork, workId } from './project-plan';

export interface StepProgress {
  step: StepId;
  total: number;
  done: number;
  failed: number;
  /** Pieces waiting on a failure at an earlier step of their scene (counted as failed there). */
  blocked: number;
  working: number;
  status: PieceStatus;
}

function summary(step: StepId, statuses: PieceStatus[], running: boolean): StepProgress {
  const count = (status: PieceStatus) => statuses.filter((s) => s === status).length;
  const [done, failed, blocked, working] = [count('done'), count('failed'), count('blocked'), count('working')];
  const total = statuses.length;
  // Between two pieces (its next ones queued behind other steps' requests) a started step is still at work.
  const underway = running && done + failed > 0 && done + failed + blocked < total;
  let status: PieceStatus = 'pending';
  if (working > 0 || underway) status = 'working';
  else if (failed > 0) status = 'failed';
  else if (blocked > 0 && done + blocked === total) status = 'blocked';
  else if (total > 0 && done === total) status = 'done';
  return { step, total, done, failed, blocked, working, status };
}

function projectStepStatus(project: Project, step: StepId, working: ReadonlySet<string>): PieceStatus {
  const done = {
    transcribe: !!project.transcript,
    scenes: !!project.scenes && !!project.guide,
    final: finalDone(project),
  };
  if (done[step as keyof typeof done]) return 'done';
  // The runner records a failure before it lets go of the step: the failure shows at once (see `pieceStatus`).
  if (project.failure?.step === step) return 'failed';
  return working.has(workId(step)) ? 'working' : 'pending';
}

/** Each step's status for one scene, as its card shows it. */
export type SceneStatuses = Readonly<Record<SceneStep, PieceStatus>>;

/**
 * Every scene's statuses, in scene order. A scene whose statuses are those of `previous` keeps that
 * object: the page works this out on every change of the project (each piece a run makes), and a card
 * given the same object has nothing to update; for an hour's 560 scenes the fresh objects were the
 * page's largest source of garbage.
 */
export function sceneStatusTable(
  project: Project,
  working: ReadonlySet<string> = new Set(),
  previous: readonly SceneStatuses[] = [],
): SceneStatuses[] {
  // A plain loop, and no work id made per scene: closures and strings made per scene were most of
  // what this allocated.
  const scenes = project.scenes ?? [];
  const making = scenesAtWork(working);
  const table: SceneStatuses[] = [];
  for (let index = 0; index < scenes.length; index++) {
    const scene = scenes[index] as SceneRecord;
    const prompts = pieceStatus(project, scene, 'prompts', making.prompts.has(scene.index));
    const images = pieceStatus(project, scene, 'images', making.images.has(scene.index));
    const clips = pieceStatus(project, scene, 'clips', making.clips.has(scene.index));
    const before = previous[index];
    const same = before?.prompts === prompts && before.images === images && before.clips === clips;
    table.push(same ? before : { prompts, images, clips });
  }
  return table;
}

/**
 * One line per step, in pipeline order, for the progress panel; `running` while a run is going.
 * `table` is the project's `sceneStatusTable` when the caller has it already.
 */
export function stepProgress(
  project: Project,
  working: ReadonlySet<string> = new Set(),
  running = false,
  table: readonly SceneStatuses[] = sceneStatusTable(project, working),
): StepProgress[] {
  return STEPS.map((step) => {
    if (!SCENE_STEPS.includes(step as SceneStep)) {
      return summary(step, [projectStepStatus(project, step, working)], running);
    }
    return summary(
      step,
      table.map((statuses) => statuses[step as SceneStep]),
      running,
    );
  });
}

/** The project's overall state, as the saved-projects list shows it. */
export function projectState(project: Project): 'done' | 'failed' | 'unfinished' {
  if (finalDone(project)) return 'done';
  const failed = project.failure || project.scenes?.some((scene) => scene.failure);
  return failed ? 'failed' : 'unfinished';
}

export interface RateSample {
  /** When the step started working (ms). */
  startedAt: number;
  now: number;
  /** Units of work (pieces, frames...) done since `startedAt`, and left to do. */
  doneSinceStart: number;
  remaining: number;
}

/**
 * Seconds left at the rate observed so far, or undefined until there is a rate to go by. Waits for
 * a second of work so the first, noisy instant does not flash a wild figure.
 */
export function secondsLeft(sample: RateSample): number | undefined {
  const elapsed = sample.now - sample.startedAt;
  if (sample.remaining <= 0) return 0;
  if (sample.doneSinceStart <= 0 || elapsed < 1000) return undefined;
  return ((elapsed / sample.doneSinceStart) * sample.remaining) / 1000;
}

/**
 * Seconds left for a step whose pieces are made as the steps before it deliver: never less than
 * what those steps still need (clips cannot all be done before the last image is drawn).
 */
export function chainedSecondsLeft(step: StepId, samples: Partial<Record<StepId, RateSample>>): number | undefined {
  const sample = samples[step];
  const own = sample && secondsLeft(sample);
  if (own === undefined) return undefined;
  const upstream = STEPS.slice(0, STEPS.indexOf(step)).map((before) => samples[before]);
  const waits = upstream.map((before) => (before && before.remaining > 0 ? secondsLeft(before) : undefined));
  return Math.max(own, ...waits.filter((seconds) => seconds !== undefined));
}

/** "about 40 s left", "about 3 min left", "about 1 h 5 min left": rounded so the figure does not flicker. */
export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return 'estimating time…';
  if (seconds < 1) return 'almost done';
  if (seconds < 60) return `about ${Math.max(5, Math.round(seconds / 5) * 5)} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  return `about ${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

/** 0:07.5 style clock for scene time ranges. */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole - minutes * 60;
  return `${minutes}:${rest.toFixed(1).padStart(4, '0')}`;
}
