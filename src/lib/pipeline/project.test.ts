import { describe, expect, it } from 'vitest';
import { downloadName, imagesForAnotherFormat, inAnotherFormat, ownPictureKeys, projectName } from './project';
import { fixtureProject } from './project.fixture';
import { nextStep, sceneDone } from './project-plan';
import { useOwnPicture } from './own-picture';

describe('names', () => {
  it('names a project after its file, without extension or folders', () => {
    expect(projectName('C:\\talks\\My episode.final.m4a')).toBe('My episode.final');
    expect(projectName('/tmp/.mp3')).toBe('Untitled');
  });

  it('downloads as <project name>-<format>.mp4 with unsafe characters replaced', () => {
    expect(downloadName({ name: 'My episode', format: 'tiktok' })).toBe('My episode-tiktok.mp4');
    expect(downloadName({ name: 'a/b:c?', format: 'square' })).toBe('a_b_c_-square.mp4');
    expect(downloadName({ name: 'My episode', format: 'tiktok' }, 'srt')).toBe('My episode-tiktok.srt');
    expect(downloadName({ name: 'a/b:c?', format: 'youtube' }, 'vtt')).toBe('a_b_c_-youtube.vtt');
  });
});

describe('inAnotherFormat', () => {
  it('keeps the recording, scenes and prompts, and makes images, clips and the video again at the new size', () => {
    const source = { ...fixtureProject('final'), style: 'cinematic' as const };
    source.scenes![1]!.prompt = { ...source.scenes![1]!.prompt!, edited: true };
    const copy = inAnotherFormat(source, { id: 'p2', format: 'tiktok', now: 99 });
    expect(copy).toMatchObject({ id: 'p2', format: 'tiktok', createdAt: 99, updatedAt: 99, name: 'Galileo' });
    expect(copy).toMatchObject({ style: 'cinematic', language: 'en', fps: source.fps, audio: source.audio });
    expect(copy.transcript).toEqual(source.transcript);
    expect(copy.final).toBeUndefined();
    // Pictures of scenes new cuts took apart are drawn at the source's size: not carried over.
    const retired = [{ first: 0, count: 2, text: 'a b', image: { key: 'image-r', type: 'image/png' } }];
    expect(inAnotherFormat({ ...source, retired }, { id: 'p2', format: 'tiktok', now: 99 })).toEqual(copy);
    expect(Object.keys(copy).sort()).toEqual(
      Object.keys(source)
        .filter((key) => key !== 'final')
        .sort(),
    );
    expect(copy.scenes?.map((scene) => [scene.start, scene.end, scene.text, scene.prompt])).toEqual(
      source.scenes?.map((scene) => [scene.start, scene.end, scene.text, scene.prompt]),
    );
    expect(copy.scenes?.some((scene) => scene.image || scene.clip)).toBe(false);
    expect(nextStep(copy)).toBe('images');
    // The source is untouched.
    expect(source.final).toBeDefined();
    expect(source.scenes?.every((scene) => scene.clip)).toBe(true);
  });

  it('asks again for a prompt that failed, and drops a failure of the whole project', () => {
    const source = fixtureProject('images');
    source.scenes![2] = { ...source.scenes![2]!, prompt: undefined, image: undefined };
    source.scenes![2]!.failure = { step: 'prompts', message: 'refused', retryable: false };
    source.failure = { step: 'final', message: 'disk', retryable: true };
    const copy = inAnotherFormat(source, { id: 'p3', format: 'square', now: 1 });
    expect(copy.failure).toBeUndefined();
    expect(copy.scenes?.[2]).toEqual({ index: 2, start: 12, end: 18, text: '', words: [] });
    expect(nextStep(copy)).toBe('prompts');
  });

  it('keeps the person’s own pictures (cover-cropped to any frame), and buys images only for the other scenes', () => {
    const source = useOwnPicture(fixtureProject('final'), 1, { key: 'image-own-abc', type: 'image/png' });
    // An earlier own picture kept only as a version, and a generated picture, are not carried over.
    const swapped = useOwnPicture(source, 3, { key: 'image-own-old', type: 'image/jpeg' });
    const withVersion = {
      ...swapped,
      scenes: swapped.scenes!.map((s, i) => (i === 3 ? { ...s, image: s.versions![0], versions: [s.image!] } : s)),
    };
    expect(ownPictureKeys(withVersion)).toEqual(['image-own-abc']);
    expect(imagesForAnotherFormat(withVersion)).toBe(3);

    const copy = inAnotherFormat(withVersion, { id: 'p4', format: 'tiktok', now: 5 });
    expect(copy.scenes?.[1]?.image).toEqual({ key: 'image-own-abc', type: 'image/png', source: 'own' });
    expect(copy.scenes?.[1]?.versions).toBeUndefined();
    expect(copy.scenes?.[1]?.clip).toBeUndefined();
    expect(copy.scenes?.filter((scene) => scene.image).map((scene) => scene.index)).toEqual([1]);
    expect(ownPictureKeys(copy)).toEqual(['image-own-abc']);
    // That scene's picture is ready: its clip is made at the new size; the others' images are drawn.
    expect(sceneDone(copy, copy.scenes![1]!, 'images')).toBe(true);
    expect(sceneDone(copy, copy.scenes![1]!, 'clips')).toBe(false);
    expect(nextStep(copy)).toBe('images');
    expect(imagesForAnotherFormat(copy)).toBe(3);
  });
});
