// A tab left open across an update: the server has the new version, so the old version's worker script
// answers 404. The page says a new version was deployed and offers Reload (instead of failing every
// clip with a crash); after the reload the project carries on from where it stopped.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createProject, openHome, storedProjects, waitForStep } from './app-helpers';
import { sharedStoryRig } from './shared-rig';

const SCRIPT = 'A red kite rises over the hill. The wind carries it far across the valley.';

/** What the server looks like after a new version is deployed: another version, the old files gone. */
async function deployNewVersion(page: Page): Promise<() => Promise<void>> {
  const version = '**/_app/version.json';
  const workers = '**/_app/immutable/workers/**';
  await page.route(version, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"version":"next"}' }),
  );
  await page.route(workers, (route) => route.fulfill({ status: 404, body: 'Not Found' }));
  return async () => {
    await page.unroute(version);
    await page.unroute(workers);
  };
}

describe('a new version deployed while the page is open', () => {
  const rig = sharedStoryRig(SCRIPT);

  it('asks to reload instead of failing the clips, and carries on after the reload', async () => {
    const wav = await rig.narrate('kite.wav');
    // Requests the service worker answers from its cache never reach page.route: the new version's
    // service worker would have dropped the old files from it anyway.
    const { context, page, errors } = await openHome(rig, { serviceWorkers: 'block' });
    await createProject(page, wav, 'Square (1:1)');
    await waitForStep(page, 'final', 'done', 280_000);
    const [made] = await storedProjects(page);
    const calls = rig.fakes.counts();

    // The page is opened afresh (no render worker yet), then the new version lands on the server.
    await page.reload();
    await waitForStep(page, 'final', 'done', 30_000);
    const restore = await deployNewVersion(page);
    // Another caption style renders the clips again: the old worker script is gone.
    await page.getByText('Classic', { exact: true }).click();
    await page.getByTestId('apply-captions').click();

    const notice = page.getByTestId('update-notice');
    await notice.waitFor({ timeout: 60_000 });
    expect(await notice.textContent()).toMatch(/new version of Voiceframe was deployed/);
    // The run stopped once, saying why; no scene is marked failed with a crash.
    await page.getByTestId('stopped').waitFor();
    expect(await page.getByTestId('stopped').textContent()).toMatch(/updated while this page was open/);
    expect(await page.locator('[data-testid=scene][data-status=failed]').count()).toBe(0);
    const [kept] = await storedProjects(page);
    expect(kept?.captions).toBe('classic');

    // The new version is what the server serves from now on; Reload loads it and carries on.
    await restore();
    await Promise.all([page.waitForEvent('load'), page.getByTestId('reload').click()]);
    await waitForStep(page, 'final', 'done', 280_000);
    expect(await page.getByTestId('update-notice').count()).toBe(0);
    const [done] = await storedProjects(page);
    expect(done?.captions).toBe('classic');
    expect(done?.final?.key).not.toBe(made?.final?.key);
    // Nothing was asked of the paid services again.
    expect(rig.fakes.counts()).toEqual(calls);
    expect(errors).toEqual([]);
    await context.close();
  }, 900_000);
});
