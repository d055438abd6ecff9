// An open harness page for a test file: built page, served inputs, a Chromium tab on it.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../harness';
import { buildHarness, RENDER_PAGE, type HarnessPage } from './build';
import { serveHarness, type HarnessServer } from './serve';

export interface HarnessSession {
  page: Page;
  /** Folder served at /in/: write test inputs here. */
  inputs: string;
  /** Uncaught page errors so far (a test should end with none). */
  errors: string[];
  close: () => Promise<void>;
}

/** Opens the render harness, or another harness page built on it. */
export async function openHarness(harness: HarnessPage = RENDER_PAGE): Promise<HarnessSession> {
  const dir = await buildHarness(harness);
  const inputs = join(dir, 'in');
  mkdirSync(inputs, { recursive: true });
  const server: HarnessServer = await serveHarness(dir);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(
      (name) => document.getElementById('status')?.textContent === 'ready' && name in window,
      harness.global,
    );
    const opened = browser;
    return {
      page,
      inputs,
      errors,
      close: async () => {
        await opened.close();
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
