// The visual guide outside the usual run: a project made before guides buys one only when the person
// presses its button, then offers the redraw; and a connection lost during the guide request makes the
// run wait, not fail, and the guide is bought once however often it is asked.
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { createProject, openHome, seriousViolations, storedProjects, waitForStep, type AppTab } from './app-helpers';
import { sharedStoryRig } from './shared-rig';

const SCRIPT =
  'Mara, a red-haired fisherwoman, rows out of the harbour before dawn. ' +
  'Far from the coast she drops her nets into the grey and silent sea. ' +
  'At dusk she rows home under a pink sky, tired and happy.';

const GUIDE_LINE = 'Mara: a red-haired fisherwoman';

interface ChatRequest {
  messages: { role: string; content: string }[];
}

type Stored = { version: number; guide?: { text: string; revision: number }; final?: { key: string } };

const isGuideRequest = (request: unknown) =>
  (request as ChatRequest).messages.at(-1)!.content.startsWith('Write a short visual guide');

/**
 * Turns the stored project into one saved by version 2 of the app, before visual guides: no guide, and
 * no failure (the test's refusal of the guide request stood in for that older app, which asked none).
 */
function makeOlder(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('voiceframe-manifests');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('projects', 'readwrite');
          const request = tx.objectStore('projects').openCursor();
          request.onsuccess = () => {
            const cursor = request.result;
            if (!cursor) return;
            const { guide: _guide, failure: _failure, ...older } = cursor.value as Record<string, unknown>;
            cursor.update({ ...older, version: 2 });
            cursor.continue();
          };
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

describe('the visual guide, asked for later or after a lost connection', () => {
  const rig = sharedStoryRig(SCRIPT);
  const guideRequests = () => rig.fakes.received('chat').filter(isGuideRequest).length;

  /** Narrates `recording` and creates its square project, the first guide request answered by `guide`. */
  async function createAnsweringGuide(
    recording: string,
    guide: (route: Route, context: BrowserContext) => Promise<void>,
  ): Promise<AppTab> {
    const wav = await rig.narrate(recording);
    // Without a service worker, so that the page's own routes see (and can refuse) its API calls.
    const tab = await openHome(rig, { serviceWorkers: 'block' });
    await tab.page.route('**/api/guide', (route) => guide(route, tab.context), { times: 1 });
    await createProject(tab.page, wav, 'Square (1:1)');
    return tab;
  }

  it('an older project opens without buying a guide; its button buys exactly one and offers the redraw', async () => {
    // The project is cut into scenes without a guide, as the app did before guides existed.
    const { context, page, errors } = await createAnsweringGuide('mara-older.wav', (route) =>
      route.fulfill({
        status: 422,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'test_older_app', message: 'No guides yet.', retryable: false } }),
      }),
    );
    await page.getByTestId('project-error').waitFor({ timeout: 120_000 });
    await makeOlder(page);
    await page.reload();

    // Opened by this version: upgraded with an empty guide, made to the end without buying one.
    await waitForStep(page, 'final', 'done', 240_000);
    const [made] = (await storedProjects(page)) as unknown as Stored[];
    expect(made!.guide).toEqual({ text: '', revision: 0 });
    const n = (await storedProjects(page))[0]!.scenes!.length;
    expect(guideRequests()).toBe(0);
    expect(rig.fakes.counts().chat).toBe(n);
    expect(await page.getByTestId('guide-text').textContent()).toMatch(/made before visual guides/);

    const ask = page.getByRole('button', { name: 'Write a visual guide (1 chat request)' });
    await ask.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.waitForTimeout(500);
    expect(guideRequests()).toBe(0);
    await ask.click();

    // One guide request; the guide is shown and stored, then the redraw is offered with its price.
    await expect.poll(() => page.getByTestId('guide-text').textContent(), { timeout: 60_000 }).toContain(GUIDE_LINE);
    await page.getByTestId('redraw-offer').waitFor();
    expect(await page.getByTestId('redraw-all').textContent()).toContain(
      `Redraw all ${n} scenes (buys ${n} prompt requests and ${n} images)`,
    );
    expect(await page.getByTestId('ask-guide').count()).toBe(0);
    await page.waitForTimeout(1000);
    const [after] = (await storedProjects(page)) as unknown as Stored[];
    expect(after!.guide?.text).toContain(GUIDE_LINE);
    expect(after!.guide?.revision).toBe(1);
    // Nothing else was bought or made again: the video is the same one.
    expect(after!.final?.key).toBe(made!.final?.key);
    expect(guideRequests()).toBe(1);
    expect(rig.fakes.counts().chat).toBe(n + 1);
    expect(rig.fakes.generations()).toBe(n);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('waits for the connection lost during the guide request, then finishes with the guide bought once', async () => {
    const before = { guides: guideRequests(), chat: rig.fakes.counts().chat, images: rig.fakes.generations() };
    // The guide request reaches the server, which buys the guide, but the answer is lost with the connection.
    const { context, page, errors } = await createAnsweringGuide('mara-offline.wav', async (route, profile) => {
      await route.fetch();
      await profile.setOffline(true);
      await route.abort('internetdisconnected');
    });

    const stopped = page.getByTestId('stopped');
    await stopped.waitFor({ timeout: 120_000 });
    expect(await stopped.textContent()).toMatch(/offline.*need an internet connection.*carries on by itself/);
    // Waiting, not failed: no error to retry, and no prompt was asked for without the guide.
    expect(await page.getByTestId('project-error').count()).toBe(0);
    expect(guideRequests()).toBe(before.guides + 1);
    expect(rig.fakes.counts().chat).toBe(before.chat + 1);

    await context.setOffline(false);
    await waitForStep(page, 'final', 'done', 240_000);
    expect(await stopped.count()).toBe(0);
    const [project] = await storedProjects(page);
    const n = project!.scenes!.length;
    expect(((project as unknown as Stored).guide?.text ?? '').includes(GUIDE_LINE)).toBe(true);
    // Asked again with the same key after the connection came back: the server's answer, not a new guide.
    expect(guideRequests()).toBe(before.guides + 1);
    expect(rig.fakes.counts().chat).toBe(before.chat + 1 + n);
    expect(rig.fakes.generations()).toBe(before.images + n);
    expect(errors).toEqual([]);
    await context.close();
  });
});
