// Measures (no test, no bar) frames per second of one 1080p30 clip in each engine, in one browser:
// `npx tsx tests/e2e/webcodecs-harness/measure.ts [seconds=10] [rounds=2]`. Each engine renders alone
// (ffmpeg.wasm in a pool of one worker, WebCodecs in one worker), after a short warm-up clip.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { planMotion } from '../../../src/lib/pipeline/kenburns';
import { makeImage } from '../../support/media';
import { openWebCodecsHarness } from './session';

const seconds = Number(process.argv[2] ?? 10);
const rounds = Number(process.argv[3] ?? 2);
const harness = await openWebCodecsHarness();
try {
  await makeImage('testsrc2', 1024, 1024, join(harness.inputs, 'picture.png'));
  const plan = planMotion({ index: 1, start: 0, end: seconds }, 'youtube');
  const warmUp = planMotion({ index: 1, start: 0, end: 0.2 }, 'youtube');
  await harness.page.evaluate(() => window.vf.reset(1));
  const wasm = (p: typeof plan) =>
    harness.page.evaluate((q) => window.vf.clips(['/in/picture.png'], [q], false).then((r) => r.renderMs), p);
  const web = (p: typeof plan) =>
    harness.page.evaluate((q) => window.wc.render('/in/picture.png', [q], false).then((r) => r.renderMs[0] ?? 0), p);
  await wasm(warmUp);
  await web(warmUp);
  console.log(`${plan.frames} frames of ${plan.width}x${plan.height} at ${plan.fps} fps, load average ${loadavg()[0]}`);
  for (let round = 1; round <= rounds; round++) {
    for (const [name, render] of [
      ['ffmpeg.wasm', wasm],
      ['WebCodecs', web],
    ] as const) {
      const ms = await render(plan);
      const fps = (plan.frames / ms) * 1000;
      console.log(`round ${round} ${name}: ${(ms / 1000).toFixed(1)} s, ${fps.toFixed(1)} fps (load ${loadavg()[0]})`);
    }
  }
} finally {
  await harness.close();
}
