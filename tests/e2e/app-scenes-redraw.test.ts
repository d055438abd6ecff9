// A scene's picture under the person's control: the form says what a recording will buy before Create;
// Redraw with Flux buys exactly one image on Flux's path, and the old picture is taken back for free.
import { describe, expect, it } from 'vitest';
import {
  createProject,
  openHome,
  pickFile,
  seriousViolations,
  storedProjects,
  thumbnailAndStored,
  waitForNewFinal,
  waitForStep,
} from './app-helpers';
import { sharedStoryRig } from './shared-rig';

const SCRIPT =
  'A red kite rises over the green hills at noon. ' +
  'Two children run after it across the windy field below. ' +
  'At sunset they carry it home along the river.';

interface StoredImage {
  key: string;
  source?: string;
  seed?: number;
}
type Scene = { index: number; image?: StoredImage; versions?: StoredImage[] };

describe('redraws and versions of a scene’s picture', () => {
  const rig = sharedStoryRig(SCRIPT);

  it('estimates the cost before Create; Redraw with Flux buys one image, and the old one comes back for free', async () => {
    const wav = await rig.narrate('kite.wav');
    const { context, page, errors } = await openHome(rig);

    // Before Create: what the recording will buy, from its length.
    await pickFile(page, wav);
    const estimate = (await page.getByTestId('cost-estimate').textContent())!.replace(/\s+/g, ' ');
    const range =
      /About \d+ scenes? \((\d+)(?: to (\d+))?: .*Create buys 1 transcription, .*prompt requests? .* images?\./.exec(
        estimate,
      );
    expect(range, estimate).not.toBeNull();
    await createProject(page, wav, 'Square (1:1)');
    await waitForStep(page, 'final', 'done', 240_000);
    const [made] = await storedProjects(page);
    const scenes = (made?.scenes ?? []) as Scene[];
    const [low, high] = [Number(range![1]), Number(range![2] ?? range![1])];
    expect(scenes.length).toBeGreaterThanOrEqual(low);
    expect(scenes.length).toBeLessThanOrEqual(high);
    const bought = { chat: rig.fakes.counts().chat, images: rig.fakes.generations() };
    expect(bought.images).toBe(scenes.length);
    const original = scenes[0]!.image!;

    // Redraw scene 1 with Flux pro and a seed: the button says what it buys.
    const card = page.getByTestId('scene').first();
    await card.getByRole('button', { name: /^Redraw scene 1/ }).click();
    await card.getByRole('radio', { name: 'Flux pro' }).check();
    await card.getByLabel(/^Seed/).fill('42');
    expect(await seriousViolations(page)).toEqual([]);
    const submit = card.getByTestId('redraw-submit');
    expect(await submit.textContent()).toContain('Redraw (buys 1 image)');
    await submit.click();
    await expect.poll(() => rig.fakes.generations(), { timeout: 60_000 }).toBe(bought.images + 1);
    expect(rig.fakes.received('image').at(-1)).toMatchObject({ path: '/v1/text-to-image/flux/pro', seed: 42 });
    // The video is made again with the new picture (its final key changes), then the page shows it done.
    await waitForNewFinal(page, made!.final!.key);

    const [redrawn] = await storedProjects(page);
    const scene = (redrawn!.scenes as Scene[])[0]!;
    expect(scene.image).toMatchObject({ source: 'flux-pro', seed: 42 });
    expect(scene.image!.key).not.toBe(original.key);
    expect(scene.versions?.map((v) => v.key)).toEqual([original.key]);
    const shown = await thumbnailAndStored(page, 0, scene.image!.key);
    expect(shown.decodes).toBe(true);
    expect(shown.shown).toBe(shown.stored);

    // The first picture taken back: nothing is bought, the card shows it again, the Flux one is kept.
    await card.getByRole('button', { name: /Use earlier picture 1 of scene 1 \(first drawing\), free/ }).click();
    await waitForNewFinal(page, redrawn!.final!.key);
    const [restored] = await storedProjects(page);
    const back = (restored!.scenes as Scene[])[0]!;
    expect(back.image?.key).toBe(original.key);
    expect(back.versions?.map((v) => v.key)).toEqual([scene.image!.key]);
    const again = await thumbnailAndStored(page, 0, original.key);
    expect(again.shown).toBe(again.stored);
    expect(rig.fakes.generations()).toBe(bought.images + 1);
    expect(rig.fakes.counts().chat).toBe(bought.chat);
    expect(errors).toEqual([]);
    await context.close();
  });
});
