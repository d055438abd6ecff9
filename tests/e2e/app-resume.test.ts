// Resume: reloads during the images and (offline) during rendering, and a cancel; nothing is asked twice.
import { describe, expect, it } from 'vitest';
import {
  createProject,
  openHome,
  storedProjects,
  waitForOfflineReady,
  waitForScenes,
  waitForStep,
} from './app-helpers';
import { sharedStoryRig } from './shared-rig';

const SCRIPT =
  'A lighthouse keeper climbs the stairs at dusk. ' +
  'The lamp turns slowly over a dark and restless sea. ' +
  'By morning a small boat reaches the harbour safely.';

describe('resuming a project', () => {
  const rig = sharedStoryRig(SCRIPT);

  it('continues from the first unfinished piece after a reload during images, a cancel, and an offline reload during rendering', async () => {
    const wav = await rig.narrate('lighthouse.wav');
    // The first image request is slow, so the reload catches it in flight.
    rig.fakes.failNext('image', 1, { kind: 'slow', ms: 6000 });
    const { context, page, errors } = await openHome(rig);
    // The app and its engine kept for offline use first, as after a first visit (one that starts a video
    // at once keeps them only once that video is made: see src/lib/offline-install.ts).
    await waitForOfflineReady(page);
    // ffmpeg.wasm, the slower engine, so that the offline reload below surely comes while clips are
    // being rendered (the browser's encoder can finish both clips before the page is reloaded).
    await page.locator('[data-testid=advanced] summary').click();
    await page.locator('input[name=render-engine][value=ffmpeg]').click();
    await createProject(page, wav, 'Square (1:1)');

    // Reload with some images drawn and one still being drawn.
    await waitForStep(page, 'images', 'working', 60_000);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=scene] img').length >= 1);
    const scenesCount = await page.getByTestId('scene').count();
    expect(scenesCount).toBeGreaterThanOrEqual(2);
    expect(rig.fakes.received('image')).toHaveLength(scenesCount);
    // Asked again after the reload, that image is slow once more, so the cancel catches it too.
    rig.fakes.failNext('image', 1, { kind: 'slow', ms: 6000 });
    await page.reload();

    // Cancel the image asked for again: work stops, what is done stays; Resume carries on.
    await waitForStep(page, 'images', 'working', 60_000);
    await page.getByTestId('cancel').click();
    await page.getByTestId('stopped').waitFor();
    expect(await page.getByTestId('stopped').textContent()).toMatch(/Stopped\. Everything made so far is saved/);
    // Cancel turned into Resume under the keyboard focus.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('resume');
    expect(await page.getByTestId('step-images').getAttribute('data-status')).toBe('pending');
    expect(await page.locator('[data-testid=scene] img').count()).toBe(scenesCount - 1);
    await page.getByTestId('resume').click();

    // Reload again while clips are being rendered (at least one clip done, the video not yet), and
    // offline: the app, the engine and every piece it needs are in the browser, so it finishes anyway.
    // Every picture drawn (the one asked for again after the cancel comes from the kept generation).
    await waitForStep(page, 'images', 'done', 60_000);
    await waitForScenes(page, 'done', 1);
    expect(await page.locator('[data-testid=step-final][data-status=done]').count()).toBe(0);
    await context.setOffline(true);
    await page.reload();
    await waitForStep(page, 'final', 'done', 240_000);
    await context.setOffline(false);

    const [project] = await storedProjects(page);
    const scenes = project?.scenes ?? [];
    expect(scenes).toHaveLength(scenesCount);
    const counts = rig.fakes.counts();
    expect(counts.transcribe).toBe(1);
    expect(counts.chat).toBe(scenes.length + 1);
    // Not even the image in flight at the reload and at the cancel was asked for again: the page asked
    // with the same idempotency key, and the server collected the generation it had kept running.
    expect(counts.image).toBe(scenes.length);
    const prompts = rig.fakes.received('image').map((body) => (body as { prompt: string }).prompt);
    expect(new Set(prompts).size).toBe(scenes.length);
    expect(errors).toEqual([]);
    await context.close();
  });
});
