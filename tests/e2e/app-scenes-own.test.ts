// The person's own picture for a scene: a file that is not a picture is refused with its reason; a
// portrait picture in a square video becomes that scene's clip, cover-cropped, without buying anything,
// and stays that scene's picture in the TikTok version of the same recording.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeImage } from '../support/media';
import {
  download,
  makeSquareVideo,
  seriousViolations,
  storedProjects,
  thumbnailAndStored,
  waitForNewFinal,
  waitForStep,
} from './app-helpers';
import { sharedStoryRig } from './shared-rig';

const run = promisify(execFile);

const SCRIPT =
  'A red kite rises over the green hills at noon. ' +
  'Two children run after it across the windy field below. ' +
  'At sunset they carry it home along the river.';

type Scene = { index: number; start: number; end: number; image?: { key: string; source?: string } };

/** The mean colour of the video's frame at `time` (of its top-left 16 px square with `corner`), as [r, g, b]. */
async function colourAt(file: string, time: number, corner = false): Promise<number[]> {
  const { stdout } = await run(
    'ffmpeg',
    [
      '-v',
      'error',
      '-ss',
      String(time),
      '-i',
      file,
      '-frames:v',
      '1',
      '-vf',
      `${corner ? 'crop=16:16:0:0,' : ''}scale=1:1:flags=area`,
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      '-',
    ],
    { encoding: 'buffer' },
  );
  return [...stdout.subarray(0, 3)];
}

const middle = (scene: Scene) => (scene.start + scene.end) / 2;

/**
 * In the video `file`, the scene `own` is the magenta picture from edge to edge (cover-cropped, no bars),
 * and the scene `other` is not.
 */
async function expectOwnPictureFills(file: string, own: Scene, other: Scene): Promise<void> {
  const [r, g, b] = await colourAt(file, middle(own));
  expect(r).toBeGreaterThan(200);
  expect(g).toBeLessThan(40);
  expect(b).toBeGreaterThan(200);
  expect((await colourAt(file, middle(own), true))[1]).toBeLessThan(40);
  expect(await colourAt(file, middle(other))).not.toEqual([r, g, b]);
}

describe('own pictures and camera moves', () => {
  const rig = sharedStoryRig(SCRIPT);

  it('refuses a file that is not a picture, and makes a chosen picture the scene’s clip at no cost', async () => {
    const wav = await rig.narrate('kite-own.wav');
    const notes = join(rig.dir, 'notes.png');
    await writeFile(notes, 'These are my notes, not a picture.');
    const magenta = join(rig.dir, 'magenta.png');
    await makeImage('color=c=0xff00ff', 300, 500, magenta);

    const { context, page, errors } = await makeSquareVideo(rig, wav);
    const [made] = await storedProjects(page);
    const bought = { chat: rig.fakes.counts().chat, images: rig.fakes.generations() };

    const field = page.getByLabel(/^Your own picture for scene 2 /);
    await field.setInputFiles(notes);
    const refusal = page.getByTestId('scene').nth(1).getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe('“notes.png” is not a PNG, JPEG or WebP picture.');
    expect(await seriousViolations(page)).toEqual([]);

    await field.setInputFiles(magenta);
    await waitForNewFinal(page, made!.final!.key);
    const [after] = await storedProjects(page);
    const scene = (after!.scenes as Scene[])[1]!;
    expect(scene.image).toMatchObject({ source: 'own', key: expect.stringMatching(/^image-own-/) as string });
    const shown = await thumbnailAndStored(page, 1, scene.image!.key);
    expect(shown.shown).toBe(shown.stored);
    expect(await page.getByTestId('scene').nth(1).getByRole('alert').count()).toBe(0);
    expect(rig.fakes.generations()).toBe(bought.images);
    expect(rig.fakes.counts().chat).toBe(bought.chat);

    // In the video, the scene is the picture: magenta from edge to edge (cover-cropped, no bars); the others are not.
    const file = await download(page, rig.dir);
    await expectOwnPictureFills(file.path, scene, (after!.scenes as Scene[])[0]!);

    // A camera move for scene 1, aimed with a click on its picture: free, and only that clip is made again.
    const first = page.getByTestId('scene').first();
    await first.getByRole('button', { name: 'Camera move of scene 1…' }).click();
    await first.getByRole('radio', { name: 'Pan left' }).check();
    const aim = first.getByTestId('motion-aim');
    const box = (await aim.boundingBox())!;
    await aim.click({ position: { x: box.width * 0.3, y: box.height * 0.6 } });
    expect(await aim.getAttribute('aria-label')).toMatch(
      /Focus point of scene 1: (29|30|31) % across, (59|60|61) % down/,
    );
    expect(await seriousViolations(page)).toEqual([]);
    const clipsBefore = (after!.scenes as (Scene & { clip?: { key: string } })[]).map((s) => s.clip?.key);
    await first.getByTestId('motion-apply').click();
    await waitForNewFinal(page, after!.final!.key);
    const [moved] = await storedProjects(page);
    const movedScenes = moved!.scenes as (Scene & { clip?: { key: string }; motion?: unknown })[];
    expect(movedScenes[0]!.motion).toMatchObject({ kind: 'pan-left', travel: 0.12 });
    expect(movedScenes.map((s) => s.clip?.key !== clipsBefore[s.index])).toEqual(movedScenes.map((s) => s.index === 0));
    expect(rig.fakes.generations()).toBe(bought.images);
    expect(rig.fakes.counts().chat).toBe(bought.chat);

    // The same recording as a TikTok: the own picture comes along (cropped to 9:16, bought nowhere);
    // only the other scenes' pictures are bought, and no prompt.
    const n = movedScenes.length;
    expect(await page.getByTestId('other-formats-cost').textContent()).toMatch(
      new RegExp(`buys ${n - 1} images? \\(one per scene without your own picture\\)`),
    );
    const squareUrl = page.url();
    await page.getByRole('button', { name: 'Make a TikTok (9:16) version' }).click();
    await page.waitForURL((url) => url.href !== squareUrl);
    await expect.poll(() => page.getByTestId('project-meta').textContent()).toContain('TikTok (9:16)');
    await waitForStep(page, 'final', 'done', 240_000);
    const tiktok = (await storedProjects(page)).find((p) => p.format === 'tiktok')!;
    const ownScene = (tiktok.scenes as Scene[])[1]!;
    expect(ownScene.image).toEqual(scene.image);
    expect(rig.fakes.generations()).toBe(bought.images + n - 1);
    expect(rig.fakes.counts().chat).toBe(bought.chat);
    const shownTikTok = await thumbnailAndStored(page, 1, ownScene.image!.key);
    expect(shownTikTok.shown).toBe(shownTikTok.stored);
    const tiktokFile = await download(page, rig.dir);
    expect(tiktokFile.name).toMatch(/-tiktok\.mp4$/);
    await expectOwnPictureFills(tiktokFile.path, ownScene, (tiktok.scenes as Scene[])[0]!);
    expect(errors).toEqual([]);
    await context.close();
  });
});
