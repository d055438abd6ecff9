// Cuts under the person's control, in the built app against the fakes: a cut moved by a word, two scenes
// merged, one split at a word. Each change is a draft until Apply, whose button says what it buys; it buys
// exactly that (the fakes count the calls), the scenes whose words stay keep their picture and clip, and
// the MP4 keeps every frame of the recording. A draft survives a reload unless the scenes changed under it,
// and scenes that come back with their earlier words take back their prompt and picture, buying nothing.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { FORMATS } from '../../src/lib/pipeline/formats';
import {
  createProject,
  download,
  pageErrors,
  seriousViolations,
  storedProjects,
  waitForNewFinal,
  waitForStep,
  type StoredProject,
} from './app-helpers';
import { sharedStoryRig } from './shared-rig';
import { expectFinishedVideo, spokenMp3 } from './final-video';
import {
  createProjectInFirefox,
  downloadInFirefox,
  firefoxPageErrors,
  startFirefoxRig,
  waitForStepInFirefox,
  type FirefoxRig,
} from './firefox';
import { ROOT } from './harness';
import { finalMadeAgain, readStoredProjects } from './in-page';

// About half a minute of narration: four or five scenes of 5-8 s.
const SCRIPT =
  'The old lighthouse keeper climbs the spiral stairs every evening at dusk. ' +
  'He polishes the great lens until it shines like a second moon. ' +
  'Ships far out at sea follow its slow beam past the jagged rocks. ' +
  'In the morning he writes the weather in a worn leather book. ' +
  'Then he sleeps while the gulls argue on the roof above him.';

type Scene = NonNullable<StoredProject['scenes']>[number] & { clip?: { key: string }; motionIndex?: number };

async function scenesOf(page: Page): Promise<{ scenes: Scene[]; final?: string }> {
  const [stored] = await storedProjects(page);
  return { scenes: (stored?.scenes ?? []) as Scene[], final: stored?.final?.key };
}

