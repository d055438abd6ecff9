// The per-scene network steps (prompts, images): bounded concurrency, one scene's failure never stops the rest.
import pLimit from 'p-limit';
import { drawImage, writePrompt } from '../api/client';
import { imageKey, imageRequest, promptKey, type Project, type SceneRecord, type SceneStep } from '../pipeline/project';
import { promptInput, sceneWork, workId } from '../pipeline/project-plan';
import { getBlob, putBlob } from '../store/projects';
import { failureOf, stopsTheRun, withScene, type RunContext } from './context';

type SceneWork = (
  scene: SceneRecord,
  project: Project,
  ctx: RunContext,
) => Promise<(scene: SceneRecord) => SceneRecord>;

async function forEachScene(ctx: RunContext, step: SceneStep, work: SceneWork): Promise<void> {
  const indices = sceneWork(ctx.project(), step);
  const total = ctx.project().scenes?.length ?? 0;
  let done = total - indices.length;
  ctx.progress(step, done, total);
  const limit = pLimit(ctx.concurrency);
  const one = async (index: number) => {
    if (ctx.signal.aborted) return;
    const id = workId(step, index);
    ctx.working(id, true);
    try {
      const project = ctx.project();
      const scene = project.scenes?.[index];
      if (!scene) return;
      const change = await work(scene, project, ctx);
      await ctx.update((p) => withScene(p, index, change));
      ctx.progress(step, ++done, total);
    } catch (error) {
      if (stopsTheRun(error, ctx.signal)) throw error;
      const failure = { ...failureOf(error), step };
      await ctx.update((p) => withScene(p, index, (s) => ({ ...s, failure })));
    } finally {
      ctx.working(id, false);
    }
  };
  // Settle every scene before surfacing an abort or a full disk, so no write is left half-done.
  const results = await Promise.allSettled(indices.map((index) => limit(() => one(index))));
  const fatal = results.find((result) => result.status === 'rejected');
  if (fatal) throw fatal.reason;
}

const apiOptions = (ctx: RunContext, step: SceneStep) => ({
  ...ctx.api,
  signal: ctx.signal,
  onRetry: (error: Error, delayMs: number) =>
    ctx.notice(step, `${error.message} Trying again in ${Math.ceil(delayMs / 1000)} s.`),
});

export function promptsStep(ctx: RunContext): Promise<void> {
  return forEachScene(ctx, 'prompts', async (scene, project) => {
    const input = promptInput(project.scenes ?? [], scene.index);
    const answer = await writePrompt(input, apiOptions(ctx, 'prompts'));
    ctx.notice('prompts', undefined);
    const prompt = { text: answer.prompt, key: promptKey(input), model: answer.model };
    return (s) => ({ ...s, prompt, failure: undefined });
  });
}

export function imagesStep(ctx: RunContext): Promise<void> {
  return forEachScene(ctx, 'images', async (scene, project) => {
    const prompt = scene.prompt?.text ?? '';
    const key = imageKey(prompt, project);
    // An image saved just before a crash, but not yet recorded in the manifest, is not drawn again.
    let image = await getBlob(project.id, key);
    if (!image) {
      image = await drawImage(imageRequest(project, prompt), apiOptions(ctx, 'images'));
      ctx.notice('images', undefined);
      await putBlob(project.id, key, image);
    }
    const type = image.type;
    return (s) => ({ ...s, image: { key, type }, failure: undefined });
  });
}
