// Drives a project from its first unfinished piece to the final video: the project steps in turn, the scene steps overlapped.
import { nextStep, type NextStep } from '../pipeline/project-plan';
import { referencedKeys, type StepId } from '../pipeline/project';
import { pruneBlobs } from '../store/projects';
import type { RunContext } from './context';
import { finalStep, scenesStep, transcribeStep } from './project-steps';
import { runScenes } from './scene-run';

const STEP_RUNNERS: Record<StepId, (ctx: RunContext) => Promise<void>> = {
  transcribe: transcribeStep,
  scenes: scenesStep,
  // Prompts, images and clips are one phase: each scene's next piece starts as soon as its input exists.
  prompts: runScenes,
  images: runScenes,
  clips: runScenes,
  final: finalStep,
};

/**
 * Runs steps until the video is done or only failures are left (`blocked`). Every piece is saved
 * as it is produced, so a cancel, a reload or a crash loses at most the pieces in flight.
 */
export async function runProject(ctx: RunContext): Promise<Exclude<NextStep, StepId>> {
  let previous: { step: NextStep; project: unknown } | undefined;
  for (;;) {
    ctx.signal.throwIfAborted();
    const step = nextStep(ctx.project());
    if (step === 'done') {
      await pruneBlobs(ctx.project().id, referencedKeys(ctx.project()));
      return step;
    }
    if (step === 'blocked') return step;
    // A step that changed nothing would loop forever: treat it as blocked (a bug, but not a hang).
    if (previous?.step === step && previous.project === ctx.project()) return 'blocked';
    previous = { step, project: ctx.project() };
    await STEP_RUNNERS[step](ctx);
  }
}
