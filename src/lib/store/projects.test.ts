import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { get, set } from 'idb-keyval';
import { PROJECT_VERSION, referencedKeys, type Project } from '../pipeline/project';
import { fixtureProject } from '../pipeline/project.fixture';
import { StorageFullError, UnreadableProjectError } from '../pipeline/errors';
import { db, formatBytes, writing } from './db';
import {
  AUDIO,
  changeStoredProject,
  deleteProject,
  getBlob,
  listProjects,
  loadProject,
  loadTranscript,
  pruneBlobs,
  putBlob,
  saveProject,
  saveTranscript,
  storeMade,
} from './projects';

/** Which of these blobs the project still has in storage. */
const hasBlobs = (projectId: string, keys: string[]) =>
  Promise.all(keys.map(async (key) => (await getBlob(projectId, key)) instanceof Blob));

const bytes = (text: string) => new Blob([text], { type: 'application/octet-stream' });

describe('project store', () => {
  it('keeps what the engine made in IndexedDB where the browser has no disk storage, and reads it back', async () => {
    const asked: unknown[] = [];
    const made = await storeMade('nodisk', 'clip-1', (output) => {
      asked.push(output);
      return Promise.resolve(bytes('clip one'));
    });
    // No place on disk to write to: the engine returns the clip and the store keeps it.
    expect(asked).toEqual([undefined]);
    expect(await made.text()).toBe('clip one');
    expect(await (await getBlob('nodisk', 'clip-1'))?.text()).toBe('clip one');
  });

  it('saves, lists (newest first) and loads projects with their blobs and transcript', async () => {
    const older = { ...fixtureProject('final'), id: 'older', createdAt: 1 };
    const newer = { ...fixtureProject('prompts'), id: 'newer', createdAt: 2, style: 'polaroid' as const };
    await saveProject(older);
    await saveProject(newer);
    await putBlob('older', AUDIO, bytes('RIFF audio'));
    await saveTranscript('older', {
      language: 'en',
      duration: 3,
      model: 'm',
      words: [{ word: 'hi', start: 0, end: 1 }],
      segments: [],
    });

    const list = await listProjects();
    expect(list.projects.map((p) => p.id).slice(0, 2)).toEqual(['newer', 'older']);
    expect(await loadProject('older')).toEqual(older);
    expect((await loadProject('newer'))?.style).toBe('polaroid');
    expect(await loadProject('missing')).toBeUndefined();
    expect(await (await getBlob('older', AUDIO))?.text()).toBe('RIFF audio');
    expect((await loadTranscript('older'))?.words).toEqual([{ word: 'hi', start: 0, end: 1 }]);
  });

  it('refuses stored data that no longer validates, naming the problem, and lists it as unreadable', async () => {
    await set('v1:project:bad', { ...fixtureProject('transcript'), id: 'bad', format: 'vhs' }, db().manifests);
    await expect(loadProject('bad')).rejects.toThrow(UnreadableProjectError);
    await expect(loadProject('bad')).rejects.toThrow(/format/);
    await set('v1:project:odd', { ...fixtureProject('transcript'), id: 'odd', style: 'sepia' }, db().manifests);
    await expect(loadProject('odd')).rejects.toThrow(/style/);
    const list = await listProjects();
    expect(list.unreadable).toContainEqual(expect.objectContaining({ id: 'bad' }));
    await set('v1:del:transcript', { words: 'not a list' }, db().blobs);
    expect(await loadTranscript('del')).toBeUndefined();
  });

  it('reads a project of this version as it is, and refuses one from a newer version without rewriting it', async () => {
    await set('v1:project:v1', { ...fixtureProject('final'), id: 'v1', version: PROJECT_VERSION }, db().manifests);
    expect((await loadProject('v1'))?.version).toBe(PROJECT_VERSION);
    const future = { ...fixtureProject('final'), id: 'future', version: 99, later: 'kept' };
    await set('v1:project:future', future, db().manifests);
    await expect(loadProject('future')).rejects.toThrow(/newer version of Voiceframe/);
    const list = await listProjects();
    expect(list.unreadable).toContainEqual(expect.objectContaining({ id: 'future', newer: true }));
    expect(await get('v1:project:future', db().manifests)).toEqual(future);
  });

  it('deleting a project deletes every blob it owns and nothing of other projects', async () => {
    await saveProject({ ...fixtureProject('images'), id: 'gone' });
    await saveProject({ ...fixtureProject('images'), id: 'kept' });
    for (const id of ['gone', 'kept']) {
      await putBlob(id, AUDIO, bytes('a'));
      await putBlob(id, 'image-x', bytes('png'));
    }
    await deleteProject('gone');
    expect(await loadProject('gone')).toBeUndefined();
    expect(await hasBlobs('gone', [AUDIO, 'image-x'])).toEqual([false, false]);
    expect(await hasBlobs('kept', [AUDIO, 'image-x'])).toEqual([true, true]);
  });

  it('prunes blobs the project no longer refers to, keeping the audio', async () => {
    const project = { ...fixtureProject('clips'), id: 'prune' };
    await putBlob('prune', AUDIO, bytes('a'));
    for (const key of referencedKeys(project)) await putBlob('prune', key, bytes(key));
    await putBlob('prune', 'image-old', bytes('old'));
    expect(await pruneBlobs('prune', referencedKeys(project))).toBe(1);
    expect(await hasBlobs('prune', ['image-old', AUDIO, ...referencedKeys(project)])).toEqual([
      false,
      true,
      ...referencedKeys(project).map(() => true),
    ]);
  });

  it('never prunes a blob the stored project refers to, whatever an old copy of it says', async () => {
    const stored = { ...fixtureProject('final'), id: 'prune-stale' };
    const stale = { ...fixtureProject('prompts'), id: 'prune-stale' };
    await saveProject(stored);
    for (const key of referencedKeys(stored)) await putBlob('prune-stale', key, bytes(key));
    await putBlob('prune-stale', 'image-orphan', bytes('orphan'));
    expect(await pruneBlobs('prune-stale', referencedKeys(stale))).toBe(1);
    expect(await hasBlobs('prune-stale', ['image-orphan', ...referencedKeys(stored)])).toEqual([
      false,
      ...referencedKeys(stored).map(() => true),
    ]);
  });
});

