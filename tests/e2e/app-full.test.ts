// The whole path a creator takes: a ~40 s narration in, a downloaded MP4 out, checked with ffprobe; a scene
// previewed; the same recording made again as a TikTok video without transcribing or prompting again.
import { beforeAll, describe, expect, it } from 'vitest';
import { ffprobe, sceneScores } from '../support/media';
import {
  createProject,
  download,
  openHome,
  playerCaptions,
  screenshot,
  seriousViolations,
  startRig,
  storedProjects,
  waitForStep,
  waitForVideoFrame,
} from './app-helpers';
import { sharedRig } from './shared-rig';
import { expectedFrames, expectFinishedVideo, expectVideoFromDisk, spokenMp3 } from './final-video';
import { readFinalVideoSource } from './in-page';

const NARRATION =
  'Voiceframe turns a recorded voice into an illustrated video. First, the speech is transcribed with a ' +
  'timestamp for every word. Then the words are cut into scenes of five to eight seconds. For each scene, a ' +
  'language model writes a short description of a picture. An image service draws that picture in the chosen ' +
  'format. In the browser, each picture slowly zooms and pans for exactly as long as its scene lasts. Finally, ' +
  'the clips are joined together and the original recording is laid underneath, so every picture appears just ' +
  'as its words are spoken. The result is a single video file, ready to share.';

