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

  it('lists a project this version cannot read with its name and storage, exports its files, and deletes them', async () => {
    const future = { ...fixtureProject('final'), id: 'list-future', name: 'Kite story', version: 99 };
    await set('v1:project:list-future', future, db().manifests);
    await putBlob('list-future', AUDIO, new Blob(['RIFF audio of the kite']));
    await putBlob('list-future', 'image-k1', new Blob(['png bytes'], { type: 'image/png' }));
    await putBlob('list-future-2', AUDIO, new Blob(['another project']));

    const saved = new SavedProjects();
    await saved.refresh();
    const entry = saved.unreadable.find((item) => item.id === 'list-future');
    expect(entry).toMatchObject({ name: 'Kite story', newer: true, problem: expect.stringMatching(/newer version/) });
    expect(entry!.bytes).toBeGreaterThan('RIFF audio of the kite'.length + 'png bytes'.length);

    const archive = new Uint8Array(await (await saved.exportUnreadable(entry!)).arrayBuffer());
    const text = new TextDecoder('latin1').decode(archive);
    expect(text).toContain('project.json');
    expect(text).toContain('"name": "Kite story"');
    expect(text).toContain('RIFF audio of the kite');
    expect(text).toContain('image-k1');

    await saved.removeUnreadable(entry!);
    expect(saved.unreadable.map((item) => item.id)).not.toContain('list-future');
    expect(await getBlob('list-future', AUDIO)).toBeUndefined();
    expect(await getBlob('list-future', 'image-k1')).toBeUndefined();
    expect(await getBlob('list-future-2', AUDIO)).toBeInstanceOf(Blob);
  });
});
