// `npm run bench -- app`: the built app driven through its UI in headless Chromium on a long spoken
// recording (default 10 min, BENCH_MINUTES), YouTube 1080p, against fake upstreams with realistic latency.
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_DURATION_SECONDS } from '../src/lib/pipeline/audio-file';
import { FORMATS } from '../src/lib/pipeline/formats';
import type { Project } from '../src/lib/pipeline/project';
import { createProject, download, pageErrors, storedProjects } from '../tests/e2e/app-helpers';
import buildIfMissing from '../tests/e2e/global-setup';
import { ROOT, startServer } from '../tests/e2e/harness';
import { checkFinal, sceneLengths } from './app-checks';
import {
  benchUpstreams,
  launchProfile,
  proxyAnswers,
  setting,
  tellCores,
  visitedProfile,
  waitForVideo,
} from './app-drive';
import {
  cpuBetween,
  describeProcesses,
  ON_DEVICE_MODEL,
  peakByProcess,
  peakWithout,
  peaks,
  sample,
  SERVICE_WORKER,
  watchChromium,
} from './chromium-stats';
import { recordPodcast } from './podcast';
import { installStepClock, stepSpans } from './step-clock';

const OUT = join(ROOT, 'bench/out/app');

const MINUTES = setting('BENCH_MINUTES', 10, 0.5, 180);
const IMAGE_MS = setting('BENCH_IMAGE_MS', 3000, 0, 120_000);
const PROMPT_MS = setting('BENCH_PROMPT_MS', 500, 0, 60_000);
const STALL_MS = setting('BENCH_STALL_MINUTES', 15, 1, 600) * 60_000;
/** The cores the page is told the device has (`navigator.hardwareConcurrency`): the pool's size follows it. */
const CORES = process.env.BENCH_CORES ? setting('BENCH_CORES', 2, 1, 64) : undefined;
const FORMAT = FORMATS.youtube;
/** `first`: the app opened for the first time as the file is picked; `returning`: opened once before. */
const VISIT = process.env.BENCH_VISIT?.trim() || 'first';
if (VISIT !== 'first' && VISIT !== 'returning')
  throw new Error(`BENCH_VISIT must be first or returning (got "${VISIT}").`);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const clockTime = (s: number) => `${Math.floor(s / 60)}:${(s % 60).toFixed(1).padStart(4, '0')}`;

