// One project in two tabs: the second follows the run live (and goes offline and online again meanwhile);
// nothing is asked twice, both show the video without a reload, and nothing the project uses is deleted.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createProject, openHome, pageErrors, storedProjects, waitForStep } from './app-helpers';
import { sharedStoryRig } from './shared-rig';
import { finalVideoPlayable, readDiskFileNames } from './in-page';

// About 10 s of speech: a few scenes, enough for a run the second tab can join in the middle.
const SCRIPT =
  'A lighthouse keeper climbs the stairs at dusk. ' +
  'The lamp turns slowly over a dark and restless sea. ' +
  'By morning a small boat reaches the harbour safely.';

/** Keys of the blobs the app has stored (audio, images), read straight from IndexedDB. */
function storedBlobKeys(): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('voiceframe-blobs');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const request = open.result.transaction('blobs').objectStore('blobs').getAllKeys();
      request.onsuccess = () => resolve(request.result.map(String));
      request.onerror = () => reject(request.error);
    };
  });
}

/** Keys of everything stored: IndexedDB's, and the clips and video on disk under the same key. */
async function storedKeys(page: Page): Promise<Set<string>> {
  const onDisk = (await page.evaluate(readDiskFileNames)).map((path) => `v1:${path.replace('/', ':')}`);
  return new Set([...(await page.evaluate(storedBlobKeys)), ...onDisk]);
}

/** Whether this page believes it is online (as its `online`/`offline` events say). */
const onLine = (page: Page) => page.evaluate(() => navigator.onLine);

describe('one project in two tabs', () => {
  const rig = sharedStoryRig(SCRIPT);

  /**
   * Starts a project in a first tab, its first picture slow so the run is still going when the same
   * project opens in a second tab of the same profile; the page errors of both are collected.
   */
  async function twoTabsMidRun(recording: string) {
    const wav = await rig.narrate(recording);
    rig.fakes.failNext('image', 1, { kind: 'slow', ms: 5000 });
    const { context, page: first, errors } = await openHome(rig);
    const url = await createProject(first, wav, 'Square (1:1)');
    await waitForStep(first, 'images', 'working', 60_000);

    const second = await context.newPage();
    errors.push(...pageErrors(second));
    await second.goto(url);
    return { context, first, second, errors };
  }

  it('the second tab follows the run, offline and back, and both show the video live; nothing repeated or deleted', async () => {
    // The first picture takes a while, so the second tab opens in the middle of the run.
    const { context, first, second, errors } = await twoTabsMidRun('two-tabs.wav');
    const stopped = second.getByTestId('stopped');
    await stopped.waitFor();
    expect(await stopped.textContent()).toMatch(/being made in another tab/);
    // The second tab shows the run's progress as it goes (the step being worked on, live).
    await waitForStep(second, 'images', 'working', 30_000);
    expect(await second.getByTestId('resume').count()).toBe(0);

    // Only the second tab loses its connection (context.setOffline would take both), and gets it back.
    const cdp = await context.newCDPSession(second);
    const network = (offline: boolean) =>
      cdp.send('Network.emulateNetworkConditions', {
        offline,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
    await network(true);
    await second.waitForFunction(() => !navigator.onLine);
    expect(await onLine(first)).toBe(true);
    await waitForStep(second, 'clips', 'working', 120_000);
    await network(false);
    await second.waitForFunction(() => navigator.onLine);

    // Both tabs show the finished video as it lands, without a reload.
    for (const page of [first, second]) {
      await waitForStep(page, 'final', 'done', 240_000);
      await page.waitForFunction(finalVideoPlayable, undefined, { timeout: 30_000 });
    }
    expect(await second.getByTestId('stopped').count()).toBe(0);
    // The run has let go (its pruning done): no Cancel anywhere.
    await first.getByTestId('cancel').waitFor({ state: 'detached' });

    // Once more offline and online after the end: the second tab reads the stored project and has nothing to do.
    await network(true);
    await network(false);
    await second.waitForFunction(() => navigator.onLine);
    await second.waitForTimeout(1500);

    const [project] = await storedProjects(first);
    const scenes = project?.scenes ?? [];
    expect(scenes.length).toBeGreaterThanOrEqual(2);
    expect(project?.final).toBeDefined();
    // Every paid call was made once: the second tab asked for nothing.
    expect(rig.fakes.counts()).toMatchObject({ transcribe: 1, chat: scenes.length + 1, image: scenes.length });
    const prompts = rig.fakes.received('image').map((body) => (body as { prompt: string }).prompt);
    expect(new Set(prompts).size).toBe(scenes.length);

    // Every blob the stored project refers to is still there.
    const keys = await storedKeys(first);
    const referenced = [
      'audio',
      ...scenes.flatMap((scene) => [scene.image?.key, (scene as { clip?: { key: string } }).clip?.key]),
      project?.final?.key,
    ];
    expect(referenced.every(Boolean)).toBe(true);
    expect(referenced.filter((key) => !keys.has(`v1:${project?.id}:${key}`))).toEqual([]);
    // And both tabs still play it.
    for (const page of [first, second]) expect(await page.evaluate(finalVideoPlayable)).toBeTruthy();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Cancel in the tab that follows stops the run in the tab making the project', async () => {
    const { context, first, second, errors } = await twoTabsMidRun('cancel-tabs.wav');
    await waitForStep(second, 'images', 'working', 30_000);
    await second.getByTestId('cancel').click();

    // The first tab stops as if its own Cancel was pressed; both tabs then offer Resume.
    await first.getByTestId('stopped').waitFor({ timeout: 30_000 });
    expect(await first.getByTestId('stopped').textContent()).toMatch(/Stopped\. Everything made so far is saved/);
    for (const page of [first, second]) await page.getByTestId('resume').waitFor({ timeout: 30_000 });
    const [project] = await storedProjects(first);
    expect(project?.final).toBeUndefined();
    expect(errors).toEqual([]);
    await context.close();
  });
});