describe('cuts under the person’s control', () => {
  const rig = sharedStoryRig(SCRIPT);

  it('moves a cut, merges and splits scenes, buying only what each Apply button says', async () => {
    const wav = await rig.narrate('lighthouse.wav');
    const context = await rig.context();
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(rig.server.url);
    await createProject(page, wav, 'Square (1:1)');
    await waitForStep(page, 'final', 'done', 240_000);
    const made = await scenesOf(page);
    const n = made.scenes.length;
    expect(n).toBeGreaterThanOrEqual(4);
    const frame = { ...FORMATS.square, fps: 30 };
    await expectFinishedVideo((await download(page, rig.dir)).path, wav, frame);
    const bought = () => ({ chat: rig.fakes.counts().chat, images: rig.fakes.generations() });
    const start = bought();
    expect(start.images).toBe(n);

    // The cut editor: a draft of the scenes, with the cut between scenes 2 and 3 moved one word later, by keyboard.
    await page.getByTestId('cuts-open').click();
    const later = page.getByRole('button', { name: 'Move the cut between scenes 2 and 3 one word later' });
    await later.focus();
    await later.press('Enter');
    const announced = page.getByTestId('cuts-announcement');
    await expect.poll(() => announced.textContent()).toMatch(/^Cut moved one word later: scene 2 now ends with “/);
    const apply = page.getByTestId('apply-cuts');
    expect(await apply.textContent()).toContain('Apply the new cuts (buys 2 prompt requests and 2 images)');
    expect((await page.getByTestId('cuts-apply').textContent())!.replace(/\s+/g, ' ')).toContain(
      'New prompts and pictures for scenes 2 and 3; the other scenes keep theirs.',
    );
    expect(await seriousViolations(page)).toEqual([]);
    // The README's picture of the cut editor (refreshed with UPDATE_SCREENSHOTS=1).
    const shots = join(ROOT, process.env.UPDATE_SCREENSHOTS === '1' ? 'docs' : 'test-results', 'screenshots');
    await mkdir(shots, { recursive: true });
    await page.getByTestId('scene-cuts').screenshot({ path: join(shots, 'scene-cuts.png') });
    // Nothing is bought before the person says yes.
    await page.waitForTimeout(1000);
    expect(bought()).toEqual(start);
    // A reload keeps the draft: the editor opens on it again, with the same offer.
    await page.reload();
    await expect
      .poll(() => announced.textContent(), { timeout: 30_000 })
      .toBe('Your changes to the cuts, not applied yet, are back: apply or discard them.');
    expect(await apply.textContent()).toContain('Apply the new cuts (buys 2 prompt requests and 2 images)');

    await apply.click();
    await waitForNewFinal(page, made.final);
    await waitForStep(page, 'final', 'done', 240_000);
    const moved = await scenesOf(page);
    expect(bought()).toEqual({ chat: start.chat + 2, images: start.images + 2 });
    expect(moved.scenes).toHaveLength(n);
    expect(moved.scenes[1]!.text.split(' ')).toHaveLength(made.scenes[1]!.text.split(' ').length + 1);
    for (const scene of moved.scenes) {
      const before = made.scenes[scene.index]!;
      if (scene.index === 1 || scene.index === 2) {
        expect(scene.image?.key).not.toBe(before.image?.key);
        continue;
      }
      // Untouched: the same picture, and the same clip (not rendered again).
      expect(scene.image?.key).toBe(before.image?.key);
      expect(scene.clip?.key).toBe(before.clip?.key);
    }
    await expectFinishedVideo((await download(page, rig.dir)).path, wav, frame);

    // Scenes 1 and 2 merged: a long scene, which the draft and then its card say gently; one prompt and picture.
    await page.getByRole('button', { name: 'Merge scenes 1 and 2' }).click();
    await expect.poll(() => announced.textContent()).toMatch(/^Scenes 1 and 2 merged: scene 1 is \d+\.\d s: longer/);
    expect(await page.getByTestId('draft-length-warning').first().textContent()).toMatch(
      /^\d+\.\d s: longer than the 8 s we suggest$/,
    );
    expect(await apply.textContent()).toContain('(buys 1 prompt request and 1 image)');
    await apply.click();
    await waitForNewFinal(page, moved.final);
    await waitForStep(page, 'final', 'done', 240_000);
    const merged = await scenesOf(page);
    expect(merged.scenes).toHaveLength(n - 1);
    expect(bought()).toEqual({ chat: start.chat + 3, images: start.images + 3 });
    expect(merged.scenes[0]!.text).toBe(`${moved.scenes[0]!.text} ${moved.scenes[1]!.text}`);
    for (const scene of merged.scenes.slice(1)) {
      // One place earlier, the same scene: its picture, its camera move and its clip are kept.
      const before = moved.scenes[scene.index + 1]!;
      expect(scene.image?.key).toBe(before.image?.key);
      expect(scene.clip?.key).toBe(before.clip?.key);
      expect(scene.motionIndex).toBe(before.motionIndex ?? before.index);
    }
    const card = page.getByTestId('scene').first();
    expect(await card.getByTestId('length-warning').textContent()).toMatch(/longer than the 8 s we suggest$/);

    // The long scene split again at a word picked from its words: one scene more, two prompts and pictures.
    await page.getByRole('button', { name: 'Split scene 1…' }).click();
    const words = merged.scenes[0]!.text.split(' ');
    // Not where the merged cut was: scenes that come back with words they had before take back their prompt
    // and picture (see the merge back below).
    const old = moved.scenes[0]!.text.split(' ').length;
    const middle = Math.floor(words.length / 2);
    const at = middle === old ? middle - 2 : middle;
    await page.getByRole('button', { name: `Split scene 1 before “${words[at]}” (word ${at + 1})` }).click();
    await expect.poll(() => announced.textContent()).toMatch(/^Scene 1 split before “/);
    expect(await apply.textContent()).toContain('(buys 2 prompt requests and 2 images)');
    expect(await seriousViolations(page)).toEqual([]);
    await apply.click();
    await waitForNewFinal(page, merged.final);
    await waitForStep(page, 'final', 'done', 240_000);
    const split = await scenesOf(page);
    expect(split.scenes).toHaveLength(n);
    expect(split.scenes[0]!.text).toBe(words.slice(0, at).join(' '));
    expect(bought()).toEqual({ chat: start.chat + 5, images: start.images + 5 });
    for (const scene of split.scenes.slice(2)) {
      expect(scene.clip?.key).toBe(merged.scenes[scene.index - 1]!.clip?.key);
    }
    // Every frame of the recording is still there.
    await expectFinishedVideo((await download(page, rig.dir)).path, wav, frame);

    // Merged back: the scene has the words it had, so it takes back its prompt and picture; nothing is bought.
    await page.getByRole('button', { name: 'Merge scenes 1 and 2' }).click();
    await expect.poll(() => announced.textContent()).toMatch(/^Scenes 1 and 2 merged/);
    expect(await apply.textContent()).toContain('Apply the new cuts (buys nothing)');
    expect((await page.getByTestId('cuts-apply').textContent())!.replace(/\s+/g, ' ')).toContain(
      'Every scene keeps its prompt and picture, or takes back the one it had',
    );
    await apply.click();
    await waitForNewFinal(page, split.final);
    await waitForStep(page, 'final', 'done', 240_000);
    const back = await scenesOf(page);
    expect(back.scenes.map((scene) => scene.text)).toEqual(merged.scenes.map((scene) => scene.text));
    expect(back.scenes[0]!.image?.key).toBe(merged.scenes[0]!.image?.key);
    expect(bought()).toEqual({ chat: start.chat + 5, images: start.images + 5 });

    // A draft the scenes no longer fit (a word corrected meanwhile) is dropped with a notice, and stays
    // dropped after a reload: it is never applied to other words.
    await page.getByRole('button', { name: 'Move the cut between scenes 1 and 2 one word later' }).click();
    await expect.poll(() => announced.textContent()).toMatch(/^Cut moved one word later/);
    await page.getByTestId('word-2-0').focus();
    await page.keyboard.press('Enter');
    const heard = back.scenes[2]!.text.split(' ')[0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const box = page.getByLabel(new RegExp(`^Correct “${heard}”`));
    await box.fill('Zebra');
    await box.press('Enter');
    const dropped = page.getByTestId('cuts-dropped');
    await expect
      .poll(() => dropped.textContent(), { timeout: 30_000 })
      .toMatch(/^Your changes to the cuts were not applied/);
    expect(await apply.count()).toBe(0);
    await page.reload();
    await page.getByTestId('cuts-open').waitFor();
    expect(await page.getByTestId('draft-scene').count()).toBe(0);
    expect(await announced.textContent()).toBe('');
    expect(bought()).toEqual({ chat: start.chat + 5, images: start.images + 5 });
    expect(errors).toEqual([]);
    await context.close();
    // Five videos in one story (made, then after each of four changes).
  }, 720_000);
});

describe('a cut moved in Firefox', () => {
  // About fifteen seconds: two or three scenes.
  const NARRATION =
    'A small boat leaves the quiet harbour at first light, its engine humming over the still water. ' +
    'The fishermen sing old songs as they pull the heavy nets aboard, and the gulls circle above them. ' +
    'By noon the hold is full and they turn for home.';
  let rig: FirefoxRig;

  beforeAll(async () => {
    rig = await startFirefoxRig();
    rig.fakes.setScript(NARRATION);
    // Each scene's prompt names its words, so two new scenes get two pictures (as in startStoryRig).
    rig.fakes.setChatAnswer((text) => `A photograph of ${text}`);
  });
  afterAll(() => rig?.stop());

  it('moves a cut by keyboard and buys the two scenes it touches, nothing else', async () => {
    const audio = await spokenMp3(rig.dir, NARRATION, 'Boat');
    const context = await rig.context();
    const page = await context.newPage();
    const errors = firefoxPageErrors(page);
    await page.goto(rig.server.url);
    await createProjectInFirefox(page, audio, 'Square (1:1)');
    await waitForStepInFirefox(page, 'final', 'done', 280_000);
    const [made] = await page.evaluate(readStoredProjects);
    const scenes = made?.scenes ?? [];
    expect(scenes.length).toBeGreaterThanOrEqual(2);
    const start = { chat: rig.fakes.counts().chat, images: rig.fakes.generations() };

    await page.locator('[data-testid=cuts-open]').click();
    const later = await page.waitForSelector('[data-testid=cut-later]');
    await later!.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      /^Cut moved one word later/.test(document.querySelector('[data-testid=cuts-announcement]')?.textContent ?? ''),
    );
    // The keyboard focus stays on the control pressed (or its cut, when it can go no further).
    const focused = await page.evaluate(() => document.activeElement?.id);
    expect(['cut-0-later', 'cut-0']).toContain(focused);
    const label = await page.$eval('[data-testid=apply-cuts]', (button) => button.textContent ?? '');
    expect(label).toContain('(buys 2 prompt requests and 2 images)');
    await page.locator('[data-testid=apply-cuts]').click();
    await page.waitForFunction(finalMadeAgain, { timeout: 280_000, polling: 500 }, made?.final?.key);
    await waitForStepInFirefox(page, 'final', 'done', 280_000);
    expect({ chat: rig.fakes.counts().chat, images: rig.fakes.generations() }).toEqual({
      chat: start.chat + 2,
      images: start.images + 2,
    });
    const [after] = await page.evaluate(readStoredProjects);
    expect(after?.scenes?.[0]?.text.split(' ')).toHaveLength(scenes[0]!.text.split(' ').length + 1);
    const file = await downloadInFirefox(page, rig.downloads);
    await expectFinishedVideo(file.path, audio, { width: 1080, height: 1080, fps: after?.fps ?? 30 });
    expect(errors).toEqual([]);
    await context.close();
  });
});