mkdirSync(OUT, { recursive: true });
buildIfMissing();
const loadBefore = loadavg();
process.stderr.write(`Recording ${MINUTES} min of narration with espeak-ng…\n`);
// An MP3 runs some 30 ms past the length asked for, and the app refuses anything over three hours.
const recording = await recordPodcast(Math.min(MINUTES, MAX_DURATION_SECONDS / 60 - 0.01), OUT);
const fakes = await benchUpstreams(recording.text, { promptMs: PROMPT_MS, imageMs: IMAGE_MS });
const server = await startServer(fakes.env);
const { context, profile } = await launchProfile(VISIT === 'returning' ? await visitedProfile(server.url) : undefined);
const stopWatch = watchChromium();
try {
  await installStepClock(context);
  if (CORES !== undefined) await tellCores(context, CORES);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = pageErrors(page);
  // Chromium's own floor: a blank page in the same profile, before the app is opened.
  await page.goto('about:blank');
  await page.waitForTimeout(2000);
  const floor = sample();
  await page.goto(server.url);
  const picked = Date.now();
  await createProject(page, recording.file, FORMAT.label);
  const created = Date.now();
  process.stderr.write(`Project created; waiting for the video (stall limit ${STALL_MS / 60_000} min)…\n`);
  const { clock, renderWorkers } = await waitForVideo(page, STALL_MS);
  // The run prunes unreferenced blobs after the video, then stops: measure the storage after that.
  await page.getByTestId('cancel').waitFor({ state: 'detached', timeout: 120_000 });
  await page.waitForFunction(
    () => ((document.querySelector('[data-testid=final-video]') as HTMLVideoElement | null)?.readyState ?? 0) >= 1,
  );
  const storage = await page.evaluate(async () => {
    const estimate = (await navigator.storage.estimate()) as StorageEstimate & {
      usageDetails?: Record<string, number>;
    };
    return { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0, details: estimate.usageDetails ?? {} };
  });
  // The stored manifest is the app's own Project record.
  const project = (await storedProjects(page))[0] as unknown as Project | undefined;
  if (!project?.scenes) throw new Error('The finished project is not in IndexedDB.');
  const file = await download(page, OUT);
  const samples = stopWatch();
  const audioSeconds = recording.seconds;
  const { probe, verdicts } = await checkFinal(file.path, recording.file, {
    ...FORMAT,
    fps: project.fps,
    duration: project.audio.duration,
  });

  const spans = stepSpans(clock, created);
  const at = (ms: number) => clockTime((ms - picked) / 1000);
  const stepPeak = spans.map(({ step, start, end }) => {
    const peak = peaks(samples, start, end).rssMb;
    return `${step} ${peak > 0 ? peak.toFixed(0) : '-'}`; // A step shorter than a sample has none.
  });
  /** Peak memory of the final step beside the MP4's size: with the video streamed to disk it must not follow it. */
  const assemblyMemory = () => {
    const final = spans.find((span) => span.step === 'final');
    if (!final) return '-';
    const during = peaks(samples, final.start, final.end);
    const before = peaks(samples, final.start - 5000, final.start);
    return (
      `${during.rssMb.toFixed(0)} MB RSS summed (${(during.rssMb - before.rssMb).toFixed(0)} MB over the 5 s before), ` +
      `largest process ${during.largestMb.toFixed(0)} MB, for a ${mb(size)} MP4`
    );
  };
  const clips = spans.find((span) => span.step === 'clips')!;
  const clipsSeconds = (clips.end - clips.start) / 1000;
  const clipsCpu = cpuBetween(samples, clips.start, clips.end);
  const frames = Math.round(project.scenes.reduce((sum, s) => sum + (s.end - s.start), 0) * project.fps);
  const totalMs = clock.done.final! - picked;
  const top = peaks(samples);
  const run = peaks(samples, picked, clock.done.final!);
  const size = statSync(file.path).size;
  const details = Object.entries(storage.details)
    .map(([kind, bytes]) => `${kind} ${mb(bytes)}`)
    .join(', ');
  const rows: [string, string][] = [
    [
      'recording',
      `${clockTime(audioSeconds)} (${audioSeconds.toFixed(2)} s), ${recording.words} words in ${recording.sentences} sentences, espeak-ng, MP3 128 kb/s 44.1 kHz stereo, ${mb(statSync(recording.file).size)}`,
    ],
    [
      'the app opened',
      VISIT === 'first'
        ? 'for the first time as the file is picked (its service worker installs meanwhile): BENCH_VISIT=first'
        : 'once before, then the browser closed (service worker installed): BENCH_VISIT=returning',
    ],
    ['format', `${FORMAT.label} ${FORMAT.width}x${FORMAT.height} @ ${project.fps} fps, ${frames} frames`],
    [
      'fake upstream latency',
      `prompt ${PROMPT_MS} ms, image ${IMAGE_MS} ms (+ drawing the PNG), transcription as measured`,
    ],
    ['scenes', `${project.scenes.length}`],
    ['scene lengths', sceneLengths(project.scenes)],
    ['read the file + create the project (probe, store audio)', seconds(created - picked)],
    ...spans.map(({ step, start, end }): [string, string] => [
      `step: ${step}`,
      `${at(start)} → ${at(end)} after picking the file: ${seconds(end - start)}`,
    ]),
    [
      'clips speed',
      `${(frames / clipsSeconds).toFixed(1)} fps in all, ${renderWorkers} render workers${CORES === undefined ? '' : ` (the page told of ${CORES} cores: BENCH_CORES)`}; ${(frames / clipsCpu).toFixed(1)} fps per Chromium CPU-s (${clipsCpu.toFixed(0)} CPU-s: ${(clipsCpu / clipsSeconds).toFixed(2)} of ${cpus().length} cores)`,
    ],
    [
      '**total wall (file picked → video shown)**',
      `**${seconds(totalMs)}, ${(totalMs / 1000 / audioSeconds).toFixed(2)} × the audio**`,
    ],
    [
      'peak memory, Chromium processes (RSS summed / PSS summed / largest process)',
      `${top.rssMb.toFixed(0)} / ${top.pssMb.toFixed(0)} / ${top.largestMb.toFixed(0)} MB`,
    ],
    [
      'of which from file picked to video shown (the run; after it the video is loaded and downloaded)',
      `${run.rssMb.toFixed(0)} / ${run.pssMb.toFixed(0)} / ${run.largestMb.toFixed(0)} MB`,
    ],
    [
      "the run's peak without the service worker's own renderer (first visit only; kept running by this DevTools driver)",
      `${peakWithout(samples, [SERVICE_WORKER], picked, clock.done.final!).toFixed(0)} MB RSS summed`,
    ],
    [
      "the run's peak without it and without Chromium's on-device-model utility (it starts by itself)",
      `${peakWithout(samples, [SERVICE_WORKER, ON_DEVICE_MODEL], picked, clock.done.final!).toFixed(0)} MB RSS summed`,
    ],
    ["the run's peak by process (RSS MB)", peakByProcess(samples, picked, clock.done.final!)],
    [
      'Chromium with a blank page before the app opens (its floor: RSS summed / PSS summed)',
      `${floor.rssMb.toFixed(0)} / ${floor.pssMb.toFixed(0)} MB`,
    ],
    [
      "the peak by process (RSS MB; renderer 1 is the largest: the app's page with its workers)",
      peakByProcess(samples),
    ],
    ['the floor by process (RSS MB, blank page)', describeProcesses(floor)],
    [
      "the app's own peak: peak minus the floor (RSS summed / PSS summed)",
      `${(top.rssMb - floor.rssMb).toFixed(0)} / ${(top.pssMb - floor.pssMb).toFixed(0)} MB`,
    ],
    ['peak RSS summed per step (MB)', stepPeak.join(', ')],
    ['peak memory while the final MP4 is assembled (written to disk as it is muxed)', assemblyMemory()],
    [
      'storage used at the end (navigator.storage.estimate)',
      `${mb(storage.usage)} (${details}) of ${(storage.quota / 1e9).toFixed(0)} GB quota`,
    ],
    [
      'final MP4',
      `${mb(size)} (${((size * 8) / Number(probe.format.duration) / 1e6).toFixed(2)} Mb/s), ${project.final?.size === size ? 'the size the app stored' : `but the app stored ${mb(project.final?.size ?? 0)}`}`,
    ],
    ...verdicts.map((v, i): [string, string] => [`check ${i + 1}`, v.line]),
    ['upstream requests (fakes)', JSON.stringify(fakes.counts())],
    ['proxy answers', proxyAnswers(server.output())],
    ['page errors', errors.length === 0 ? 'none' : errors.join(' / ')],
    [
      'machine',
      `${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}`,
    ],
    [
      'load average (1 min): before; during the run mean / max; after',
      `${loadBefore[0]!.toFixed(2)}; ${(samples.reduce((sum, s) => sum + s.load, 0) / samples.length).toFixed(2)} / ${Math.max(...samples.map((s) => s.load)).toFixed(2)}; ${loadavg()[0]!.toFixed(2)}`,
    ],
  ];
  console.log(`Whole-app benchmark, ${new Date().toISOString().slice(0, 16)} UTC\n`);
  console.log('| measure | result |\n|---|---|');
  for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
  writeFileSync(join(OUT, 'result.json'), JSON.stringify({ rows, clock, samples }, null, 2));
  if (verdicts.some((v) => !v.ok)) process.exitCode = 1;
} finally {
  stopWatch();
  await context.close();
  await server.stop();
  await fakes.close();
  rmSync(profile, { recursive: true, force: true });
}
