// Saved projects and upgrades: a project this version cannot read is listed with its name and storage,
// its files can be exported, and Delete frees them; the home page says whether the browser keeps the data.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { openHome, startRig } from './app-helpers';
import { sharedRig } from './shared-rig';

const run = promisify(execFile);

/** Writes `records` (key -> value) into one of the app's IndexedDB stores, creating it if need be. */
function plant(page: Page, database: string, store: string, records: [string, unknown][]): Promise<void> {
  return page.evaluate(
    ([name, storeName, items]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onupgradeneeded = () => open.result.createObjectStore(storeName);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(storeName, 'readwrite');
          for (const [key, value] of items) {
            // Blobs cross the protocol as text; stored as the Blob the app would have written.
            const stored = typeof value === 'string' ? new Blob([value], { type: 'audio/wav' }) : value;
            tx.objectStore(storeName).put(stored, key);
          }
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    [database, store, records] as const,
  );
}

/** Every key of an app's IndexedDB store. */
function storedKeys(page: Page, database: string, store: string): Promise<string[]> {
  return page.evaluate(
    ([name, storeName]) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(storeName).objectStore(storeName).getAllKeys();
          request.onsuccess = () => (open.result.close(), resolve(request.result.map(String)));
          request.onerror = () => reject(request.error);
        };
      }),
    [database, store] as const,
  );
}

describe('saved projects across versions', () => {
  const rig = sharedRig(startRig);

  it('lists a project from a newer version with its name, storage, an export of its files and a Delete that frees them', async () => {
    const { context, page, errors } = await openHome(rig);
    await page.getByRole('heading', { name: 'Your projects' }).waitFor();

    const audio = 'RIFF'.padEnd(300_000, 'a');
    const future = { version: 99, id: 'future-1', name: 'Kite story', format: 'hologram', scenes: [] };
    await plant(page, 'voiceframe-manifests', 'projects', [['v1:project:future-1', future]]);
    await plant(page, 'voiceframe-blobs', 'blobs', [
      ['v1:future-1:audio', audio],
      ['v1:future-1:image-abc', 'not really a png'],
      ['v1:future-1:transcript', { language: 'en', words: [] }],
    ]);
    await page.reload();

    const item = page.getByTestId('unreadable-project');
    await item.waitFor();
    expect(await item.count()).toBe(1);
    const text = (await item.textContent()) ?? '';
    expect(text).toContain('Kite story');
    expect(text).toMatch(/29\d\.\d KB of storage|29\d KB of storage/);
    expect(text).toMatch(/newer version of Voiceframe/);

    // Export: one tar archive holding the manifest and every stored file, as they were.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.getByRole('button', { name: /Export files/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Kite story-files.tar');
    const archive = `${rig.dir}/export.tar`;
    await download.saveAs(archive);
    const { stdout: listing } = await run('tar', ['-tf', archive]);
    expect(listing.trim().split('\n').sort()).toEqual(['audio', 'image-abc', 'project.json', 'transcript.json']);
    const { stdout: manifest } = await run('tar', ['-xOf', archive, 'project.json']);
    expect(JSON.parse(manifest)).toEqual(future);
    const { stdout: sound } = await run('tar', ['-xOf', archive, 'audio'], { maxBuffer: 1 << 20 });
    expect(sound).toBe(audio);

    // Delete: after the confirmation, the entry and every stored piece of it are gone.
    page.once('dialog', (dialog) => void dialog.accept());
    await item.getByRole('button', { name: /Delete/ }).click();
    await item.waitFor({ state: 'detached' });
    expect(await storedKeys(page, 'voiceframe-manifests', 'projects')).not.toContain('v1:project:future-1');
    expect(
      (await storedKeys(page, 'voiceframe-blobs', 'blobs')).filter((key) => key.startsWith('v1:future-1:')),
    ).toEqual([]);

    // Whether the browser promised to keep the data is shown as the browser answers it.
    const persisted = await page.evaluate(() => navigator.storage.persisted());
    const status = page.getByTestId('storage-persisted');
    expect(await status.getAttribute('data-persisted')).toBe(String(persisted));
    expect(await status.textContent()).toMatch(persisted ? /Kept: this browser promised/ : /Not protected/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
