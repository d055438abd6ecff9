// `npm run bench -- assemble`: the final step of a long video alone. An hour's clips (copies of two real
// 1080p30 clips, each a file on disk as the app keeps them) and the hour's MP3 are assembled into one MP4
// on disk by the app's pool, in Chromium with a profile on disk; wall time and memory, in minutes where
// the whole-app benchmark of an hour takes forty-five (BENCH_MINUTES sets the length, 60 by default).
import { copyFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { planMotion } from '../src/lib/pipeline/kenburns';
import { ROOT } from '../tests/e2e/harness';
import { openHarness } from '../tests/e2e/render-harness/session';
import { RENDER_PAGE } from '../tests/e2e/render-harness/build';
import { makeImage } from '../tests/support/media';
import { launchProfile } from './app-drive';
import { describeProcesses, peakByProcess, peaks, watchChromium } from './chromium-stats';
import { recordPodcast } from './podcast';

const MINUTES = Number(process.env.BENCH_MINUTES ?? 60);
/** A scene as long as the app's scenes are on average (5-8 s). */
const SCENE_SECONDS = 6.4;
const FPS = 30;

const recording = await recordPodcast(MINUTES, join(ROOT, 'bench/out/app'));
const harness = await openHarness(RENDER_PAGE, async () => {
  const { context } = await launchProfile();
  return { context, close: () => context.close() };
});
try {
  const { page, inputs } = harness;
  await makeImage('mandelbrot=maxiter=300', 1344, 768, join(inputs, 'picture.png'));
  copyFileSync(recording.file, join(inputs, 'narration.mp3'));

  // Two real clips: a whole scene, and the last one, which ends with the audio (frames must add up).
  const count = Math.floor(recording.seconds / SCENE_SECONDS - 0.5);
  const first = planMotion({ index: 0, start: 0, end: SCENE_SECONDS }, 'youtube');
  const last = planMotion({ index: count, start: count * SCENE_SECONDS, end: recording.seconds }, 'youtube');
  const clips = await page.evaluate(
    async (plans) => {
      window.vf.reset(undefined, 'auto');
      return (await window.vf.clips(['/in/picture.png'], plans, false)).engines;
    },
    [first, last],
  );
  const clipBytes = await page.evaluate((n) => window.vf.copiesOnDisk(n, '/in/narration.mp3'), count);

  // Settled: the clip workers stood idle and the page let go of what writing the copies took.
  await new Promise((resolve) => setTimeout(resolve, 5000));
  const watch = watchChromium(250);
  const started = Date.now();
  const result = await page.evaluate(() => window.vf.longAssembly());
  const samples = watch();
  const ended = Date.now();
  const idle = samples[0];
  const peak = peaks(samples, started, ended);
  const wallS = (ended - started) / 1000;

  console.log(`Assembly benchmark, ${new Date().toISOString().slice(0, 16)} UTC`);
  console.log(`${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GB, headless Chromium, profile on disk\n`);
  console.log('| measure | result |\n|---|---|');
  const rows: [string, string][] = [
    ['audio', `${(recording.seconds / 60).toFixed(1)} min MP3 (${MINUTES} asked)`],
    [
      'clips',
      `${count + 1} at 1080p${FPS} (copies of 2 clips by ${clips.join(' and ')}), ${(clipBytes / 2 ** 20).toFixed(0)} MB on disk`,
    ],
    ['final MP4 on disk', `${(result.bytes / 2 ** 20).toFixed(0)} MB`],
    [
      'assembly wall',
      `${wallS.toFixed(1)} s (${((wallS / recording.seconds) * 100).toFixed(1)} % of the audio's length)`,
    ],
    ['RSS summed before', `${idle?.rssMb.toFixed(0)} MB (${describeProcesses(idle)})`],
    [
      'RSS summed peak',
      `${peak.rssMb.toFixed(0)} MB, +${(peak.rssMb - (idle?.rssMb ?? 0)).toFixed(0)} (${peakByProcess(samples, started, ended)})`,
    ],
    ['PSS summed peak', `${peak.pssMb.toFixed(0)} MB`],
  ];
  for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
  if (result.bytes < clipBytes) throw new Error(`The final MP4 (${result.bytes} bytes) is smaller than its clips.`);
  if (harness.errors.length > 0) throw new Error(`Page errors: ${harness.errors.join('; ')}`);
} finally {
  await harness.close();
}
