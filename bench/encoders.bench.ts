// `npm run bench -- encoders`: what the browser's own H.264 encoder costs in memory, one and two at a
// time, as the app's render workers use it (1080p, the app's software configuration). The app bench's
// peak holds two of them (one per worker on two cores); this says how much of it they are, apart from
// everything else a run does. Memory is Chromium's, all processes: anonymous memory (what was
// allocated, shared libraries left out) and RSS, summed.
import { readFileSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { avcEncoderConfigs, type AvcEncoderConfig } from '../src/lib/pipeline/avc-encoder';
import { planMotion } from '../src/lib/pipeline/kenburns';
import buildIfMissing from '../tests/e2e/global-setup';
import { CHROMIUM_ARGS, startServer } from '../tests/e2e/harness';
import { setting } from './app-drive';
import { descendants } from './process-stats';

/** Frames each encoder is given before it is measured: a 6 s scene at 30 fps. */
const FRAMES = 180;
/** Clips encoded one after another (a new encoder each, as each clip has) for the last row. */
const IN_TURN = setting('BENCH_ENCODER_CLIPS', 8, 1, 100);

/** Anonymous memory and RSS of every Chromium process we started, summed, in MB. */
function chromiumMemory(): { anonMb: number; rssMb: number } {
  let [anon, rss] = [0, 0];
  for (const pid of descendants().keys()) {
    try {
      if (!/^chrom/.test(readFileSync(`/proc/${pid}/comm`, 'utf8'))) continue;
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      anon += Number(/^Anonymous:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {
      // The process ended while we looked.
    }
  }
  return { anonMb: anon / 1024, rssMb: rss / 1024 };
}

/** In the page: opens an encoder, gives it `frames` frames of moving noise, and keeps it open (or closes it). */
function encodeInPage(page: Page, config: AvcEncoderConfig, frames: number, close: boolean): Promise<number> {
  return page.evaluate(
    async ({ config, frames, close }) => {
      const { width, height } = config;
      const scope = globalThis as unknown as { openEncoders?: VideoEncoder[] };
      let bytes = 0;
      const encoder = new VideoEncoder({
        output: (chunk) => (bytes += chunk.byteLength),
        error: (error) => console.error(error),
      });
      encoder.configure(config);
      const planes = new Uint8Array(width * height * 1.5);
      for (let frame = 0; frame < frames; frame++) {
        // A smooth picture that moves a pixel a frame, as a Ken Burns clip does: not noise, which no
        // encoder meets in a photograph and which its rate control handles otherwise.
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) planes[y * width + x] = (x + y + frame) & 255;
        }
        const videoFrame = new VideoFrame(planes, {
          format: 'I420',
          codedWidth: width,
          codedHeight: height,
          timestamp: Math.round((frame * 1e6) / config.framerate),
        });
        encoder.encode(videoFrame, { keyFrame: frame === 0 });
        videoFrame.close();
        while (encoder.encodeQueueSize > 4) await new Promise((resolve) => setTimeout(resolve, 2));
      }
      await encoder.flush();
      if (close) encoder.close();
      else (scope.openEncoders ??= []).push(encoder);
      return bytes;
    },
    { config, frames, close },
  );
}

buildIfMissing();
const server = await startServer();
// The page's garbage (encoded chunks, frame buffers) is collected before each measure: the encoders' own memory is the question.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'],
});
try {
  const page = await browser.newPage();
  // tsx compiles with esbuild's keepNames, which wraps inner functions in `__name(...)`: the page needs it too.
  await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  await page.goto(server.url);
  const plan = planMotion({ index: 0, start: 0, end: 6 }, 'youtube');
  const config = avcEncoderConfigs(plan).find((c) => c.hardwareAcceleration === 'prefer-software')!;
  const supported = await page.evaluate((c) => VideoEncoder.isConfigSupported(c).then((s) => !!s.supported), config);
  if (!supported) throw new Error(`This Chromium cannot encode ${config.codec} at ${plan.width}x${plan.height}.`);
  const settle = async () => {
    await page.evaluate(() => (globalThis as unknown as { gc: () => void }).gc());
    await page.waitForTimeout(2000);
  };
  await settle();
  const rows: [string, { anonMb: number; rssMb: number }][] = [['the app open, no encoder', chromiumMemory()]];
  for (let open = 1; open <= 2; open++) {
    await encodeInPage(page, config, FRAMES, false);
    await settle();
    rows.push([`${open} encoder${open > 1 ? 's' : ''} open, ${FRAMES} frames given to each`, chromiumMemory()]);
  }
  await page.evaluate(() => {
    const scope = globalThis as unknown as { openEncoders?: VideoEncoder[] };
    for (const encoder of scope.openEncoders ?? []) encoder.close();
    scope.openEncoders = [];
  });
  await settle();
  rows.push(['both closed', chromiumMemory()]);
  for (let clip = 0; clip < IN_TURN; clip++) await encodeInPage(page, config, FRAMES, true);
  await settle();
  rows.push([`then ${IN_TURN} clips in turn, a new encoder each (closed after its clip)`, chromiumMemory()]);

  const base = rows[0]![1];
  const mb = (value: number) => value.toFixed(0);
  const over = (value: number) => `${value < 0 ? '' : '+'}${mb(value)}`;
  console.log(
    `Encoder memory, ${new Date().toISOString().slice(0, 16)} UTC: ${config.codec} ${plan.width}x${plan.height}`,
  );
  console.log(
    `@ ${plan.fps} fps, ${config.bitrate / 1e6} Mb/s, ${config.hardwareAcceleration}, latency ${config.latencyMode}\n`,
  );
  console.log('| Chromium, all processes | anonymous MB (over the first row) | RSS summed MB (over the first row) |');
  console.log('|---|---|---|');
  for (const [name, { anonMb, rssMb }] of rows) {
    console.log(
      `| ${name} | ${mb(anonMb)} (${over(anonMb - base.anonMb)}) | ${mb(rssMb)} (${over(rssMb - base.rssMb)}) |`,
    );
  }
} finally {
  await browser.close();
  await server.stop();
}