describe('changes from several tabs', () => {
  /** Another tab: the same storage, its own module state. */
  async function otherTab(): Promise<typeof import('./projects')> {
    vi.resetModules();
    return import('./projects');
  }
  const rename = (suffix: string) => (project: Project) => ({ ...project, name: project.name + suffix });

  it("starts a change from this tab's last save while no other tab has saved since, without reading it again", async () => {
    const project = { ...fixtureProject('final'), id: 'own-copy' };
    await saveProject(project);
    // Written behind the store's back (no save does this): this tab's copy is the one its change starts from.
    await set('v1:project:own-copy', { ...project, name: 'written behind' }, db().manifests);
    const changed = await changeStoredProject('own-copy', rename('!'));
    expect(changed.name).toBe('Galileo!');
    expect((await loadProject('own-copy'))?.name).toBe('Galileo!');
  });

  it('reads the project again once another tab saved it, and refuses a change once another tab deleted it', async () => {
    const project = { ...fixtureProject('final'), id: 'shared' };
    await saveProject(project);
    await changeStoredProject('shared', rename(' (here)'));
    const there = await otherTab();
    await there.changeStoredProject('shared', rename(' (there)'));
    expect((await changeStoredProject('shared', rename('!'))).name).toBe('Galileo (here) (there)!');
    await there.deleteProject('shared');
    await expect(changeStoredProject('shared', rename('?'))).rejects.toThrow(/deleted/);
    expect(await loadProject('shared')).toBeUndefined();
  });
});

describe('storage errors', () => {
  it('turns a quota error into a clear message that says nothing saved was lost', async () => {
    const full = writing('the image', () => Promise.reject(new DOMException('Quota exceeded', 'QuotaExceededError')));
    await expect(full).rejects.toThrow(StorageFullError);
    await expect(full).rejects.toThrow(/no room left .* to save the image.*everything saved so far is kept/);
    await expect(writing('x', () => Promise.reject(new TypeError('other')))).rejects.toThrow(TypeError);
  });

  it('formats sizes for people', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MB');
  });
});
