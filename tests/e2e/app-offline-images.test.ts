// The connection lost in the middle of the images: the run waits for it instead of failing the scenes in
// flight, keeps the pictures answered meanwhile, and carries on by itself when it is back, every prompt
// and picture bought exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createProject,
  download,
  pageErrors,
  startStoryRig,
  storedProjects,
  waitForOfflineReady,
  waitForStep,
} from './app-helpers';
import { expectFinishedVideo } from './final-video';

const SCRIPT =
  'A baker lights the oven long before the sun comes up. ' +
  'Flour rises in clouds as she kneads the heavy dough by hand. ' +
  'At seven the first loaves cool on the windowsill of the shop. ' +
  'Neighbours queue in the street for bread that is still warm.';

/** A word of the second scene: its picture is slow, so it is still being drawn when the connection goes. */
const SLOW = 'kneads';

const promptOf = (body: unknown) => (body as { prompt: string }).prompt;

describe('offline in the middle of the images', () => {
  let rig: Awaited<ReturnType<typeof startStoryRig>>;

  beforeAll(async () => {
    rig = await startStoryRig(SCRIPT);
  });
  afterAll(() => rig?.stop());

  it('waits for the connection without failing a scene, then finishes with each prompt and picture bought once', async () => {
    const wav = await rig.narrate('baker.wav');
    rig.fakes.failWhen('image', SLOW, { kind: 'slow', ms: 6000 });
    const context = await rig.context();
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(rig.server.url);
    // The app and its engine are in the browser (as after a first visit): only the network steps wait.
    await waitForOfflineReady(page);
    // Another picture's request reaches the server, which buys it, but the connection goes before its
    // answer comes back (while the slow picture is still being drawn).
    let lost: string | undefined;
    // The Idempotency-Key of every picture the page asks for, by its prompt.
    const keys = new Map<string, string[]>();
    page.on('request', (request) => {
      if (!request.url().endsWith('/api/image')) return;
      const prompt = promptOf(request.postDataJSON());
      keys.set(prompt, [...(keys.get(prompt) ?? []), request.headers()['idempotency-key'] ?? '']);
    });
    const slowAsked = () => rig.fakes.received('image').some((body) => promptOf(body).includes(SLOW));
    await page.route('**/api/image', async (route) => {
      const prompt = promptOf(route.request().postDataJSON());
      if (lost || prompt.includes(SLOW)) return route.continue();
      lost = prompt;
      await route.fetch();
      for (let i = 0; i < 100 && !slowAsked(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      await context.setOffline(true);
      await route.abort('internetdisconnected');
    });
    await createProject(page, wav, 'Square (1:1)');
    await expect.poll(() => lost, { timeout: 120_000, interval: 100 }).toBeDefined();

    // Waiting, not failed: the progress panel says so, and no scene offers a retry.
    const stopped = page.getByTestId('stopped');
    await stopped.waitFor({ timeout: 120_000 });
    expect(await stopped.textContent()).toMatch(/offline.*need an internet connection.*carries on by itself/);
    expect(await page.getByTestId('scene-error').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Retry scene/ }).count()).toBe(0);
    expect(await page.getByTestId('project-error').count()).toBe(0);
    // The slow picture, answered after the connection went, was kept; the lost one is still to come.
    expect(slowAsked()).toBe(true);
    const [waiting] = await storedProjects(page);
    expect(waiting!.scenes!.every((scene) => !scene.failure)).toBe(true);
    expect(waiting!.scenes!.find((scene) => scene.text.includes(SLOW))?.image).toBeDefined();
    expect(waiting!.scenes!.find((scene) => lost!.includes(scene.text))?.image).toBeUndefined();

    await context.setOffline(false);
    await waitForStep(page, 'final', 'done', 240_000);
    expect(await stopped.count()).toBe(0);
    expect(await page.getByTestId('scene-error').count()).toBe(0);

    const [project] = await storedProjects(page);
    const scenes = project!.scenes!;
    expect(scenes.length).toBeGreaterThanOrEqual(3);
    expect(scenes.every((scene) => scene.prompt?.text && scene.image && !scene.failure)).toBe(true);
    // Bought once each: the picture lost with the connection was asked again under its idempotency key,
    // which the server answered from the generation it had carried on with.
    expect(keys.get(lost!)!.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys.get(lost!)).size).toBe(1);
    expect(rig.fakes.counts()).toMatchObject({ transcribe: 1, chat: scenes.length + 1, image: scenes.length });
    expect(rig.fakes.generations()).toBe(scenes.length);
    const prompts = rig.fakes.received('image').map(promptOf);
    expect(new Set(prompts).size).toBe(scenes.length);

    // The video is whole: exactly as many frames as the recording is long.
    const video = await download(page, rig.dir);
    await expectFinishedVideo(video.path, wav, { width: 1080, height: 1080, fps: project!.fps });
    expect(errors).toEqual([]);
    await context.close();
  });
});
