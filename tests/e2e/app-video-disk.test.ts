// The video on disk: a tab closed while the final MP4 is being written loses nothing (opened again, the
// project assembles it from its stored clips), and a project saved before videos went to disk (its clips
// and video as Blobs in IndexedDB) still opens, plays and downloads its video.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { createProject, download, pageErrors, storedProjects, waitForStep, waitForVideoFrame } from './app-helpers';
import { sharedStoryRig } from './shared-rig';
import { expectFinishedVideo, expectVideoFromDisk } from './final-video';
import { readDiskFileNames, readFinalVideoSource, stepSelector } from './in-page';

const SCRIPT =
  'A lighthouse keeper climbs the stairs at dusk. ' +
  'The lamp turns slowly over a dark and restless sea. ' +
  'By morning a small boat reaches the harbour safely.';

/** The names of the project's files on disk (unfinished ones end in `.part`). */
async function diskNames(page: Page, id: string): Promise<string[]> {
  const paths = await page.evaluate(readDiskFileNames);
  return paths.filter((path) => path.startsWith(`${id}/`)).map((path) => path.slice(id.length + 1));
}

/**
 * Puts the project back the way the previous version kept it: every clip and the video as Blobs in
 * IndexedDB (under `v1:<id>:<key>`), nothing on disk.
 */
function toIndexedDbLayout(page: Page, id: string): Promise<number> {
  return page.evaluate(async (projectId) => {
    const root = await navigator.storage.getDirectory();
    const top = await root.getDirectoryHandle('voiceframe-v1');
    const dir = await top.getDirectoryHandle(projectId);
    const files: [string, Blob][] = [];
    for await (const [name, handle] of dir.entries()) {
      if (handle.kind !== 'file') continue;
      const file = await (handle as FileSystemFileHandle).getFile();
      // A copy in memory: the disk file is deleted below.
      files.push([name, new Blob([await file.arrayBuffer()], { type: 'video/mp4' })]);
    }
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('voiceframe-blobs');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction('blobs', 'readwrite');
        for (const [name, blob] of files) tx.objectStore('blobs').put(blob, `v1:${projectId}:${name}`);
        tx.oncomplete = () => (open.result.close(), resolve());
        tx.onerror = () => reject(tx.error);
      };
    });
    await top.removeEntry(projectId, { recursive: true });
    return files.length;
  }, id);
}

describe('the video on disk', () => {
  const rig = sharedStoryRig(SCRIPT);

  it('survives a tab closed while it is written, and a project whose video is in IndexedDB still plays', async () => {
    const wav = await rig.narrate('lighthouse.wav');
    const context = await rig.context();
    const first = await context.newPage();
    await first.goto(rig.server.url);
    const url = await createProject(first, wav, 'Square (1:1)');

    // Closed the moment the final video starts being written.
    await first.waitForSelector(stepSelector('final', 'working'), { timeout: 240_000, state: 'attached' });
    await first.close({ runBeforeUnload: false });

    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(new URL(url).origin);
    const [interrupted] = await storedProjects(page);
    // Every clip was stored, the video was not: the tab really closed during the assembly.
    expect(interrupted?.final).toBeUndefined();
    const scenes = interrupted?.scenes ?? [];
    expect(scenes.length).toBeGreaterThanOrEqual(2);

    // Opened again, the project finishes its video from the stored clips.
    await page.goto(url);
    await waitForStep(page, 'final', 'done', 240_000);
    await waitForVideoFrame(page);
    const [project] = await storedProjects(page);
    const final = { id: project!.id, key: project!.final!.key };
    const file = await download(page, rig.dir);
    await expectFinishedVideo(file.path, wav, { width: 1080, height: 1080, fps: project?.fps ?? 30 });
    await expectVideoFromDisk(await page.evaluate(readFinalVideoSource, final), file.path);
    // A scene's clip plays from its file on disk.
    const card = page.getByTestId('scene').nth(1);
    await card.getByRole('button', { name: 'Play scene 2' }).click();
    await page.waitForFunction(
      () => ((document.querySelector('[data-testid=scene-preview]') as HTMLVideoElement | null)?.currentTime ?? 0) > 1,
      undefined,
      { timeout: 60_000 },
    );
    await card.getByRole('button', { name: 'Close preview of scene 2' }).click();
    // Nothing unfinished is left on disk; no scene was rendered twice as another file.
    const names = await diskNames(page, final.id);
    expect(names.filter((name) => name.endsWith('.part'))).toEqual([]);
    expect(names).toHaveLength(scenes.length + 1);
    expect(rig.fakes.counts()).toMatchObject({ transcribe: 1, image: scenes.length });

    // The same project as the previous version stored it: clips and video in IndexedDB, nothing on disk.
    expect(await toIndexedDbLayout(page, final.id)).toBe(scenes.length + 1);
    await page.reload();
    await waitForStep(page, 'final', 'done', 60_000);
    await waitForVideoFrame(page);
    const old = await page.evaluate(readFinalVideoSource, final);
    const bytes = await readFile(file.path);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(old).toMatchObject({ disk: undefined, inIndexedDb: true, played: { sha256 } });
    const again = await download(page, rig.dir);
    expect(
      createHash('sha256')
        .update(await readFile(again.path))
        .digest('hex'),
    ).toBe(sha256);
    // Opening it wrote nothing again: no clip was rendered anew, nothing went to disk.
    expect(await diskNames(page, final.id)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
