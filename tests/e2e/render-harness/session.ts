// An open render harness for a test file: built page, served inputs, a Chromium tab on it.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../harness';
import { buildHarness } from './build';
import { serveHarness, type HarnessServer } from './serve';

export interface HarnessSession {
  page: Page;
  /** Folder served at /in/: write test inputs here. */
  inputs: string;
  /** Uncaught page errors so far (a test should end with none). */
  errors: string[];
  close: () => Promise<void>;
}

export async function openHarness(): Promise<HarnessSession> {
  const dir = await buildHarness();
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
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
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
