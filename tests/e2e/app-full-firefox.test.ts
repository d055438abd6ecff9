// The whole path in Firefox ESR (puppeteer over WebDriver BiDi), with each engine Firefox has: a ~10 s
// narration in, a downloaded MP4 out, checked with ffprobe like the Chromium run in app-full.test.ts,
// against the same fake upstreams.
import { beforeAll, describe, expect, it } from 'vitest';
import { expectFinishedVideo, expectVideoFromDisk, spokenMp3 } from './final-video';
import {
  createProjectInFirefox,
  downloadInFirefox,
  firefoxPageErrors,
  startFirefoxRig,
  waitForStepInFirefox,
} from './firefox';
import { sharedRig } from './shared-rig';
import { finalVideoPlayable, readFinalVideoSource, readPlayerCaptions, readStoredProjects } from './in-page';

const NARRATION =
  'Voiceframe turns a recorded voice into a short illustrated video. Each scene gets its own picture, ' +
  'which slowly zooms and pans while its words are spoken.';

describe('from a recording to a downloaded video, in Firefox', () => {
  const rig = sharedRig(startFirefoxRig);
  let audio: string;

  beforeAll(async () => {
    audio = await spokenMp3(rig.dir, NARRATION, 'Voiceframe in Firefox');
  });

  /**
   * The whole path with the engine `engine` set under Advanced (and the square format's captions `captions`,
   * as the form remembers them): a square MP4 with every frame and the recording as its sound; returns
   * what the progress panel said renders the clips.
   */
  async function squareVideo(engine: string, captions: string): Promise<string> {
    // Each video is made once from nothing: its own counts of paid calls.
    rig.fakes.reset();
    rig.fakes.setScript(NARRATION);
    const context = await rig.context();
    const page = await context.newPage();
    const errors = firefoxPageErrors(page);
    await page.goto(rig.server.url);
    // The app has started (its route modules imported) before the reload below: a reload while Firefox
    // still imports one reports the aborted import as a page error.
    await page.waitForSelector('[data-testid=advanced] summary');
    // ffmpeg.wasm's shared memory needs the page cross-origin isolated (the server sends COOP/COEP).
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.evaluate((c) => localStorage.setItem('voiceframe:v1:captions:square', c), captions);
    await page.reload();
    // A user opens Advanced and picks the engine by its label.
    await page.locator('[data-testid=advanced] summary').click();
    await page.locator(`input[name=render-engine][value=${engine}]`).click();

    await createProjectInFirefox(page, audio, 'Square (1:1)');
    const started = Date.now();
    const said = await page.waitForSelector('[data-testid=clips-engine]', { timeout: 120_000 });
    const engineLabel = (await said?.evaluate((element) => element.textContent?.trim())) ?? '';
    await waitForStepInFirefox(page, 'final', 'done', 280_000);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.info(`Firefox whole path, ${engineLabel}: ${seconds} s from Create to the final video`);

    // Firefox itself plays the H.264 the app made.
    const shown = await (await page.waitForFunction(finalVideoPlayable, { timeout: 30_000 })).jsonValue();
    if (!shown) throw new Error('the finished video never showed a frame'); // waitForFunction waits for truthy
    expect(shown).toMatchObject({ width: 1080, height: 1080 });

    const [project] = await page.evaluate(readStoredProjects);
    const scenes = project?.scenes ?? [];
    expect(project?.format).toBe('square');
    expect(scenes.length).toBeGreaterThanOrEqual(2);
    expect(scenes.map((scene) => scene.text).join(' ')).toBe(NARRATION);
    // The player offers the words as captions in Firefox too.
    const offered = await page.evaluate(readPlayerCaptions);
    expect(offered).toMatchObject({ kind: 'captions', label: 'English', language: 'en' });
    expect(offered?.words.join(' ')).toBe(NARRATION);
    expect(rig.fakes.counts()).toMatchObject({ transcribe: 1, chat: scenes.length + 1, image: scenes.length });

    const file = await downloadInFirefox(page, rig.downloads);
    // Firefox numbers a second download of the same name in the shared downloads folder.
    expect(file.name).toMatch(/^Voiceframe in Firefox-square(\(\d\))?\.mp4$/);
    const fps = project?.fps ?? 30;
    const { audioDuration } = await expectFinishedVideo(file.path, audio, { width: 1080, height: 1080, fps });
    expect(Math.abs(shown.duration - audioDuration)).toBeLessThanOrEqual(1 / fps + 0.03);
    // Written to disk as it was made; the player and the download read that file.
    const final = { id: project!.id, key: project!.final!.key };
    await expectVideoFromDisk(await page.evaluate(readFinalVideoSource, final), file.path);
    expect(errors).toEqual([]);
    await context.close();
    return engineLabel;
  }

  it('makes the video with ffmpeg.wasm, captions burned in', async () => {
    expect(await squareVideo('ffmpeg', 'word')).toBe('Rendering with ffmpeg.wasm');
  });

  it("makes the video in Automatic: the browser's encoder where Firefox has one, else ffmpeg.wasm", async () => {
    const context = await rig.context();
    const probe = await context.newPage();
    await probe.goto(rig.server.url);
    const hasEncoder = await probe.evaluate(async () => {
      if (typeof VideoEncoder === 'undefined') return false;
      const config = { codec: 'avc1.640028', width: 1080, height: 1080, framerate: 30, bitrate: 8e6 };
      return (await VideoEncoder.isConfigSupported(config)).supported === true;
    });
    await context.close();
    console.info(`Firefox ${hasEncoder ? 'has' : 'has no'} H.264 VideoEncoder for 1080x1080`);
    const said = await squareVideo('auto', 'none');
    expect(said).toBe(hasEncoder ? "Rendering with the browser's encoder (WebCodecs)" : 'Rendering with ffmpeg.wasm');
  });
});
