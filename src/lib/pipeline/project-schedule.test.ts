import { describe, expect, it } from 'vitest';
import { fixtureProject, withScene } from './project.fixture';
import { workId } from './project-plan';
import { readyPieces, stepUnits } from './project-schedule';
import { sceneFrames } from './timeline';

const NETWORK = ['prompts', 'images'] as const;
const names = (pieces: { step: string; index: number }[]) => pieces.map((p) => `${p.step}:${p.index}`);

describe('readyPieces', () => {
  it('offers each scene’s next piece as soon as its input exists, earliest scene first', () => {
    const project = fixtureProject('images');
    project.scenes![1]!.image = undefined;
    for (const index of [2, 3]) Object.assign(project.scenes![index]!, { prompt: undefined, image: undefined });
    expect(names(readyPieces(project, NETWORK, new Set()))).toEqual(['images:1', 'prompts:2', 'prompts:3']);
    // Clips go ahead for the scene whose image is there, while the others are still drawn.
    expect(names(readyPieces(project, ['clips'], new Set()))).toEqual(['clips:0']);
  });

  it('leaves out pieces in flight and failed scenes', () => {
    const project = fixtureProject('prompts');
    project.scenes![2]!.failure = { step: 'images', message: 'no', retryable: false };
    const busy = new Set([workId('images', 0)]);
    expect(names(readyPieces(project, NETWORK, busy))).toEqual(['images:1', 'images:3']);
  });

  it('keeps prompts a few scenes ahead of images, so a free slot never waits for a prompt', () => {
    const project = fixtureProject('prompts');
    for (const index of [2, 3]) project.scenes![index]!.prompt = undefined;
    // With a lead of 2, scene 2’s prompt ranks with scene 0’s image (and goes first: it is quick).
    expect(names(readyPieces(project, NETWORK, new Set(), 2))).toEqual([
      'prompts:2',
      'images:0',
      'prompts:3',
      'images:1',
    ]);
    expect(names(readyPieces(project, NETWORK, new Set(), 0))).toEqual([
      'images:0',
      'images:1',
      'prompts:2',
      'prompts:3',
    ]);
  });
});

describe('stepUnits', () => {
  it('counts pieces made and to make, frames for clips, and leaves failed scenes out of both', () => {
    let project = fixtureProject('clips');
    const frames = sceneFrames(project.scenes![0]!, project.fps);
    expect(stepUnits(project, 'clips')).toEqual({ done: 4 * frames, left: 0 });
    project = withScene(project, 1, { clip: undefined });
    const failure = { step: 'images', message: 'no', retryable: false } as const;
    project = withScene(project, 3, { image: undefined, clip: undefined, failure });
    expect(stepUnits(project, 'clips')).toEqual({ done: 2 * frames, left: frames });
    expect(stepUnits(project, 'images')).toEqual({ done: 3, left: 0 });
    expect(stepUnits(project, 'prompts')).toEqual({ done: 4, left: 0 });
  });
});
