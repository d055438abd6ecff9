// Test equipment for the app's end-to-end tests: the built app against fake upstreams, driven like a user.
import { createRequire } from 'node:module';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { speak } from '../support/media';
import { startBackends, type AppBackends } from './app-backends';
import { launchBrowser, ROOT } from './harness';
import {
  fileSettled,
  finalMadeAgain,
  readPlayerCaptions,
  readStoredProjects,
  stepSelector,
  type PlayerCaptions,
  type StoredProject,
} from './in-page';

export type { StoredProject, StoredScene } from './in-page';

const require = createRequire(import.meta.url);

export interface AppRig extends AppBackends {
  browser: Browser;
  /** A fresh browser profile (its own IndexedDB and service worker), downloads allowed; `options` add to that. */
  context(options?: BrowserContextOptions): Promise<BrowserContext>;
}

/** A rig whose fakes follow one script, and `narrate` that speaks it into a recording named `name`. */
export type StoryRig = AppRig & { narrate(name: string): Promise<string> };

/** `env` adds server settings (e.g. ACCESS_TOKEN) to the fakes' keys and URLs. */
export async function startRig(env: Record<string, string> = {}): Promise<AppRig> {
  const backends = await startBackends(env);
  const browser = await launchBrowser();
  return {
    ...backends,
    browser,
    context: (options = {}) =>
      browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, ...options }),
    stop: async () => {
      await browser.close();
      await backends.stop();
    },
  };
}

/**
 * A rig whose fake transcriber hears `script` and whose fake chat model answers with the whole scene
 * text, so a test can aim a scripted failure at a word of one scene; `narrate` speaks the script.
 */
export async function startStoryRig(script: string): Promise<StoryRig> {
  const rig = await startRig();
  rig.fakes.setScript(script);
  rig.fakes.setChatAnswer((text) => `A photograph of ${text}`);
  const narrate = async (name: string) => {
    const wav = join(rig.dir, name);
    await speak(script, wav, { wpm: 130 });
    return wav;
  };
  return { ...rig, narrate };
}

/** Waits until the service worker controls the page (its precache, app shell and engine, complete). */
export async function waitForOfflineReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise((resolve) =>
      navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
    );
  });
}

/** Collects uncaught page errors, so a test can assert the page ran clean. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Picks a file on the home page and waits until it is accepted (or refused, returning the message). */
export async function pickFile(page: Page, file: string): Promise<{ ok: boolean; message: string }> {
  await page.getByTestId('audio-input').setInputFiles(file);
  const status = page.getByTestId('file-status');
  await page.waitForFunction(fileSettled, undefined, { timeout: 60_000 });
  const message = (await status.textContent())?.trim() ?? '';
  return { ok: /ready\./.test(message), message };
}

