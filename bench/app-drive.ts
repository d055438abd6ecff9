// Driving the built app for the benchmark: a real on-disk browser profile, and waiting out a long run.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startFakeUpstreams, type FakeUpstreams } from '../tests/fakes';
import { CHROMIUM_ARGS } from '../tests/e2e/harness';
import { readStepClock, troubleOnPage, type StepClock } from './step-clock';

/**
 * A persistent profile, as a user has: IndexedDB lives on disk there, whereas an incognito context
 * (the e2e rig's) keeps it in memory and would count every stored clip as Chromium's RAM.
 */
export async function launchProfile(existing?: string): Promise<{ context: BrowserContext; profile: string }> {
  const profile = existing ?? (await mkdtemp(join(tmpdir(), 'voiceframe-bench-profile-')));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
  return { context, profile };
}

/**
 * A profile that has opened the app before, as a returning creator's (or one who installed the app):
 * the app is visited once, its service worker installed with everything it keeps for offline use,
 * and the browser closed. (On a first visit Chromium runs the installing service worker in a renderer
 * of its own, ~110-140 MB, because it cannot know before fetching the script that the worker shares the
 * page's cross-origin isolation; from then on it runs in the page's own renderer.)
 */
export async function visitedProfile(url: string): Promise<string> {
  const { context, profile } = await launchProfile();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.waitForFunction(async () => {
      await navigator.serviceWorker.ready;
      return navigator.serviceWorker.controller !== null;
    });
  } finally {
    await context.close();
  }
  return profile;
}

/**
 * Tells the app's pages that the device has `cores` cores, as `navigator.hardwareConcurrency` says:
 * the render pool sizes itself from it, so the benchmark can show the app on a smaller device.
 */
export async function tellCores(context: BrowserContext, cores: number): Promise<void> {
  await context.addInitScript((count: number) => {
    Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => count, configurable: true });
  }, cores);
}

/** A number from the environment, or the default; anything else stops the benchmark with the reason. */
export function setting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name]?.trim();
  const value = raw ? Number(raw) : fallback;
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`${name} must be a number from ${min} to ${max} (got "${raw}").`);
  }
  return value;
}

/** The fake upstream services with the benchmark's latency, transcribing every upload as `script`. */
export async function benchUpstreams(
  script: string,
  latency: { promptMs: number; imageMs: number },
): Promise<FakeUpstreams> {
  const fakes = await startFakeUpstreams();
  fakes.setScript(script);
  // The default fake answer keeps only a scene's first 12 words, so two scenes opening alike would share
  // one image; a real model writes a different prompt for each scene.
  fakes.setChatAnswer((text) => `A photograph of ${text}`);
  // A permanent "slow" rule that matches every request ('' is in every text): upstream latency.
  if (latency.promptMs > 0) fakes.failWhen('chat', '', { kind: 'slow', ms: latency.promptMs });
  if (latency.imageMs > 0) fakes.failWhen('image', '', { kind: 'slow', ms: latency.imageMs });
  return fakes;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One line a minute on stderr, so whoever runs a long benchmark sees it move. */
function report(clock: StepClock, started: number): void {
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const steps = clock.state
    .split('|')
    .map((part) => {
      const [id, status, , ...text] = part.split(':');
      const count = /\d+ of \d+ scenes/.exec(text.join(':'))?.[0];
      return `${id} ${status}${count ? ` (${count})` : ''}`;
    })
    .join(', ');
  process.stderr.write(`  ${minutes} min: ${steps}\n`);
}

/**
 * Waits until the page shows the final video. Throws with what the page says when the run stops on
 * a failure, or when nothing on the progress panel has changed for `stallMs` (a hang).
 * `renderWorkers` is the most render workers seen alive at once.
 */
export async function waitForVideo(page: Page, stallMs: number): Promise<{ clock: StepClock; renderWorkers: number }> {
  const started = Date.now();
  let renderWorkers = 0;
  let lastReport = started;
  for (;;) {
    const clock = await readStepClock(page);
    renderWorkers = Math.max(renderWorkers, page.workers().filter((w) => /render\.worker/.test(w.url())).length);
    if (clock.done.final !== undefined) return { clock, renderWorkers };
    const trouble = await troubleOnPage(page);
    if (trouble) throw new Error(`The run stopped: ${trouble}\nSteps: ${clock.state}`);
    if (Date.now() - clock.changedAt > stallMs) {
      const idle = ((Date.now() - clock.changedAt) / 60_000).toFixed(1);
      throw new Error(`Stalled: the progress panel has not changed for ${idle} min.\nSteps: ${clock.state}`);
    }
    if (Date.now() - lastReport >= 60_000) {
      report(clock, started);
      lastReport = Date.now();
    }
    await sleep(2000);
  }
}

/** The proxy's own answers, from its request log: "image 200 x100, 429 x12; prompt 200 x100". */
export function proxyAnswers(log: string): string {
  const counts = new Map<string, Map<number, number>>();
  for (const line of log.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { route?: string | null; status?: number };
    const route = entry.route?.replace('/api/', '') ?? 'other';
    const byStatus = counts.get(route) ?? new Map<number, number>();
    byStatus.set(entry.status ?? 0, (byStatus.get(entry.status ?? 0) ?? 0) + 1);
    counts.set(route, byStatus);
  }
  return [...counts]
    .map(([route, byStatus]) => `${route} ${[...byStatus].map(([status, n]) => `${status} ×${n}`).join(', ')}`)
    .join('; ');
}
