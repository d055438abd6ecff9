// `npm run bench -- page-garbage`: what the app's page allocates while a long narration's prompts,
// pictures and clips are made together (the whole run's memory peak). V8's sampling heap profiler,
// keeping what the garbage collector took too, samples the page for `BENCH_PROFILE_SECONDS` once the
// scenes are cut; printed: the allocation rate and the functions allocating most, each with the built
// code at its place (names are minified). A rate cut here lets the page's young generation stay small.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { FORMATS } from '../src/lib/pipeline/formats';
import { createProject } from '../tests/e2e/app-helpers';
import buildIfMissing from '../tests/e2e/global-setup';
import { ROOT, startServer } from '../tests/e2e/harness';
import { benchUpstreams, launchProfile, setting } from './app-drive';
import { recordPodcast } from './podcast';
import { installStepClock, readStepClock } from './step-clock';

const OUT = join(ROOT, 'bench/out/page-garbage');
const MINUTES = setting('BENCH_MINUTES', 30, 1, 180);
const SECONDS = setting('BENCH_PROFILE_SECONDS', 120, 10, 3600);
const SHOWN = 12;

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/** The built code at a place of the page's bundle, for a reader to tell which function a minified name is. */
function codeAt(url: string, line: number, column: number): string {
  const path = /\/_app\/.*\.js$/.exec(new URL(url, 'http://x').pathname)?.[0];
  if (!path) return '';
  const text = readFileSync(join(ROOT, 'build', path), 'utf8').split('\n')[line] ?? '';
  return text
    .slice(column, column + 70)
    .replace(/\|/g, '\\|')
    .replace(/`/g, "'");
}

/** Bytes allocated by each function itself (its callees apart), summed over the profile's tree. */
function bySelf(head: ProfileNode): Map<string, { bytes: number; frame: ProfileNode['callFrame'] }> {
  const sums = new Map<string, { bytes: number; frame: ProfileNode['callFrame'] }>();
  const walk = (node: ProfileNode) => {
    const frame = node.callFrame;
    const id = `${frame.functionName}@${frame.url}:${frame.lineNumber}:${frame.columnNumber}`;
    const sum = sums.get(id) ?? { bytes: 0, frame };
    sum.bytes += node.selfSize;
    sums.set(id, sum);
    for (const child of node.children) walk(child);
  };
  walk(head);
  return sums;
}

/** The page's V8 heap (used / total MB) and the step panel's counts, every 10 s while the profile runs. */
async function watchHeap(page: Page, cdp: CDPSession, ms: number): Promise<string[]> {
  const lines: string[] = [];
  const started = Date.now();
  while (Date.now() - started < ms) {
    await page.waitForTimeout(Math.min(10_000, ms - (Date.now() - started)));
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
    const counts = [...(await readStepClock(page)).state.matchAll(/(\w+):\w+:[^|]*?(\d+) of (\d+) scenes/g)]
      .map(([, step, done]) => `${step} ${done}`)
      .join(', ');
    lines.push(
      `${((Date.now() - started) / 1000).toFixed(0)} s: ${mb(heap.usedSize)} / ${mb(heap.totalSize)} (${counts})`,
    );
  }
  return lines;
}

mkdirSync(OUT, { recursive: true });
buildIfMissing();
process.stderr.write(`Recording ${MINUTES} min of narration with espeak-ng…\n`);
const recording = await recordPodcast(MINUTES, OUT);
const fakes = await benchUpstreams(recording.text, { promptMs: 500, imageMs: 3000 });
const server = await startServer(fakes.env);
const { context } = await launchProfile();
try {
  await installStepClock(context);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url);
  await createProject(page, recording.file, FORMATS.youtube.label);
  while ((await readStepClock(page)).done.scenes === undefined) await page.waitForTimeout(500);
  process.stderr.write(`Scenes cut; sampling the page's allocations for ${SECONDS} s…\n`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  // Objects the collector took are kept in the profile: garbage is what is measured.
  await cdp.send('HeapProfiler.startSampling', {
    samplingInterval: 16_384,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  const heap = await watchHeap(page, cdp, SECONDS * 1000);
  const { profile } = (await cdp.send('HeapProfiler.stopSampling')) as unknown as { profile: { head: ProfileNode } };
  writeFileSync(join(OUT, 'profile.heapprofile'), JSON.stringify(profile));
  const sums = [...bySelf(profile.head).values()].sort((a, b) => b.bytes - a.bytes);
  const total = sums.reduce((sum, entry) => sum + entry.bytes, 0);
  console.log(`Page allocations, ${new Date().toISOString().slice(0, 16)} UTC\n`);
  console.log('| measure | result |\n|---|---|');
  console.log(`| recording | ${(recording.seconds / 60).toFixed(1)} min, YouTube 1080p; prompt 500 ms, image 3 s |`);
  console.log(`| sampled | ${SECONDS} s from the scenes being cut (prompts, pictures and clips made together) |`);
  console.log(
    `| **allocated on the page's heap** | **${mb(total)} MB, ${mb(total / SECONDS)} MB/s** (garbage included) |`,
  );
  console.log(`| heap used / total MB, every 10 s (scenes done per step) | ${heap.join('<br>')} |`);
  console.log(`\nFunctions allocating most (self; the profile is in ${OUT}/profile.heapprofile):\n`);
  console.log('| MB | function | place | built code there |\n|---|---|---|---|');
  for (const { bytes, frame } of sums.slice(0, SHOWN)) {
    const place = frame.url ? `${frame.url.split('/').pop()}:${frame.lineNumber}:${frame.columnNumber}` : '(native)';
    const code = frame.url ? codeAt(frame.url, frame.lineNumber, frame.columnNumber) : '';
    console.log(`| ${mb(bytes)} | ${frame.functionName || '(anonymous)'} | ${place} | \`${code}\` |`);
  }
} finally {
  await context.close();
  await server.stop();
  await fakes.close();
}
