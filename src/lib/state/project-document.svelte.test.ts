import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { fixtureProject } from '../pipeline/project.fixture';
import { retryScene } from '../pipeline/project-plan';
import type { Project } from '../pipeline/project';
import { deleteProject, loadProject, saveProject } from '../store/projects';
import { ProjectDocument } from './project-document.svelte';

/** Waits until `check` holds (another tab's news arrives as a message). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

const stored = (id: string, upTo: Parameters<typeof fixtureProject>[0] = 'prompts') => ({
  ...fixtureProject(upTo),
  id,
});

describe('ProjectDocument', () => {
  it('opens a stored project, and says so when there is none', async () => {
    await saveProject(stored('doc-open'));
    const doc = new ProjectDocument();
    await doc.open('doc-open');
    expect(doc.project?.name).toBe('Galileo');
    expect(doc.loadError).toBeUndefined();
    expect(doc.next).toBe('images');

    const missing = new ProjectDocument();
    await missing.open('doc-nowhere');
    expect(missing.project).toBeUndefined();
    expect(missing.loadError).toBe('There is no saved project here. It may have been deleted.');
  });

  it('applies a change at once and stores it, stamped with the time', async () => {
    await saveProject(stored('doc-change'));
    const doc = new ProjectDocument();
    await doc.open('doc-change');
    const before = Date.now();
    const saved = doc.change((project) => ({ ...project, name: 'Renamed' }));
    expect(doc.project?.name).toBe('Renamed');
    await saved;
    const onDisk = await loadProject('doc-change');
    expect(onDisk?.name).toBe('Renamed');
    expect(onDisk?.updatedAt).toBeGreaterThanOrEqual(before);
  });

  it('keeps showing what it showed once its own changes are stored, when no other tab wrote meanwhile', async () => {
    await saveProject(stored('doc-kept'));
    const doc = new ProjectDocument();
    await doc.open('doc-kept');
    // The first change is made to the copy this tab saved, not the one it read: that one is shown after it.
    await doc.change((project) => ({ ...project, name: 'Renamed' }));
    const saves = ['a', 'b'].map((letter) => doc.change((project) => ({ ...project, name: project.name + letter })));
    const shown = doc.project;
    expect(shown?.name).toBe('Renamedab');
    await Promise.all(saves);
    expect(doc.project).toBe(shown);
    expect(await loadProject('doc-kept')).toEqual(shown);
    doc.close();
  });

  it('saves changes in the order they were made, each built on the one before', async () => {
    await saveProject(stored('doc-order'));
    const doc = new ProjectDocument();
    await doc.open('doc-order');
    const saves = ['a', 'b', 'c'].map((letter) =>
      doc.change((project) => ({ ...project, name: project.name + letter })),
    );
    await saves[2];
    expect((await loadProject('doc-order'))?.name).toBe('Galileoabc');
    await Promise.all(saves);
    expect((await loadProject('doc-order'))?.name).toBe('Galileoabc');
  });

  it('keeps saving after one save fails, and says which change was not stored', async () => {
    await saveProject(stored('doc-fail'));
    const doc = new ProjectDocument();
    await doc.open('doc-fail');
    // A function cannot be stored in IndexedDB: that save is refused.
    const unstorable = doc.change((project) => ({ ...project, name: 'x', extra: () => 1 }) as unknown as Project);
    const next = doc.change(({ extra: _extra, ...project }: Project & { extra?: unknown }) => ({
      ...project,
      name: 'Stored',
    }));
    await expect(unstorable).rejects.toThrow();
    await next;
    expect((await loadProject('doc-fail'))?.name).toBe('Stored');
  });

  it('follows the project: what comes next, the scenes that failed, and when it is done', async () => {
    const failing = stored('doc-derived', 'images');
    failing.scenes = failing.scenes?.map((scene) =>
      scene.index === 1
        ? { ...scene, image: undefined, failure: { step: 'images', message: 'No.', retryable: true } }
        : scene,
    );
    await saveProject(failing);
    const doc = new ProjectDocument();
    await doc.open('doc-derived');
    expect(doc.failedScenes.map((scene) => scene.index)).toEqual([1]);
    expect(doc.done).toBe(false);
    await doc.change((project) => retryScene(project, 1));
    expect(doc.failedScenes).toEqual([]);
    expect(doc.next).toBe('images');

    // The final video's key is derived from the project's id, so this one keeps the fixture's.
    await saveProject(fixtureProject('final'));
    const done = new ProjectDocument();
    await done.open('p1');
    expect(done.done).toBe(true);
    expect(done.next).toBe('done');
  });

  it('makes a change of a tab with an old copy to the stored project, and every other tab sees it', async () => {
    await saveProject(stored('doc-tabs'));
    const [first, second] = [new ProjectDocument(), new ProjectDocument()];
    await first.open('doc-tabs');
    await second.open('doc-tabs');

    await first.change((project) => ({ ...project, name: 'Renamed in the first tab' }));
    await until(() => second.project?.name === 'Renamed in the first tab');

    // A change stored without telling anyone (as by a tab that has just closed): the second tab's
    // copy is old now, yet its own change is made to what is stored and keeps that change.
    const onDisk = (await loadProject('doc-tabs'))!;
    await saveProject({ ...onDisk, scenes: onDisk.scenes?.map((scene) => ({ ...scene, prompt: undefined })) });
    await second.change((project) => ({ ...project, style: 'polaroid' }));
    const now = (await loadProject('doc-tabs'))!;
    expect(now.style).toBe('polaroid');
    expect(now.name).toBe('Renamed in the first tab');
    expect(now.scenes?.every((scene) => !scene.prompt)).toBe(true);
    expect(second.project).toEqual(now);
    await until(() => first.project?.style === 'polaroid' && first.project.scenes?.[0]?.prompt === undefined);
    first.close();
    second.close();
  });

  it('refuses to bring back a project deleted meanwhile, and says so', async () => {
    await saveProject(stored('doc-gone'));
    const doc = new ProjectDocument();
    await doc.open('doc-gone');
    await deleteProject('doc-gone');
    await expect(doc.change((project) => ({ ...project, name: 'Back?' }))).rejects.toThrow(/deleted/);
    expect(await loadProject('doc-gone')).toBeUndefined();
    doc.close();
  });
});
