// Test equipment for end-to-end tests in Firefox: Debian's firefox-esr driven by puppeteer-core over
// WebDriver BiDi (Playwright's own patched Firefox cannot be downloaded here; stock Firefox speaks BiDi),
// and what a user does in the app, written for puppeteer's API (the in-page parts are shared with Chromium).
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer, { type Browser, type BrowserContext, type ElementHandle, type Page } from 'puppeteer-core';
import { startBackends, type AppBackends } from './app-backends';
import { fileSettled, stepSelector } from './in-page';

/**
 * Preferences on top of puppeteer's fresh profile (which already turns off updates, telemetry, safe
 * browsing and first-run pages): no captive-portal or connectivity probes on a closed network.
 */
const FIREFOX_PREFS: Record<string, unknown> = {
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
};

/** Launches headless Firefox ESR in a fresh temporary profile (puppeteer removes it on close). */
function launchFirefox(): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    protocol: 'webDriverBiDi',
    headless: true,
    defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: FIREFOX_PREFS,
  });
}

export interface FirefoxRig extends AppBackends {
  browser: Browser;
  /** Where the contexts' downloads land. */
  downloads: string;
  /** A fresh browsing context (its own storage and service worker) whose downloads land in `downloads`. */
  context(): Promise<BrowserContext>;
}

/** The fakes, the built server and Firefox; `env` adds server settings to the fakes' keys and URLs. */
export async function startFirefoxRig(env: Record<string, string> = {}): Promise<FirefoxRig> {
  const backends = await startBackends(env);
  const downloads = join(backends.dir, 'downloads');
  await mkdir(downloads);
  const browser = await launchFirefox();
  return {
    ...backends,
    browser,
    downloads,
    context: () => browser.createBrowserContext({ downloadBehavior: { policy: 'allow', downloadPath: downloads } }),
    stop: async () => {
      await browser.close();
      await backends.stop();
    },
  };
}

/** Collects uncaught page errors, so a test can assert the page ran clean. */
export function firefoxPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error instanceof Error ? error.message : String(error)));
  return errors;
}

/** Creates a project from the home page (file picked, `format` chosen, Create) and returns its page URL. */
export async function createProjectInFirefox(page: Page, file: string, format: string): Promise<string> {
  const input = (await page.waitForSelector('[data-testid=audio-input]')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(file);
  await page.waitForFunction(fileSettled, { timeout: 60_000 });
  const status = await page.$eval('[data-testid=file-status]', (element) => element.textContent?.trim() ?? '');
  if (!/ready\./.test(status)) throw new Error(`The file was refused: ${status}`);
  // A user clicks the drawn option; the radio button itself is visually hidden.
  await page.locator(`::-p-text(${format})`).click();
  const chosen = await page.$eval(
    'input[name=format]:checked',
    (radio) => (radio as HTMLInputElement).labels?.[0]?.textContent,
  );
  if (!chosen?.includes(format)) throw new Error(`${format} was not chosen`);
  await page.locator('::-p-aria([name="Create video"][role="button"])').click();
  await page.waitForFunction(() => location.pathname.startsWith('/project/'));
  return page.url();
}

/** Waits until a step reports `status` (e.g. final "done"). */
export async function waitForStepInFirefox(page: Page, step: string, status: string, timeout = 240_000): Promise<void> {
  await page.waitForSelector(stepSelector(step, status), { timeout });
}

/** Clicks the download link and waits until Firefox has saved the file; returns its path and name. */
export async function downloadInFirefox(page: Page, downloads: string): Promise<{ path: string; name: string }> {
  const before = new Set(await readdir(downloads));
  await page.locator('[data-testid=download]').click();
  let last = '';
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    // Firefox writes into a `.part` file (at first under a random temporary name) and renames it when the
    // download completes, so the answer is the one new file once no `.part` is left and the folder has
    // stayed the same for a moment.
    const added = (await readdir(downloads)).filter((name) => !before.has(name)).sort();
    const listing = added.join('\n');
    if (added.length > 0 && !added.some((name) => name.endsWith('.part')) && listing === last) {
      if (added.length > 1) throw new Error(`several downloads arrived: ${added.join(', ')}`);
      return { path: join(downloads, added[0]!), name: added[0]! };
    }
    last = listing;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no download arrived in ${downloads}`);
}
