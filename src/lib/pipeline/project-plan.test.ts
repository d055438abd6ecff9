import { hash } from 'ohash';
import { describe, expect, it } from 'vitest';
import { IMAGE_STYLES } from './api-contract';
import { clipKey, imageKey, imageRequest } from './project';
import { fixtureProject, withScene } from './project.fixture';
import {
  editPrompt,
  expectedFinalKey,
  nextStep,
  pieceStatus,
  promptInput,
  retryProject,
  retryScene,
  scenesAtWork,
  sceneWork,
  workId,
} from './project-plan';

describe('nextStep', () => {
  it('walks the pipeline in order as pieces are cached', () => {
    const fresh = fixtureProject('transcript');
    expect(nextStep({ ...fresh, transcript: undefined })).toBe('transcribe');
    expect(nextStep(fresh)).toBe('scenes');
    expect(
      nextStep({
        ...fixtureProject('prompts'),
        scenes: fixtureProject('prompts').scenes!.map((s) => ({ ...s, prompt: undefined })),
      }),
    ).toBe('prompts');
    expect(nextStep(fixtureProject('prompts'))).toBe('images');
    expect(nextStep(fixtureProject('images'))).toBe('clips');
    expect(nextStep(fixtureProject('clips'))).toBe('final');
    expect(nextStep(fixtureProject('final'))).toBe('done');
  });

  it('resumes from the first unfinished piece: only the scenes without an image are still to do', () => {
    const project = fixtureProject('images');
    project.scenes![1]!.image = undefined;
    project.scenes![3]!.image = undefined;
    expect(nextStep(project)).toBe('images');
    expect(sceneWork(project, 'images')).toEqual([1, 3]);
    expect(sceneWork(project, 'prompts')).toEqual([]);
    // Clips can go ahead for the scenes whose image is there.
    expect(sceneWork(project, 'clips')).toEqual([0, 2]);
  });

  it('carries on with the other scenes when one fails, and is blocked only when the failure is all that is left', () => {
    const project = fixtureProject('prompts');
    project.scenes![2]!.failure = { step: 'images', message: 'Image refused', retryable: false };
    expect(sceneWork(project, 'images')).toEqual([0, 1, 3]);
    const rest = fixtureProject('clips');
    rest.scenes![2]!.clip = undefined;
    rest.scenes![2]!.image = undefined;
    rest.scenes![2]!.failure = { step: 'images', message: 'Image refused', retryable: false };
    expect(nextStep(rest)).toBe('blocked');
    expect(expectedFinalKey(rest)).toBeUndefined();
    const retried = retryScene(rest, 2);
    expect(nextStep(retried)).toBe('images');
    expect(sceneWork(retried, 'images')).toEqual([2]);
  });

  it('is blocked by a failed transcription until it is retried', () => {
    const project = { ...fixtureProject('transcript'), transcript: undefined };
    const failed = { ...project, failure: { step: 'transcribe' as const, message: 'offline', retryable: true } };
    expect(nextStep(failed)).toBe('blocked');
    expect(nextStep(retryProject(failed))).toBe('transcribe');
  });
});

