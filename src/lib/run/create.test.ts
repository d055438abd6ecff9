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
import { DEFAULT_STYLE } from '../pipeline/image-styles';
import { noRunGoing } from '../state/run-activity';
import { createInFormat, createProject, inspectFile } from './create';
import type { Engine } from './context';

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

describe('making a new project counts as making a video (the first offline install waits for it)', () => {
  /** Whether `noRunGoing` has resolved by now, asked while `work` is under way. */
  async function freeDuring(work: () => Promise<unknown>): Promise<{ during: boolean; after: boolean }> {
    let free = false;
    const doing = work();
    void noRunGoing().then(() => (free = true));
    await Promise.resolve();
    const during = free;
    await doing;
    await noRunGoing();
    return { during, after: free };
  }

  it('while the picked file is read', async () => {
    let answer: (probe: { duration: number; codec: string }) => void = () => undefined;
    const engine = { probe: () => new Promise((resolve) => (answer = resolve)) } as unknown as Engine;
    const file = new File(['ID3 an hour'], 'talk.mp3', { type: 'audio/mpeg' });
    const seen = freeDuring(async () => {
      const probing = inspectFile(file, async () => engine);
      await new Promise((resolve) => setTimeout(resolve, 10));
      answer({ duration: 3600, codec: 'mp3' });
      expect(await probing).toEqual({ duration: 3600, codec: 'mp3' });
    });
    expect(await seen).toEqual({ during: false, after: true });
  });

  it('while the recording and the new project are stored, and after a refusal too', async () => {
    const file = new File(['ID3 an hour'], 'talk.mp3', { type: 'audio/mpeg' });
    const choice = { format: 'youtube' as const, style: DEFAULT_STYLE, language: 'en' };
    let made: { id: string } | undefined;
    const seen = await freeDuring(
      async () => (made = await createProject(file, { duration: 3600, codec: 'mp3' }, choice)),
    );
    expect(seen).toEqual({ during: false, after: true });
    expect(await (await getBlob(made!.id, AUDIO))?.text()).toBe('ID3 an hour');

    const refusing = { probe: () => Promise.reject(new Error('no audio stream')) } as unknown as Engine;
    const refused = await freeDuring(() =>
      inspectFile(file, async () => refusing).then(
        () => undefined,
        (error: Error) => expect(error.message).toMatch(/could not be read as audio/),
      ),
    );
    expect(refused).toEqual({ during: false, after: true });
  });
});
