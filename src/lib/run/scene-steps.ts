// One scene's piece of each scene step (prompt, image, clip): made, saved and recorded, or its failure recorded.
import { drawImage, writePrompt } from '../api/client';
import { clipKey, imageKey, promptKey, type Project, type SceneRecord, type SceneStep } from '../pipeline/project';
import { promptInput, workId } from '../pipeline/project-plan';
import { scenePromptRequest } from '../pipeline/prompt-context';
import { redrawKey, sceneImageRequest, withImage } from '../pipeline/scene-images';
import { clipPlan } from '../pipeline/render-plan';
import { requestKey, type PaidCall } from '../pipeline/request-key';
import { getBlob, putBlob, storeMade } from '../store/projects';
import { recordClipFailure } from './clip-failure';
import { failureOf, isOffline, stopsTheRun, withScene, type RunContext } from './context';

type Change = (scene: SceneRecord) => SceneRecord;
/** Makes a scene's piece and returns how its record changes; `onFrames` follows a clip's render. */
type Make = (
  ctx: RunContext,
  scene: SceneRecord,
  project: Project,
  onFrames: (frames: number) => void,
) => Promise<Change>;

/** Options of a scene's paid call: its key names the project, the scene and what is asked. */
const apiOptions = (ctx: RunContext, step: SceneStep, call: { kind: PaidCall; scene: number; content: unknown }) => ({
  ...ctx.api,
  signal: ctx.signal,
  idempotencyKey: requestKey({ projectId: ctx.project().id, ...call }),
  onRetry: (error: Error, delayMs: number) =>
    ctx.notice(step, `${error.message} Trying again in ${Math.ceil(delayMs / 1000)} s.`),
});

const makePrompt: Make = async (ctx, scene, project) => {
  // Only the scene's own text keys the prompt: a change of guide or neighbours never re-buys it unasked.
  const input = promptInput(project.scenes ?? [], scene.index);
  const request = scenePromptRequest(project.scenes ?? [], scene.index, project.guide?.text);
  const call = { kind: 'prompt', scene: scene.index, content: request } as const;
  const answer = await writePrompt(request, apiOptions(ctx, 'prompts', call));
  ctx.notice('prompts', undefined);
  const guide = project.guide?.revision;
  const prompt = { text: answer.prompt, key: promptKey(input), model: answer.model, ...(guide ? { guide } : {}) };
  return (s) => ({ ...s, prompt, failure: undefined });
};

const makeImage: Make = async (ctx, scene, project) => {
  const prompt = scene.prompt?.text ?? '';
  const redraw = scene.redraw;
  const input = sceneImageRequest(project, scene);
  const key = redraw ? redrawKey(input, redraw.n) : imageKey(prompt, project);
  // An image saved just before a crash, but not yet recorded in the manifest, is not drawn again.
  let image = await getBlob(project.id, key);
  if (!image) {
    // A redraw the person asked for, or a picture found damaged, is another call, not the same one again.
    const again = redraw ? { redraw: redraw.n } : scene.redraws ? { redraw: scene.redraws } : {};
    const call = { kind: 'image', scene: scene.index, content: { ...input, ...again } } as const;
    image = await drawImage(input, apiOptions(ctx, 'images', call));
    ctx.notice('images', undefined);
    await putBlob(project.id, key, image);
  }
  const type = image.type;
  const chosen = redraw
    ? { key, type, source: redraw.model, prompt, ...(redraw.seed !== undefined ? { seed: redraw.seed } : {}) }
    : { key, type };
  return (s) => withImage(s, chosen);
};

const makeClip: Make = async (ctx, scene, project, onFrames) => {
  const image = scene.image && (await getBlob(project.id, scene.image.key));
  // Lost from storage: the image is drawn again, then this clip is rendered.
  if (!scene.image || !image) return (s) => ({ ...s, image: undefined });
  const plan = clipPlan(project, scene);
  const key = clipKey(scene, scene.image.key, project);
  // Written to disk by the engine as it renders, where the browser allows (see storeMade).
  await storeMade(project.id, key, (output) =>
    ctx.engine.renderClip({ image, plan, output }, { signal: ctx.signal, onProgress: onFrames }),
  );
  return (s) => ({ ...s, clip: { key } });
};

async function recordFailure(ctx: RunContext, scene: SceneRecord, step: SceneStep, error: unknown): Promise<void> {
  const failure = { ...failureOf(error), step };
  await ctx.update((p) => withScene(p, scene.index, (s) => ({ ...s, failure })));
}

const MAKE: Record<SceneStep, Make> = { prompts: makePrompt, images: makeImage, clips: makeClip };

/**
 * Makes one scene's piece for `step` and records it, or records its failure on that scene alone (a
 * clip's by its engine error, which may blame the image). Rejects only with what stops the whole run,
 * or with the offline error that makes it wait for the connection.
 */
export async function runPiece(
  ctx: RunContext,
  step: SceneStep,
  index: number,
  onFrames: (frames: number) => void = () => undefined,
): Promise<void> {
  const project = ctx.project();
  const scene = project.scenes?.[index];
  if (!scene) return;
  const id = workId(step, index);
  ctx.working(id, true);
  try {
    const change = await MAKE[step](ctx, scene, project, onFrames);
    await ctx.update((p) => withScene(p, index, change));
  } catch (error) {
    if (stopsTheRun(error, ctx.signal)) throw error;
    // Offline: nothing is recorded, the run waits for the connection and asks again under the same key.
    if (isOffline(error)) throw error;
    if (step === 'clips') await recordClipFailure(ctx, scene, error as Error);
    else await recordFailure(ctx, scene, step, error);
  } finally {
    ctx.working(id, false);
  }
}
