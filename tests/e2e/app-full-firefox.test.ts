// The whole path in Firefox ESR (puppeteer over WebDriver BiDi): a ~10 s narration in, a downloaded MP4
// out, checked with ffprobe like the Chromium run in app-full.test.ts, against the same fake upstreams.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFinishedVideo, spokenMp3 } from './final-video';
import {
  createProjectInFirefox,
  downloadInFirefox,
  firefoxPageErrors,
  startFirefoxRig,
  waitForStepInFirefox,
  type FirefoxRig,
} from './firefox';
import { finalVideoPlayable, readStoredProjects } from './in-page';

const NARRATION =
  'Voiceframe turns a recorded voice into a short illustrated video. Each scene gets its own picture, ' +
  'which slowly zooms and pans while its words are spoken.';

describe('from a recording to a downloaded video, in Firefox', () => {
  let rig: FirefoxRig;
  let audio: string;

  beforeAll(async () => {
    rig = await startFirefoxRig();
    rig.fakes.setScript(NARRATION);
    audio = await spokenMp3(rig.dir, NARRATION, 'Voiceframe in Firefox');
  });
  afterAll(() => rig?.stop());

  it('makes a square MP4 with every frame and the recording as its sound', async () => {
    const context = await rig.context();
    const page = await context.newPage();
    const errors = firefoxPageErrors(page);
    await page.goto(rig.server.url);
    // ffmpeg.wasm's shared memory needs the page cross-origin isolated (the server sends COOP/COEP).
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

    await createProjectInFirefox(page, audio, 'Square (1:1)');
    const started = Date.now();
    await waitForStepInFirefox(page, 'final', 'done', 280_000);
    console.info(`Firefox whole path: ${((Date.now() - started) / 1000).toFixed(1)} s from Create to the final video`);

    // Firefox itself plays the H.264 the app made.
    const shown = await (await page.waitForFunction(finalVideoPlayable, { timeout: 30_000 })).jsonValue();
    if (!shown) throw new Error('the finished video never showed a frame'); // waitForFunction waits for truthy
    expect(shown).toMatchObject({ width: 1080, height: 1080 });

    const [project] = await page.evaluate(readStoredProjects);
    const scenes = project?.scenes ?? [];
    expect(project?.format).toBe('square');
    expect(scenes.length).toBeGreaterThanOrEqual(2);
    expect(scenes.map((scene) => scene.text).join(' ')).toBe(NARRATION);
    expect(rig.fakes.counts()).toMatchObject({ transcribe: 1, chat: scenes.length, image: scenes.length });

    const file = await downloadInFirefox(page, rig.downloads);
    expect(file.name).toBe('Voiceframe in Firefox-square.mp4');
    const fps = project?.fps ?? 30;
    const { audioDuration } = await expectFinishedVideo(file.path, audio, { width: 1080, height: 1080, fps });
    expect(Math.abs(shown.duration - audioDuration)).toBeLessThanOrEqual(1 / fps + 0.03);
    expect(errors).toEqual([]);
    await context.close();
  });
});