describe('content-derived keys', () => {
  it('an edited prompt invalidates only that scene’s image and clip, and the final video', () => {
    const project = fixtureProject('final');
    const edited = editPrompt(project, 1, 'a red balloon over Jupiter');
    expect(nextStep(edited)).toBe('images');
    expect(sceneWork(edited, 'images')).toEqual([1]);
    expect(sceneWork(edited, 'prompts')).toEqual([]);
    for (const index of [0, 2, 3]) expect(pieceStatus(edited, edited.scenes![index]!, 'clips', false)).toBe('done');
    expect(pieceStatus(edited, edited.scenes![1]!, 'clips', false)).toBe('pending');
    expect(expectedFinalKey(edited)).toBeUndefined();
    // Once the scene's new image and clip exist, the final key differs from the old video's.
    // (A new project, as every change makes: answers are remembered per project.)
    const scene = edited.scenes![1]!;
    const image = { key: imageKey(scene.prompt!.text, edited), type: 'image/png' };
    const drawn = { ...scene, image, clip: { key: clipKey(scene, image.key, edited) } };
    const made = { ...edited, scenes: edited.scenes!.map((other) => (other === scene ? drawn : other)) };
    expect(nextStep(made)).toBe('final');
    expect(expectedFinalKey(made)).not.toBe(project.final!.key);
  });

  it('a changed scene text invalidates that scene’s prompt, but an edited prompt is kept', () => {
    const project = fixtureProject('final');
    project.scenes![0]!.text = 'Something else entirely.';
    expect(sceneWork(project, 'prompts')).toEqual([0]);
    expect(sceneWork(editPrompt(project, 0, 'mine'), 'prompts')).toEqual([]);
  });

  it('keys depend on the output size: the same prompt in another format is another image', () => {
    expect(imageKey('a cat', { format: 'youtube' })).not.toBe(imageKey('a cat', { format: 'tiktok' }));
    expect(imageKey('a cat', { format: 'youtube' })).toBe(imageKey('a cat', { format: 'youtube' }));
  });

  it('keys depend on the image style, and projects saved before styles keep their images', () => {
    const keys = IMAGE_STYLES.map((style) => imageKey('a cat', { format: 'square', style }));
    expect(new Set(keys).size).toBe(IMAGE_STYLES.length);
    // The key every image had before there was a style to choose.
    const before = `image-${hash({ v: 1, prompt: 'a cat', width: 1080, height: 1080 })}`;
    expect(imageKey('a cat', { format: 'square' })).toBe(before);
    expect(imageKey('a cat', { format: 'square', style: 'stockimg' })).toBe(before);
    const project = fixtureProject('final');
    expect(nextStep(project)).toBe('done');
    // A cinematic project with the same prompts needs images of its own.
    expect(sceneWork({ ...project, style: 'cinematic' }, 'images')).toEqual([0, 1, 2, 3]);
  });

  it('answers for each project when projects share their scenes, asked one after the other', () => {
    const project = fixtureProject('final');
    // A change keeps the scenes it does not touch: these share every scene object with `project`.
    const tiktok = { ...project, format: 'tiktok' as const };
    const slower = { ...project, fps: 24 };
    for (let round = 0; round < 2; round++) {
      expect(nextStep(project)).toBe('done');
      expect(sceneWork(tiktok, 'images')).toEqual([0, 1, 2, 3]);
      expect(sceneWork(slower, 'images')).toEqual([]);
      expect(sceneWork(slower, 'clips')).toEqual([0, 1, 2, 3]);
      expect(sceneWork(project, 'clips')).toEqual([]);
    }
  });

  it('asks the image service for the project’s size and style', () => {
    expect(imageRequest({ format: 'tiktok', style: 'polaroid' }, 'a cat')).toEqual({
      prompt: 'a cat',
      width: 1080,
      height: 1920,
      style: 'polaroid',
    });
    expect(imageRequest({ format: 'youtube' }, 'a dog')).toEqual({
      prompt: 'a dog',
      width: 1920,
      height: 1080,
      style: 'stockimg',
    });
  });
});

describe('pieceStatus', () => {
  it('reports working pieces from the runner, a failure at its own step, and the later steps as blocked by it', () => {
    const project = fixtureProject('prompts');
    const scene = project.scenes![1]!;
    expect(pieceStatus(project, scene, 'images', true)).toBe('working');
    expect(pieceStatus(project, scene, 'images', false)).toBe('pending');
    scene.failure = { step: 'images', message: 'boom', retryable: true };
    expect(pieceStatus(project, scene, 'prompts', false)).toBe('done');
    expect(pieceStatus(project, scene, 'images', false)).toBe('failed');
    expect(pieceStatus(project, scene, 'clips', false)).toBe('blocked');
  });

  it('shows a recorded failure while the runner still holds the piece (it records, then lets go)', () => {
    const project = fixtureProject('prompts');
    const scene = project.scenes![1]!;
    scene.failure = { step: 'images', message: 'boom', retryable: true };
    expect(pieceStatus(project, scene, 'images', true)).toBe('failed');
  });
});

describe('scenesAtWork', () => {
  it('reads the scenes being worked on at each step from the runner’s work ids', () => {
    const working = [workId('images', 1), workId('images', 12), workId('clips', 0), workId('final'), workId('scenes')];
    expect(scenesAtWork(working)).toEqual({ prompts: new Set(), images: new Set([1, 12]), clips: new Set([0]) });
  });
});

describe('a prompt’s validity as the project changes', () => {
  it('keeps a spoken scene’s prompt whatever else changes; a silent scene’s goes stale with its neighbours’ words', () => {
    const project = fixtureProject('prompts');
    const status = (p: typeof project, index: number) => pieceStatus(p, p.scenes![index]!, 'prompts', false);
    expect([0, 1, 2, 3].map((index) => status(project, index))).toEqual(['done', 'done', 'done', 'done']);
    const reworded = withScene(project, 1, { text: 'It flew past Venus twice.' });
    expect([0, 1, 2, 3].map((index) => status(reworded, index))).toEqual(['done', 'pending', 'pending', 'done']);
    // The first project still has what it had.
    expect(status(project, 2)).toBe('done');
  });
});

describe('promptInput', () => {
  it('illustrates a silent scene with its neighbours’ words', () => {
    const scenes = fixtureProject('prompts').scenes!;
    expect(promptInput(scenes, 0)).toEqual({ text: 'Galileo was a space probe.' });
    expect(promptInput(scenes, 2)).toEqual({ text: 'It studied Jupiter and its moons. … It ended in 2003.' });
  });
});
