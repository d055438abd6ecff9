// The home page: bad files refused at once with their reason, accessibility, and opening offline.
import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { makeImage, speak } from '../support/media';
import {
  createProject,
  openHome,
  pickFile,
  seriousViolations,
  startRig,
  storedProjects,
  waitForOfflineReady,
} from './app-helpers';
import { sharedRig } from './shared-rig';
import { MEASURE_GAP_MS } from '../../src/lib/memory-upkeep';

const run = promisify(execFile);

/** Makes `out` with Debian ffmpeg from one of its lavfi test sources, encoded as `args` say. */
async function fromTestSource(source: string, args: string[], out: string): Promise<void> {
  await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', source, ...args, out]);
}

describe('home page', () => {
  const rig = sharedRig(startRig);

  it('refuses bad files at once, saying why, and stores nothing for them', async () => {
    const dir = rig.dir;
    await writeFile(join(dir, 'notes.txt'), 'just some text');
    await writeFile(join(dir, 'empty.mp3'), '');
    // The same noise every run: random bytes now and then hold a frame header some decoder accepts.
    await writeFile(join(dir, 'garbage.mp3'), noise(4096, 7));
    await makeImage('color=c=blue', 320, 240, join(dir, 'picture.png'));
    await run('cp', [join(dir, 'picture.png'), join(dir, 'disguised.mp3')]);
    // A screen recording without sound, and three hours and ten minutes of (highly compressible) silence.
    await fromTestSource('testsrc2=s=160x120:d=2', ['-c:v', 'libx264'], join(dir, 'silent.mp4'));
    await fromTestSource('anullsrc=r=8000:cl=mono', ['-t', '11400', '-c:a', 'flac'], join(dir, 'long.flac'));

    const { context, page, errors } = await openHome(rig);
    const refusals: Record<string, RegExp> = {
      'notes.txt': /“notes.txt” \(text\/plain\) is not an audio file/,
      'empty.mp3': /“empty.mp3” is empty/,
      'garbage.mp3': /garbage.mp3 could not be read as audio or video/,
      'disguised.mp3': /disguised.mp3 has no audio track/,
      'silent.mp4': /silent.mp4 has no audio track: choose a recording with sound/,
      'long.flac': /“long.flac” lasts 3.2 hours; Voiceframe takes recordings of up to 3 hours/,
    };
    for (const [name, expected] of Object.entries(refusals)) {
      const result = await pickFile(page, join(dir, name));
      expect(result.ok, name).toBe(false);
      expect(result.message, name).toMatch(expected);
      expect(await page.getByRole('button', { name: 'Create video' }).isDisabled()).toBe(true);
    }
    expect(await storedProjects(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('has no serious accessibility violations, and every control is reachable by keyboard', async () => {
    const context = await rig.context();
    const page = await context.newPage();
    await page.goto(rig.server.url);
    await page.getByText('No projects yet').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const reached = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      reached.add(
        await page.evaluate(
          () => document.activeElement?.getAttribute('type') ?? document.activeElement?.tagName ?? '',
        ),
      );
    }
    expect([...reached]).toEqual(expect.arrayContaining(['file', 'radio', 'SELECT']));
    // Phone width: nothing wider than the screen.
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  });

  it('opens offline after one visit, still cross-origin isolated, and says the network steps need a connection', async () => {
    const context = await rig.context();
    const page = await context.newPage();
    await page.goto(rig.server.url);
    await waitForOfflineReady(page);
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /illustrated video/ }).waitFor();
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);

    // The engine (ffmpeg.wasm, from the cache) still reads a recording; the project waits for the network.
    const wav = join(rig.dir, 'offline.wav');
    await speak('This project was started without a connection.', wav);
    await createProject(page, wav);
    await page.getByTestId('stopped').waitFor();
    expect(await page.getByTestId('stopped').textContent()).toMatch(/need an internet connection/);
    await context.setOffline(false);
    await page.locator('[data-testid=step-transcribe][data-status=done]').waitFor({ timeout: 60_000 });
    await context.close();
  });

  it('sends API requests past the service worker, which serves the app and the engine', async () => {
    const context = await rig.context();
    const page = await context.newPage();
    await page.goto(rig.server.url);
    await waitForOfflineReady(page);
    // Resource timing says which route the service worker's static router matched (Chromium 123+): an
    // API request must not wake the worker (a run makes hundreds), the app's files still come from it.
    const matched = await page.evaluate(async () => {
      const source = async (url: string) => {
        await (await fetch(url)).arrayBuffer();
        const entry = performance.getEntriesByName(new URL(url, location.href).href).at(-1) as
          (PerformanceResourceTiming & { workerFinalSourceType?: string }) | undefined;
        return entry?.workerFinalSourceType;
      };
      return { api: await source('/api/health'), page: await source('/favicon.svg') };
    });
    // '' is no static route: the app's file went to the worker's fetch handler (its precache).
    expect(matched).toEqual({ api: 'network', page: '' });
    await context.close();
  });

  it('on a first visit with a file dropped at once, installs for offline use only once the video is made', async () => {
    const wav = join(rig.dir, 'At once.wav');
    await speak('A file dropped the moment the app opens. Its first video comes first.', wav);
    // The first picture takes a while, so the run is still going well past the first install's delay.
    rig.fakes.failNext('image', 1, { kind: 'slow', ms: 8000 });
    const context = await rig.context();
    const page = await context.newPage();
    await page.goto(rig.server.url);
    const opened = Date.now();
    await createProject(page, wav, 'Square (1:1)');
    const registered = () => page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) !== undefined);
    await page.waitForTimeout(Math.max(0, opened + 6500 - Date.now()));
    expect(await page.getByTestId('final-video').count()).toBe(0);
    expect(await registered()).toBe(false);
    await page.getByTestId('final-video').waitFor({ timeout: 120_000 });
    // Then the service worker installs (the app and its engine kept) and takes the page over.
    await waitForOfflineReady(page);
    expect(await registered()).toBe(true);
    await context.close();
  });

  it('while a video is made, asks Chromium for its memory (a garbage collection), and stops once it is made', async () => {
    const wav = join(rig.dir, 'Tidy.wav');
    await speak('While this video is made, the browser collects what the page lets go.', wav);
    const context = await rig.context();
    // Every question the page asks, and every answer, as the page sees them.
    await context.addInitScript(() => {
      const perf = performance as Performance & { measureUserAgentSpecificMemory: () => Promise<{ bytes: number }> };
      const real = perf.measureUserAgentSpecificMemory.bind(performance);
      const log = { asked: 0, answers: [] as number[] };
      Object.assign(window, { memoryLog: log });
      perf.measureUserAgentSpecificMemory = () => {
        log.asked += 1;
        return real().then((answer) => (log.answers.push(answer.bytes), answer));
      };
    });
    const page = await context.newPage();
    const log = () =>
      page.evaluate(() => (window as unknown as { memoryLog: { asked: number; answers: number[] } }).memoryLog);
    await page.goto(rig.server.url);
    await page.waitForTimeout(1500);
    expect((await log()).asked).toBe(0);
    await createProject(page, wav, 'Square (1:1)');
    await page.getByTestId('final-video').waitFor({ timeout: 120_000 });
    expect((await log()).asked).toBeGreaterThan(0);
    // Chromium answers at its next full collection, forced within 20 s.
    await page.waitForFunction(
      () => (window as unknown as { memoryLog: { answers: number[] } }).memoryLog.answers.length > 0,
      undefined,
      { timeout: 30_000 },
    );
    expect((await log()).answers[0]).toBeGreaterThan(0);
    // Once the run has let go, nothing more is asked.
    await page.waitForTimeout(2000);
    const after = (await log()).asked;
    await page.waitForTimeout(MEASURE_GAP_MS + 3000);
    expect((await log()).asked).toBe(after);
    await context.close();
  });

  it('says plainly when the browser storage is full, and keeps nothing half-saved', async () => {
    const wav = join(rig.dir, 'Too big to keep.wav');
    await speak('The storage of this browser is almost full, so this recording cannot be kept.', wav);
    const context = await rig.context();
    const page = await context.newPage();
    await page.goto(rig.server.url);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: rig.server.url, quotaSize: 64 * 1024 });
    const picked = await pickFile(page, wav);
    expect(picked.ok).toBe(true);
    await page.getByRole('button', { name: 'Create video' }).click();
    await page.getByTestId('file-error').waitFor();
    expect(await page.getByTestId('file-error').textContent()).toMatch(
      /no room left in this browser's storage to save the audio.*Delete old projects/,
    );
    expect(page.url()).toBe(`${rig.server.url}/`);
    expect(await storedProjects(page)).toEqual([]);
    await context.close();
  });

  it('uploads a compact copy of a recording over 25 MB, in the chosen language, keeping the original', async () => {
    const speech = join(rig.dir, 'speech.wav');
    await speak('Long recordings are shrunk before they are uploaded for transcription.', speech);
    // About 30 MB: 165 s of 48 kHz stereo PCM, over Groq's 25 MB upload limit.
    const big = join(rig.dir, 'Long talk.wav');
    await run('ffmpeg', [
      '-v',
      'error',
      '-stream_loop',
      '40',
      '-i',
      speech,
      '-t',
      '165',
      '-ar',
      '48000',
      '-ac',
      '2',
      big,
    ]);
    rig.fakes.reset();
    const context = await rig.context();
    const page = await context.newPage();
    await page.goto(rig.server.url);
    await createProject(page, big, 'TikTok (9:16)', 'German');
    await page.locator('[data-testid=step-transcribe][data-status=done]').waitFor({ timeout: 120_000 });
    const [upload] = rig.fakes.received('transcribe') as { filename: string; bytes: number; language: string }[];
    expect(upload?.language).toBe('de');
    expect(upload?.filename).toMatch(/\.(ogg|opus|flac)$/);
    expect(upload?.bytes).toBeLessThan(25 * 1024 * 1024);
    const [project] = await storedProjects(page);
    const original = await page.evaluate(
      (id) =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('voiceframe-blobs');
          open.onsuccess = () => {
            const request = open.result.transaction('blobs').objectStore('blobs').get(`v1:${id}:audio`);
            request.onsuccess = () => resolve((request.result as Blob).size);
          };
        }),
      project?.id ?? '',
    );
    expect(original).toBeGreaterThan(25 * 1024 * 1024);
    await context.close();
  });
});

/** `length` bytes of reproducible noise (a linear congruential generator seeded with `seed`). */
function noise(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    bytes[i] = state >>> 16;
  }
  return bytes;
}
