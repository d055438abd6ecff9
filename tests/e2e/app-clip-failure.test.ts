// A scene whose image ffmpeg cannot decode fails alone: the others get clips, it shows why, and its Retry redraws it.
import { describe, expect, it } from 'vitest';
import { ffprobe, sceneCuts } from '../support/media';
import {
  createProject,
  download,
  openHome,
  storedProjects,
  thumbnailAndStored,
  waitForScenes,
  waitForStep,
} from './app-helpers';
import { sharedStoryRig } from './shared-rig';

// Short, so the renders stay small: three sentences, two or three scenes of square video.
const SCRIPT =
  'A quiet harbour wakes up as the fishing boats drift out at sunrise. ' +
  'In the old market a potter lifts a blue vase from the turning wheel. ' +
  'By evening the lanterns glow along the stone pier.';

describe('when a scene’s image cannot be decoded', () => {
  const rig = sharedStoryRig(SCRIPT);

  it('renders the other scenes, shows the reason and a retry that draws a new image, then finishes the video', async () => {
    const wav = await rig.narrate('Harbour.wav');
    // The proxy accepts it (a PNG by its header), but it is cut off mid-picture.
    rig.fakes.failWhen('image', 'vase', { kind: 'damaged-image' });
    const { context, page, errors } = await openHome(rig);
    await createProject(page, wav, 'Square (1:1)');

    const error = page.getByTestId('scene-error');
    await error.waitFor({ timeout: 180_000 });
    expect(await error.locator('p').textContent()).toBe(
      'The image could not be drawn: The picture the image service sent is damaged, so it could not be decoded. ' +
        'Retry draws a new one.',
    );
    const total = await page.getByTestId('scene').count();
    expect(total).toBeGreaterThanOrEqual(2);
    // Every other scene still gets its clip; the video waits for the failed one.
    await waitForScenes(page, 'done', total - 1, 180_000);
    expect(await page.getByTestId('step-final').getAttribute('data-status')).toBe('pending');
    const [failed] = await storedProjects(page);
    const broken = failed?.scenes?.filter((scene) => scene.failure);
    expect(broken).toHaveLength(1);
    expect(broken?.[0]?.text).toContain('vase');
    expect(broken?.[0]?.failure?.step).toBe('images');
    const card = page.getByTestId('scene').filter({ has: error });
    expect(await card.getAttribute('data-status')).toBe('failed');
    const index = broken?.[0]?.index ?? 0;
    // Its failure is counted once, at the image step; its clip is on hold, not failed a second time.
    expect(await page.getByTestId('step-images').innerText()).toMatch(/, 1 failed/);
    expect(await page.getByTestId('step-clips').innerText()).toMatch(/, 1 on hold/);
    expect(await page.getByTestId('step-clips').innerText()).not.toMatch(/failed/);

    // The image service now draws it properly: Retry asks for a new image, and the video is made.
    rig.fakes.reset();
    await error.getByRole('button', { name: `Retry scene ${index + 1}` }).click();
    await waitForStep(page, 'final', 'done', 180_000);
    expect(await page.getByTestId('scene-error').count()).toBe(0);
    expect(rig.fakes.counts()).toMatchObject({ transcribe: 0, chat: 0, image: 1, download: 1 });
    expect(rig.fakes.received('image')).toEqual([expect.objectContaining({ prompt: expect.stringContaining('vase') })]);

    const [project] = await storedProjects(page);
    // The card shows the redrawn picture (stored under the same key as the damaged one), not the old one.
    const key = project?.scenes?.[index]?.image?.key ?? '';
    const picture = await thumbnailAndStored(page, index, key);
    expect(picture.stored).toBeDefined();
    expect(picture.shown).toBe(picture.stored);
    expect(picture.decodes).toBe(true);
    const file = await download(page, rig.dir);
    expect(file.name).toBe('Harbour-square.mp4');
    const probe = await ffprobe(file.path, true);
    const video = probe.streams.find((stream) => stream.codec_type === 'video');
    expect(video).toMatchObject({ codec_name: 'h264', width: 1080, height: 1080 });
    expect(probe.streams.some((stream) => stream.codec_type === 'audio')).toBe(true);
    const audioDuration = Number((await ffprobe(wav)).format.duration);
    const fps = project?.fps ?? 30;
    expect(Number(video?.nb_read_frames)).toBe(Math.round(audioDuration * fps));
    // The redrawn scene is in the video: a picture change at every scene boundary, within a frame.
    const cuts = await sceneCuts(file.path);
    const boundaries = (project?.scenes ?? []).slice(1).map((scene) => Math.round(scene.start * fps) / fps);
    for (const boundary of boundaries) expect(cuts.some((cut) => Math.abs(cut - boundary) <= 1.001 / fps)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