describe('from a recording to a downloaded video', () => {
  const rig = sharedRig(startRig);
  let audio: string;

  beforeAll(async () => {
    rig.fakes.setScript(NARRATION);
    audio = await spokenMp3(rig.dir, NARRATION, 'How Voiceframe works');
  });

  it('makes an MP4 of the chosen size whose pictures change at each scene boundary, in sync with the audio, then a TikTok version', async () => {
    const { context, page, errors } = await openHome(rig);
    expect(await seriousViolations(page)).toEqual([]);

    await createProject(page, audio, 'YouTube (16:9)');
    const started = Date.now();
    await waitForStep(page, 'scenes', 'done', 60_000);
    // While clips render, the step shows its count and the time left.
    const clips = page.getByTestId('step-clips');
    await clips.getByText(/^about .* left$/).waitFor({ timeout: 120_000 });
    expect(await clips.textContent()).toMatch(/\d of \d+ scenes/);
    await waitForStep(page, 'final', 'done', 280_000);
    console.info(`whole path: ${((Date.now() - started) / 1000).toFixed(1)} s from Create to the final video`);
    await waitForVideoFrame(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'project');
    // Phone width: nothing wider than the screen.
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 900 });

    const [project] = await storedProjects(page);
    const scenes = project?.scenes ?? [];
    expect(scenes.length).toBeGreaterThanOrEqual(5);
    expect(scenes.every((scene) => scene.prompt?.text)).toBe(true);
    expect(await page.getByTestId('scene').count()).toBe(scenes.length);
    // Every word the fake heard is in a scene, in order.
    expect(scenes.map((scene) => scene.text).join(' ')).toBe(NARRATION);
    // The player offers those words as captions (none are burned in), in English.
    const offered = await playerCaptions(page);
    expect(offered).toMatchObject({ kind: 'captions', label: 'English', language: 'en' });
    expect(offered?.words.join(' ')).toBe(NARRATION);

    const file = await download(page, rig.dir);
    expect(file.name).toBe('How Voiceframe works-youtube.mp4');
    const fps = project?.fps ?? 30;
    await expectFinishedVideo(file.path, audio, { width: 1920, height: 1080, fps });
    // Written to disk as it was made; the player and the download read that file.
    const final = { id: project!.id, key: project!.final!.key };
    await expectVideoFromDisk(await page.evaluate(readFinalVideoSource, final), file.path);

    // One scene change per boundary: the frames where the picture changes most are exactly the
    // boundaries' frames (within one frame), and each stands far above any change inside a scene.
    const scores = await sceneScores(file.path);
    const boundaries = scenes.slice(1).map((scene) => Math.round(scene.start * fps) / fps);
    const ranked = [...scores].sort((a, b) => b.score - a.score);
    const cuts = ranked.slice(0, boundaries.length).map((frame) => frame.time);
    cuts.sort((a, b) => a - b);
    cuts.forEach((cut, i) => expect(Math.abs(cut - (boundaries[i] ?? -1))).toBeLessThanOrEqual(1 / fps + 0.001));
    const weakestCut = ranked[boundaries.length - 1]?.score ?? 0;
    const strongestMotion = ranked[boundaries.length]?.score ?? 0;
    expect(weakestCut).toBeGreaterThan(3 * strongestMotion);

    expect(rig.fakes.counts()).toMatchObject({ transcribe: 1, chat: scenes.length + 1, image: scenes.length });

    // A scene plays on its own, its clip with its stretch of the recording; closing it returns the focus.
    const second = scenes[1]!;
    const card = page.getByTestId('scene').nth(1);
    await card.getByRole('button', { name: 'Play scene 2' }).click();
    const preview = card.getByTestId('scene-preview');
    await preview.waitFor();
    await screenshot(page, 'project-scene-preview');
    expect(await seriousViolations(page)).toEqual([]);
    await page.waitForFunction(
      () => ((document.querySelector('[data-testid=scene-preview]') as HTMLVideoElement | null)?.currentTime ?? 0) > 1,
      undefined,
      { timeout: 30_000 },
    );
    const playing = await card.evaluate((element) => {
      const clip = element.querySelector('video')!;
      const voice = element.querySelector('audio')!;
      return { duration: clip.duration, clip: clip.currentTime, voice: voice.currentTime, paused: voice.paused };
    });
    expect(Math.abs(playing.duration - (second.end - second.start))).toBeLessThanOrEqual(1 / fps + 0.001);
    expect(playing.paused).toBe(false);
    // The voice runs from the scene's start on the clip's clock (two reads a moment apart).
    expect(Math.abs(playing.voice - second.start - playing.clip)).toBeLessThan(0.35);
    await card.getByRole('button', { name: 'Close preview of scene 2' }).click();
    await preview.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Play scene 2');

    // The same recording as a TikTok video: a new project that reuses the transcript and prompts.
    const firstUrl = page.url();
    await page.getByRole('button', { name: 'Make a TikTok (9:16) version' }).click();
    await page.waitForURL((url) => url.href !== firstUrl);
    await page
      .getByTestId('project-meta')
      .getByText(/TikTok \(9:16\)/)
      .waitFor();
    await waitForStep(page, 'final', 'done', 280_000);
    expect(rig.fakes.counts()).toMatchObject({ transcribe: 1, chat: scenes.length + 1, image: 2 * scenes.length });
    const sizes = rig.fakes.received('image').map((body) => (body as { image_size: object }).image_size);
    expect(sizes.slice(scenes.length)).toEqual(scenes.map(() => ({ width: 1080, height: 1920 })));
    const portrait = await download(page, rig.dir);
    expect(portrait.name).toBe('How Voiceframe works-tiktok.mp4');
    const portraitProbe = await ffprobe(portrait.path, true);
    expect(portraitProbe.streams.find((stream) => stream.codec_type === 'video')).toMatchObject({
      width: 1080,
      height: 1920,
      nb_read_frames: String(await expectedFrames(audio, fps)),
    });
    const copy = (await storedProjects(page)).find((stored) => stored.format === 'tiktok');
    expect(copy?.scenes?.map((scene) => [scene.start, scene.end, scene.prompt?.text])).toEqual(
      scenes.map((scene) => [scene.start, scene.end, scene.prompt?.text]),
    );

    // The home page lists both finished projects with their thumbnails.
    await page.goto(rig.server.url);
    const item = page.getByTestId('project-item');
    await expect.poll(() => item.locator('img').count()).toBe(2);
    expect(await item.allTextContents()).toEqual([
      expect.stringContaining('Finished'),
      expect.stringContaining('Finished'),
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'home');
    expect(errors).toEqual([]);
    await context.close();
  });
});
