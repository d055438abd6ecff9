// An open harness page for a test file: built page, served inputs, a Chromium tab on it.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
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

/** Where the page opens, and how that ends. */
export interface OpenedContext {
  context: BrowserContext;
  close: () => Promise<void>;
}

/** A fresh headless Chromium: its storage (the OPFS, IndexedDB) lives in memory, gone at close. */
async function incognito(): Promise<OpenedContext> {
  const browser = await launchBrowser();
  return { context: await browser.newContext(), close: () => browser.close() };
}

/**
 * Opens the render harness, or another harness page built on it, in a fresh incognito Chromium or in
 * the context `open` makes (the benchmark's profile on disk, where the OPFS is files as a user's is).
 */
export async function openHarness(
  harness: HarnessPage = RENDER_PAGE,
  open: () => Promise<OpenedContext> = incognito,
): Promise<HarnessSession> {
  const dir = await buildHarness(harness);
  const inputs = join(dir, 'in');
  mkdirSync(inputs, { recursive: true });
  const server: HarnessServer = await serveHarness(dir);
  let opened: OpenedContext | undefined;
  try {
    opened = await open();
    const page = await opened.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(
      (name) => document.getElementById('status')?.textContent === 'ready' && name in window,
      harness.global,
    );
    const { close } = opened;
    return {
      page,
      inputs,
      errors,
      close: async () => {
        await close();
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await opened?.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
