import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { fixtureProject } from '../pipeline/project.fixture';
import { useOwnPicture } from '../pipeline/own-picture';
import {
  AUDIO,
  getBlob,
  listProjects,
  loadProject,
  loadTranscript,
  putBlob,
  saveProject,
  saveTranscript,
} from '../store/projects';
import { createInFormat } from './create';

const TRANSCRIPT = {
  language: 'en',
  duration: 24,
  model: 'w',
  words: [{ word: 'Galileo', start: 0, end: 1 }],
  segments: [],
};

describe('createInFormat', () => {
  it('saves a new project in the other format with a copy of the recording and the transcript', async () => {
    const source = { ...fixtureProject('final'), id: 'source' };
    await saveProject(source);
    await putBlob('source', AUDIO, new Blob(['RIFF the recording']));
    await saveTranscript('source', TRANSCRIPT);

    const copy = await createInFormat(source, 'square');
    expect(copy.id).not.toBe('source');
    expect(await loadProject(copy.id)).toEqual(copy);
    expect(copy).toMatchObject({ format: 'square', name: source.name });
    expect(copy.final).toBeUndefined();
    expect(await (await getBlob(copy.id, AUDIO))?.text()).toBe('RIFF the recording');
    expect(await loadTranscript(copy.id)).toEqual(TRANSCRIPT);
    expect((await listProjects()).projects.map((p) => p.id)).toEqual(expect.arrayContaining(['source', copy.id]));
    // The source keeps everything.
    expect(await loadProject('source')).toEqual(source);
  });

  it('refuses, storing nothing, when the recording is gone from the browser', async () => {
    const source = { ...fixtureProject('final'), id: 'lost' };
    await saveProject(source);
    const before = (await listProjects()).projects.length;
    await expect(createInFormat(source, 'tiktok')).rejects.toThrow(/recording of this project is missing/);
    expect((await listProjects()).projects.length).toBe(before);
  });

  it('copies the person’s own pictures into the new project, and none of the generated ones', async () => {
    const source = {
      ...useOwnPicture(fixtureProject('final'), 2, { key: 'image-own-kite', type: 'image/png' }),
      id: 'own',
    };
    await saveProject(source);
    await putBlob('own', AUDIO, new Blob(['RIFF the recording']));
    await putBlob('own', 'image-own-kite', new Blob(['PNG my kite'], { type: 'image/png' }));
    await putBlob('own', source.scenes![0]!.image!.key, new Blob(['PNG generated']));

    const copy = await createInFormat(source, 'tiktok');
    expect(copy.scenes![2]!.image).toEqual({ key: 'image-own-kite', type: 'image/png', source: 'own' });
    const picture = await getBlob(copy.id, 'image-own-kite');
    expect(await picture?.text()).toBe('PNG my kite');
    expect(picture?.type).toBe('image/png');
    expect(await getBlob(copy.id, source.scenes![0]!.image!.key)).toBeUndefined();
    expect(await getBlob('own', 'image-own-kite')).toBeDefined();
  });
});
