// The connection lost in the middle of the run (the images in Chromium, the prompts in Firefox, the video
// engine's download for the final): the run waits for it instead of failing the scenes or the final in
// flight, keeps what was answered meanwhile, and carries on by itself when it is back, every prompt and
// picture bought exactly once.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { speak } from '../support/media';
import { createProject, download, openHome, storedProjects, waitForOfflineReady, waitForStep } from './app-helpers';
import { expectFinishedVideo } from './final-video';
import {
  createProjectInFirefox,
  downloadInFirefox,
  firefoxPageErrors,
  startFirefoxRig,
  waitForStepInFirefox,
  type FirefoxRig,
} from './firefox';
import { readStoredProjects, stepSelector, type StoredProject } from './in-page';
import { sharedRig, sharedStoryRig } from './shared-rig';

const SCRIPT =
  'A baker lights the oven long before the sun comes up. ' +
  'Flour rises in clouds as she kneads the heavy dough by hand. ' +
  'At seven the first loaves cool on the windowsill of the shop. ' +
  'Neighbours queue in the street for bread that is still warm.';

/** A word of the second scene: its picture is slow, so it is still being drawn when the connection goes. */
const SLOW = 'kneads';

const promptOf = (body: unknown) => (body as { prompt: string }).prompt;

/** The fakes' side of a run that lost its connection: every prompt and picture bought exactly once. */
function expectBoughtOnce(fakes: FirefoxRig['fakes'], project: StoredProject): void {
  const scenes = project.scenes!;
  expect(scenes.every((scene) => scene.prompt?.text && scene.image && !scene.failure)).toBe(true);
  expect(fakes.counts()).toMatchObject({ transcribe: 1, chat: scenes.length + 1, image: scenes.length });
  expect(fakes.generations()).toBe(scenes.length);
  expect(new Set(fakes.received('image').map(promptOf)).size).toBe(scenes.length);
}