/** Creates a project from the home page and returns its page URL. */
export async function createProject(
  page: Page,
  file: string,
  format = 'YouTube (16:9)',
  language?: string,
): Promise<string> {
  const picked = await pickFile(page, file);
  if (!picked.ok) throw new Error(`The file was refused: ${picked.message}`);
  // A user clicks the drawn option; the radio button itself is visually hidden.
  await page.getByText(format, { exact: true }).click();
  if (!(await page.getByRole('radio', { name: format }).isChecked())) throw new Error(`${format} was not chosen`);
  if (language) await page.getByLabel('Spoken language').selectOption({ label: language });
  await page.getByRole('button', { name: 'Create video' }).click();
  await page.waitForURL(/\/project\//);
  return page.url();
}

/** A tab of a fresh browser profile, and its uncaught page errors so far. */
export interface AppTab {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** A tab of a fresh browser profile (`options` as for `rig.context`) on the app's home page. */
export async function openHome(rig: AppRig, options?: BrowserContextOptions): Promise<AppTab> {
  const context = await rig.context(options);
  const page = await context.newPage();
  const errors = pageErrors(page);
  await page.goto(rig.server.url);
  return { context, page, errors };
}

/** Makes a square video of `wav` in a fresh profile, as a person does, and waits until it is done. */
export async function makeSquareVideo(rig: AppRig, wav: string): Promise<AppTab> {
  const opened = await openHome(rig);
  await createProject(opened.page, wav, 'Square (1:1)');
  await waitForStep(opened.page, 'final', 'done', 240_000);
  return opened;
}

/** Waits until a step reports `status` (e.g. images "working", final "done"). */
export async function waitForStep(page: Page, step: string, status: string, timeout = 240_000): Promise<void> {
  await page.locator(stepSelector(step, status)).waitFor({ timeout });
}

/** Waits until at least `count` scene cards show `status` (pending, working, done, failed). */
export async function waitForScenes(page: Page, status: string, count: number, timeout = 240_000): Promise<void> {
  await page.waitForFunction(
    ([wanted, least]) => document.querySelectorAll(`[data-testid=scene][data-status=${wanted}]`).length >= least,
    [status, count] as const,
    { timeout },
  );
}

/** Waits until the finished video shows its first frame, its controls at rest (for screenshots). */
export async function waitForVideoFrame(page: Page): Promise<void> {
  await page.waitForFunction(
    () => (document.querySelector('[data-testid=final-video]') as HTMLVideoElement | null)?.readyState === 4,
    undefined,
    { timeout: 30_000 },
  );
  // Chromium's controls let their loading spinner finish its turn (under a second) once the data is
  // there; it lives in the browser's closed shadow root, so it can only be waited out.
  await page.waitForTimeout(1500);
}

/** The captions track the finished video's player offers, as the browser parsed it (see `readPlayerCaptions`). */
export function playerCaptions(page: Page): Promise<PlayerCaptions | undefined> {
  return page.evaluate(readPlayerCaptions);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page (its source injected) and returns serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol: the app's CSP (rightly) refuses an injected inline <script>.
  await page.evaluate(await readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run()).violations as AxeViolation[];
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * A full-page screenshot: into docs/screenshots (the README's pictures) when UPDATE_SCREENSHOTS=1,
 * otherwise into test-results/screenshots, so ordinary runs leave the work tree clean.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = join(ROOT, ...(process.env.UPDATE_SCREENSHOTS === '1' ? ['docs'] : ['test-results']), 'screenshots');
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** The projects as the app saved them in IndexedDB, read straight from the database. */
export function storedProjects(page: Page): Promise<StoredProject[]> {
  return page.evaluate(readStoredProjects);
}

/**
 * What a scene card's picture shows: the SHA-256 of the blob behind its thumbnail and whether it
 * decodes, beside the SHA-256 of the image the app stored for that scene (`imageKey`).
 */
export async function thumbnailAndStored(
  page: Page,
  index: number,
  imageKey: string,
): Promise<{ shown: string; decodes: boolean; stored: string | undefined }> {
  const img = page.getByTestId('scene').nth(index).getByTestId('scene-image');
  return img.evaluate(async (element: HTMLImageElement, key) => {
    const sha = async (blob: Blob) =>
      [...new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()))]
        .map((byte) => byte.toString(16).padStart(2, '0'))
        .join('');
    const shownBlob = await (await fetch(element.src)).blob();
    const decodes = await createImageBitmap(shownBlob).then(
      () => true,
      () => false,
    );
    const stored = await new Promise<Blob | undefined>((resolve, reject) => {
      const open = indexedDB.open('voiceframe-blobs');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const request = open.result.transaction('blobs').objectStore('blobs').openCursor();
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const cursor = request.result;
          if (!cursor) return resolve(undefined);
          if (String(cursor.key).endsWith(`:${key}`)) return resolve(cursor.value as Blob);
          cursor.continue();
        };
      };
    });
    return { shown: await sha(shownBlob), decodes, stored: stored && (await sha(stored)) };
  }, imageKey);
}

/** Clicks the download link and saves the file; returns its path and suggested name. */
export async function download(page: Page, dir: string): Promise<{ path: string; name: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  const name = file.suggestedFilename();
  const path = join(dir, name);
  await file.saveAs(path);
  return { path, name };
}

/** Waits until the final video is made again (its stored key is another than `previous`) and done. */
export async function waitForNewFinal(page: Page, previous: string | undefined, timeout = 240_000): Promise<void> {
  // Polled with evaluate, which awaits the check's promise: waitForFunction would take the promise
  // itself as a truthy answer and return at once.
  const deadline = Date.now() + timeout;
  while (!(await page.evaluate(finalMadeAgain, previous))) {
    if (Date.now() > deadline)
      throw new Error(`No new video within ${timeout / 1000} s (the final is still ${previous}).`);
    await page.waitForTimeout(500);
  }
  await waitForStep(page, 'final', 'done', timeout);
}
