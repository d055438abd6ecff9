// One story in every picture: the visual guide is written once from the whole narration, the scenes that
// only say "she" are asked for with the guide's description, and after the person edits the guide the
// redraw they pick buys exactly what its button said, nothing more.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './harness';
import { makeSquareVideo, seriousViolations, storedProjects, waitForStep } from './app-helpers';
import { sharedStoryRig } from './shared-rig';

// About half a minute of narration: four or five scenes, the later ones naming Mara only as "she".
const SCRIPT =
  'Mara, a red-haired fisherwoman, rows out of the harbour before dawn. ' +
  'The water is calm and the gulls are still asleep on the old stone pier. ' +
  'Far from the coast she drops her nets into the grey and silent sea. ' +
  'Hours later she hauls them in again, heavy with silver fish. ' +
  'At dusk she rows home under a pink sky, tired and happy.';

const GUIDE_LINE = 'Mara: a red-haired fisherwoman';
const NEW_LINE = 'Mara: a grey-haired fisherwoman in a yellow oilskin';

interface ChatRequest {
  messages: { role: string; content: string }[];
}

const isGuideRequest = (request: ChatRequest) =>
  request.messages.at(-1)!.content.startsWith('Write a short visual guide');
const sceneTextOf = (request: ChatRequest) => /Text: '([\s\S]*)'\s*$/.exec(request.messages.at(-1)!.content)?.[1] ?? '';

describe('a visual guide for the whole recording', () => {
  const rig = sharedStoryRig(SCRIPT);

  beforeAll(() => {
    // As a model does, the prompt draws the person the guide describes (its "Mara:" line), whatever the scene calls her.
    rig.fakes.setChatAnswer((text, _model, context) => {
      const mara = /^Mara: .*$/m.exec(context)?.[0];
      return `A photograph of ${text}${mara ? ` (${mara})` : ''}`;
    });
  });

  it('gives the scenes that say "she" the guide’s description; an edited guide redraws only the picked scene', async () => {
    await mkdir(join(ROOT, 'test-results', 'screenshots'), { recursive: true });
    const wav = await rig.narrate('mara.wav');
    const { context, page, errors } = await makeSquareVideo(rig, wav);

    const [project] = await storedProjects(page);
    const scenes = project?.scenes ?? [];
    expect(scenes.length).toBeGreaterThanOrEqual(3);
    const sheScenes = scenes.filter((scene) => /\bshe\b/i.test(scene.text) && !/Mara/.test(scene.text));
    expect(sheScenes.length).toBeGreaterThanOrEqual(1);

    // One guide request read the whole narration; then one prompt request per scene.
    const chats = rig.fakes.received('chat') as ChatRequest[];
    const guideRequests = chats.filter(isGuideRequest);
    expect(guideRequests).toHaveLength(1);
    expect(guideRequests[0]!.messages[0]!.content).toContain(SCRIPT.trim().slice(0, 60));
    const prompts = chats.filter((request) => !isGuideRequest(request));
    expect(prompts).toHaveLength(scenes.length);
    for (const scene of sheScenes) {
      const request = prompts.find((p) => sceneTextOf(p) === scene.text);
      expect(request, scene.text).toBeDefined();
      // The template stays last, with the scene's own words; the guide comes before it as context.
      expect(request!.messages[0]!.content).toContain(GUIDE_LINE);
      expect(request!.messages.at(-1)!.content).toMatch(/^Analyze the following text from a video script\./);
      expect(scene.prompt?.text).toContain(GUIDE_LINE);
    }
    expect(rig.fakes.generations()).toBe(scenes.length);

    // The guide is on the project page, with nothing to redraw yet.
    await expect.poll(() => page.getByTestId('guide-text').textContent()).toContain(GUIDE_LINE);
    expect(await page.getByTestId('redraw-offer').count()).toBe(0);

    // The person edits the guide: saving buys nothing, and the page offers the redraw with its price.
    await page.getByRole('button', { name: 'Edit the guide' }).click();
    const field = page.getByLabel('Visual guide (one line per person, place or object)');
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    await field.fill((await field.inputValue()).replace(GUIDE_LINE, NEW_LINE));
    await page.getByRole('button', { name: 'Save the guide' }).click();
    const offer = page.getByTestId('redraw-offer');
    await offer.waitFor();
    const n = scenes.length;
    expect(await page.getByTestId('redraw-all').textContent()).toContain(
      `Redraw all ${n} scenes (buys ${n} prompt requests and ${n} images)`,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('guide').screenshot({
      path: join(
        ROOT,
        ...(process.env.UPDATE_SCREENSHOTS === '1' ? ['docs'] : ['test-results']),
        'screenshots',
        'visual-guide.png',
      ),
    });
    await page.waitForTimeout(500);
    expect(rig.fakes.counts().chat).toBe(n + 1);

    // One scene picked with the keyboard: the button says what it buys, and it buys exactly that.
    const target = sheScenes[0]!;
    await page.getByRole('checkbox', { name: `Scene ${target.index + 1}` }).press('Space');
    const picked = page.getByTestId('redraw-picked');
    expect(await picked.textContent()).toContain('Redraw 1 scene (buys 1 prompt request and 1 image)');
    await picked.click();
    await expect.poll(() => rig.fakes.generations(), { timeout: 120_000 }).toBe(n + 1);
    await waitForStep(page, 'final', 'done', 240_000);

    const [after] = await storedProjects(page);
    const redrawn = after!.scenes!.find((scene) => scene.index === target.index)!;
    expect(redrawn.prompt?.text).toContain(NEW_LINE);
    for (const scene of after!.scenes!) {
      if (scene.index === target.index) continue;
      const before = scenes.find((s) => s.index === scene.index)!;
      expect(scene.prompt?.text).toBe(before.prompt?.text);
      expect(scene.image?.key).toBe(before.image?.key);
    }
    expect(rig.fakes.counts().chat).toBe(n + 2);
    expect(rig.fakes.generations()).toBe(n + 1);
    // The other scenes are still offered, one fewer.
    expect(await page.getByTestId('redraw-all').textContent()).toContain(`Redraw all ${n - 1} scene`);
    expect(errors).toEqual([]);
    await context.close();
  });
});