describe('offline in the middle of the images', () => {
  const rig = sharedStoryRig(SCRIPT);

  it('waits for the connection without failing a scene, then finishes with each prompt and picture bought once', async () => {
    const wav = await rig.narrate('baker.wav');
    rig.fakes.failWhen('image', SLOW, { kind: 'slow', ms: 6000 });
    const { context, page, errors } = await openHome(rig);
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
    expect(project!.scenes!.length).toBeGreaterThanOrEqual(3);
    // Bought once each: the picture lost with the connection was asked again under its idempotency key,
    // which the server answered from the generation it had carried on with.
    expect(keys.get(lost!)!.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys.get(lost!)).size).toBe(1);
    expectBoughtOnce(rig.fakes, project!);

    // The video is whole: exactly as many frames as the recording is long.
    const video = await download(page, rig.dir);
    await expectFinishedVideo(video.path, wav, { width: 1080, height: 1080, fps: project!.fps });
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('offline when the video engine is to be downloaded', () => {
  const rig = sharedStoryRig(SCRIPT);

  it('waits for the connection instead of failing the final, then finishes it by itself', async () => {
    const wav = await rig.narrate('baker-engine.wav');
    // No service worker, as in a private window: the engine is never kept for offline use, so each
    // worker that needs it downloads it (routing also turns the HTTP cache off).
    const { context, page, errors } = await openHome(rig, { serviceWorkers: 'block' });
    // The engine's loads: the probe's when the project is made, then the final's (Chromium's own encoder
    // renders the clips without it). The connection goes as the final asks for it.
    const loads: ('served' | 'lost')[] = [];
    await page.route('**/ffmpeg-core.js', async (route) => {
      if (loads.length !== 1) {
        loads.push('served');
        return route.continue();
      }
      loads.push('lost');
      await context.setOffline(true);
      await route.abort('internetdisconnected');
    });
    await createProject(page, wav, 'Square (1:1)');

    // Waiting, not failed: the progress panel says why, and nothing offers a retry.
    const stopped = page.getByTestId('stopped');
    await stopped.waitFor({ timeout: 240_000 });
    expect(await stopped.textContent()).toMatch(/offline.*video engine.*carries on by itself/);
    expect(loads).toEqual(['served', 'lost']);
    await waitForStep(page, 'clips', 'done', 1000);
    expect(await page.locator(stepSelector('final', 'failed')).count()).toBe(0);
    expect(await page.getByTestId('project-error').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Retry/ }).count()).toBe(0);
    const [waiting] = await storedProjects(page);
    expect(waiting!.final).toBeUndefined();

    await context.setOffline(false);
    await waitForStep(page, 'final', 'done', 240_000);
    expect(loads).toEqual(['served', 'lost', 'served']);
    expect(await stopped.count()).toBe(0);
    const [project] = await storedProjects(page);
    expectBoughtOnce(rig.fakes, project!);
    const video = await download(page, rig.dir);
    await expectFinishedVideo(video.path, wav, { width: 1080, height: 1080, fps: project!.fps });
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** Two scenes, as in app-full-firefox: Firefox renders slower than Chromium. */
const SHORT =
  'A baker lights the oven long before the sun comes up over the roofs. ' +
  'Flour rises in clouds as she kneads the heavy dough by hand on the table.';

describe('offline in the middle of the prompts, in Firefox', () => {
  const rig = sharedRig(startFirefoxRig);

  beforeAll(() => {
    rig.fakes.setScript(SHORT);
    rig.fakes.setChatAnswer((text) => `A photograph of ${text}`);
  });

  it('waits for the connection without failing a scene, then finishes with each prompt and picture bought once', async () => {
    const wav = join(rig.dir, 'baker-short.wav');
    await speak(SHORT, wav, { wpm: 130 });
    // Every chat answer takes a while: the prompts are still being written when the connection goes, and
    // the pictures are asked for after it went (Firefox, like Chromium, lets requests on their way finish).
    rig.fakes.failNext('chat', 100, { kind: 'slow', ms: 2500 });
    const context = await rig.context();
    const page = await context.newPage();
    const errors = firefoxPageErrors(page);
    await page.goto(rig.server.url);
    // The app and its engine are in the browser (as after a first visit): only the network steps wait.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (navigator.serviceWorker.controller) return;
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
    });
    await createProjectInFirefox(page, wav, 'Square (1:1)');
    // The guide, then at least one prompt, asked for.
    await expect.poll(() => rig.fakes.counts().chat, { timeout: 120_000, interval: 50 }).toBeGreaterThan(1);
    await page.setOfflineMode(true);

    const stopped = await page.waitForSelector('[data-testid=stopped]', { timeout: 120_000 });
    expect(await stopped!.evaluate((element) => element.textContent)).toMatch(
      /offline.*need an internet connection.*carries on by itself/,
    );
    expect(await page.$$('[data-testid=scene-error]')).toHaveLength(0);
    // The prompts on their way when the connection went were kept; the pictures wait for it.
    const [waiting] = await page.evaluate(readStoredProjects);
    expect(waiting!.scenes!.every((scene) => !scene.failure)).toBe(true);
    expect(waiting!.scenes!.some((scene) => scene.prompt)).toBe(true);
    expect(waiting!.scenes!.some((scene) => !scene.image)).toBe(true);
    expect(rig.fakes.counts().image).toBe(0);

    await page.setOfflineMode(false);
    await waitForStepInFirefox(page, 'final', 'done', 170_000);
    expect(await page.$$('[data-testid=stopped]')).toHaveLength(0);
    expect(await page.$$('[data-testid=scene-error]')).toHaveLength(0);
    const [project] = await page.evaluate(readStoredProjects);
    expectBoughtOnce(rig.fakes, project!);

    const file = await downloadInFirefox(page, rig.downloads);
    await expectFinishedVideo(file.path, wav, { width: 1080, height: 1080, fps: project!.fps });
    expect(errors).toEqual([]);
    await context.close();
  });
});
