import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { set } from 'idb-keyval';
import { fixtureProject } from '../pipeline/project.fixture';
import { db } from '../store/db';
import { AUDIO, getBlob, putBlob, saveProject } from '../store/projects';
import { SavedProjects } from './saved-projects.svelte';

describe('SavedProjects', () => {
  it('lists the saved projects newest first, naming the unreadable ones, and deletes one with its files', async () => {
    await saveProject({ ...fixtureProject('final'), id: 'list-old', createdAt: 1 });
    await saveProject({ ...fixtureProject('prompts'), id: 'list-new', createdAt: 2 });
    await putBlob('list-old', AUDIO, new Blob(['RIFF']));
    await set('list-broken', { id: 'list-broken', version: 999 }, db().manifests);

    const saved = new SavedProjects();
    expect(saved.loaded).toBe(false);
    await saved.refresh();
    expect(saved.loaded).toBe(true);
    expect(saved.error).toBeUndefined();
    expect(saved.projects.map((project) => project.id)).toEqual(['list-new', 'list-old']);
    expect(saved.unreadable.map((entry) => entry.id)).toEqual(['list-broken']);

    await saved.remove('list-old');
    expect(saved.projects.map((project) => project.id)).toEqual(['list-new']);
    expect(await getBlob('list-old', AUDIO)).toBeUndefined();
  });
});
