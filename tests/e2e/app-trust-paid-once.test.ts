// Each paid call at most once, seen from the browser: an image host that fails its first downloads and a
// reload while pictures are drawn cost no second generation, prompt or transcription, and the video is made.
import { describe, expect, it } from 'vitest';
import { createProject, makeSquareVideo, openHome, storedProjects, waitForStep } from './app-helpers';
import { sharedStoryRig } from './shared-rig';

// About twelve seconds of narration: two or three scenes.
const SCRIPT =
  'A red kite rises over the green hills at noon. ' +
  'Two children run after it across the windy field below. ' +
  'At sunset they carry it home along the river.';

describe('paid calls are made once', () => {
  const rig = sharedStoryRig(SCRIPT);

  it('an image host failing each image’s first two downloads: one generation per scene, and the video', async () => {
    rig.fakes.reset();
    rig.fakes.configureImages({ failFirstDownloads: 2 });
    const wav = await rig.narrate('kite.wav');
    const { context, page, errors } = await makeSquareVideo(rig, wav);

    const [project] = await storedProjects(page);
    const scenes = project?.scenes ?? [];
    expect(scenes.length).toBeGreaterThanOrEqual(2);
    expect(scenes.every((scene) => scene.image && !scene.failure)).toBe(true);
    expect(project?.final).toBeDefined();
    expect(rig.fakes.generations()).toBe(scenes.length);
    // Every image was fetched three times (two failures, then the picture): the retries were downloads only.
    expect(rig.fakes.counts()).toMatchObject({ image: scenes.length, download: 3 * scenes.length });
    expect(await page.getByTestId('final-video').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a reload while pictures are drawn repeats no request, and the video is made', async () => {
    rig.fakes.reset();
    const wav = await rig.narrate('kite-reload.wav');
    // Every image takes 5 s to draw, so the reload lands while they are being drawn.
    rig.fakes.failNext('image', 20, { kind: 'slow', ms: 5000 });
    const { context, page, errors } = await openHome(rig);
    await createProject(page, wav, 'Square (1:1)');

    await waitForStep(page, 'images', 'working', 60_000);
    const scenesCount = await page.getByTestId('scene').count();
    expect(scenesCount).toBeGreaterThanOrEqual(2);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=scene] img').length === 0);
    await page.reload();
    await waitForStep(page, 'final', 'done', 240_000);

    const [project] = await storedProjects(page);
    expect(project?.scenes).toHaveLength(scenesCount);
    const counts = rig.fakes.counts();
    expect(counts.transcribe).toBe(1);
    expect(counts.chat).toBe(scenesCount + 1);
    expect(counts.image).toBe(scenesCount);
    expect(rig.fakes.generations()).toBe(scenesCount);
    expect(await page.getByTestId('final-video').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
