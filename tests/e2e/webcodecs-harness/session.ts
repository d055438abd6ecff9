// An open WebCodecs harness for a test file or a measurement: built page, served inputs, a Chromium tab.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../harness';
import { serveHarness, type HarnessServer } from '../render-harness/serve';
import type { HarnessSession } from '../render-harness/session';
import { buildWebCodecsHarness } from './build';

export async function openWebCodecsHarness(): Promise<HarnessSession> {
  const dir = await buildWebCodecsHarness();
  const inputs = join(dir, 'in');
  mkdirSync(inputs, { recursive: true });
  const server: HarnessServer = await serveHarness(dir);
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    browser = await launchBrowser();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready' && 'wc' in window);
    return { page, inputs, errors, close };
  } catch (error) {
    await close();
    throw error;
  }
}
