// A long project's page makes each scene card's picture and controls, and each transcript scene's word
// buttons, only once they come near the screen (src/lib/near-viewport.ts): an hour has some 560 scenes.
// Far ones show their number, time, status and words until the person scrolls to them.
import { describe, expect, it } from 'vitest';
import { createProject, pageErrors, seriousViolations, storedProjects, waitForStep } from './app-helpers';
import { sharedRig, sharedStoryRig } from './shared-rig';
import { spokenMp3 } from './final-video';
import { createProjectInFirefox, firefoxPageErrors, startFirefoxRig, waitForStepInFirefox } from './firefox';
import { readStoredProjects } from './in-page';

// About three minutes of narration: some 28 scenes of 5-8 s, more than a list shows whole (24).
const PLACES = ['harbour', 'orchard', 'library', 'station', 'market', 'valley', 'bakery'];
const PEOPLE = ['the painter', 'a fisherman', 'my grandmother', 'the teacher', 'two children', 'an old sailor'];
const SCRIPT = Array.from({ length: 42 }, (_, i) => {
  const who = PEOPLE[i % PEOPLE.length];
  const where = PLACES[(i * 3) % PLACES.length];
  return `On day ${i + 1} ${who} walked to the ${where} and told a quiet story about the rain and the light.`;
}).join(' ');

describe('a long list of scenes', () => {
  const rig = sharedStoryRig(SCRIPT);

  it('shows far scenes and their words in full once scrolled to, and keeps them', async () => {
    const wav = await rig.narrate('long.wav');
    const context = await rig.context();
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(rig.server.url);
    await createProject(page, wav, 'Square (1:1)');
    await waitForStep(page, 'scenes', 'done', 120_000);
    const [stored] = await storedProjects(page);
    const scenes = stored?.scenes ?? [];
    expect(scenes.length).toBeGreaterThan(24);
    const cards = page.getByTestId('scene');
    expect(await cards.count()).toBe(scenes.length);

    // The first card is on the screen: its controls are there. The last is far below: only its number,
    // time, status and words, no picture or controls yet; its transcript words are text, not buttons.
    const first = cards.first();
    const last = cards.last();
    const lastScene = scenes.at(-1)!;
    expect(await first.getByTestId('own-picture').count()).toBe(1);
    expect(await last.getByRole('heading').textContent()).toContain(`Scene ${scenes.length}`);
    expect(await last.textContent()).toContain(lastScene.text);
    expect(await last.getByTestId('own-picture').count()).toBe(0);
    expect(await last.getByTestId('motion-open').count()).toBe(0);
    const lastWords = page.getByTestId('transcript-scene').last();
    expect(await lastWords.getByRole('button').count()).toBe(0);
    const spoken = lastScene.words.map((word) => word.word);
    expect((await lastWords.locator('.words').textContent())?.trim()).toBe(spoken.join(' '));
    expect(await seriousViolations(page)).toEqual([]);

    // Scrolled to, the last card gets its controls and can be used at once.
    await last.scrollIntoViewIfNeeded();
    await expect.poll(() => last.getByTestId('own-picture').count()).toBe(1);
    await last.getByTestId('motion-open').click();
    await last.getByTestId('motion-form').waitFor();

    // Its transcript words become buttons that open the word editor.
    await lastWords.scrollIntoViewIfNeeded();
    await expect.poll(() => lastWords.getByRole('button').count()).toBe(spoken.length);
    await lastWords.getByRole('button').first().click();
    await page.getByTestId('word-editor').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('word-editor').count()).toBe(0);

    // Shown for good: scrolling back up to the first card leaves the last one whole (nothing typed is lost).
    await first.scrollIntoViewIfNeeded();
    expect(await last.getByTestId('motion-form').count()).toBe(1);
    expect(await first.getByTestId('own-picture').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});

describe('a long list of scenes in Firefox', () => {
  const rig = sharedRig(async () => {
    const started = await startFirefoxRig();
    started.fakes.setScript(SCRIPT);
    started.fakes.setChatAnswer((text) => `A photograph of ${text}`);
    return started;
  });

  it('shows the last scene and its words in full once scrolled to', async () => {
    const audio = await spokenMp3(rig.dir, SCRIPT, 'Long');
    const context = await rig.context();
    const page = await context.newPage();
    const errors = firefoxPageErrors(page);
    await page.goto(rig.server.url);
    await createProjectInFirefox(page, audio, 'Square (1:1)');
    await waitForStepInFirefox(page, 'scenes', 'done', 120_000);
    const [made] = await page.evaluate(readStoredProjects);
    const scenes = made?.scenes ?? [];
    expect(scenes.length).toBeGreaterThan(24);
    const lastCard = '[data-testid=scene]:last-child';
    const lastWords = '[data-testid=transcript-scene]:last-of-type';
    const count = (selector: string) => page.$$eval(selector, (found) => found.length);
    expect(await count('[data-testid=scene]')).toBe(scenes.length);
    expect(await count('[data-testid=scene]:first-child [data-testid=own-picture]')).toBe(1);
    expect(await count(`${lastCard} [data-testid=own-picture]`)).toBe(0);
    expect(await count(`${lastWords} button`)).toBe(0);

    await page.$eval(lastCard, (card) => card.scrollIntoView());
    await page.waitForSelector(`${lastCard} [data-testid=own-picture]`);
    await page.$eval(lastWords, (block) => block.scrollIntoView());
    await page.waitForSelector(`${lastWords} button`);
    expect(await count(`${lastWords} button`)).toBe(scenes.at(-1)!.words.length);
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
