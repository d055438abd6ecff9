import { describe, expect, it } from 'vitest';
import {
  askForGuide,
  editGuide,
  mayAskForGuide,
  needsGuide,
  redrawCost,
  redrawScenes,
  staleScenes,
} from './guide-plan';
import { fixtureProject } from './project.fixture';
import { nextStep, sceneDone } from './project-plan';
import type { Project } from './project';

/** A finished project whose prompts were written with the service's guide (revision 1). */
function guided(): Project {
  const project = fixtureProject('final');
  return {
    ...project,
    guide: { text: 'Mara: a red-haired fisherwoman', revision: 1 },
    scenes: project.scenes?.map((scene) => ({ ...scene, prompt: { ...scene.prompt!, guide: 1 } })),
  };
}

describe('the visual guide in the plan', () => {
  it('is written after the scenes and before any prompt, as part of the Scenes step', () => {
    const { guide: _guide, ...cut } = fixtureProject('transcript');
    expect(needsGuide(cut)).toBe(false);
    const { guide: _none, ...scenes } = { ...fixtureProject('prompts'), scenes: fixtureProject('prompts').scenes };
    expect(needsGuide(scenes)).toBe(true);
    expect(nextStep(scenes)).toBe('scenes');
    expect(nextStep(fixtureProject('prompts'))).toBe('images');
  });

  it('an edit is a new revision that redraws nothing by itself: the scenes drawn before are only counted', () => {
    const edited = editGuide(guided(), '  Mara: a grey-haired fisherwoman ');
    expect(edited.guide).toEqual({ text: 'Mara: a grey-haired fisherwoman', revision: 2, edited: true });
    expect(nextStep(edited)).toBe('done');
    expect(staleScenes(guided())).toEqual([]);
    expect(staleScenes(edited)).toEqual([0, 1, 2, 3]);
  });

  it('never counts a prompt the person wrote', () => {
    const project = guided();
    project.scenes![1] = { ...project.scenes![1]!, prompt: { text: 'mine', key: '', edited: true } };
    expect(staleScenes(editGuide(project, 'New guide'))).toEqual([0, 2, 3]);
  });

  it('redraws only the picked scenes: their prompts are asked again, the others keep prompt, image and clip', () => {
    const before = editGuide(guided(), 'New guide');
    const after = redrawScenes(before, [1, 3]);
    expect(nextStep(after)).toBe('prompts');
    const done = after.scenes!.map((scene) => sceneDone(after, scene, 'clips'));
    expect(done).toEqual([true, false, true, false]);
    expect(after.scenes![0]).toBe(before.scenes![0]);
  });

  it('says what a redraw buys', () => {
    expect(redrawCost(1)).toBe('1 prompt request and 1 image');
    expect(redrawCost(4)).toBe('4 prompt requests and 4 images');
  });

  it('lets the person ask for the guide of a project made before guides, which then offers every scene a redraw', () => {
    // As migrated from version 2: an empty guide (revision 0), prompts written without one, the video made.
    const older = fixtureProject('final');
    expect(nextStep(older)).toBe('done');
    expect(mayAskForGuide(older)).toBe(true);
    const asked = askForGuide(older);
    expect(asked.guide).toBeUndefined();
    expect(needsGuide(asked)).toBe(true);
    expect(nextStep(asked)).toBe('scenes');
    // Only the guide is missing: every prompt, picture, clip and the video stay.
    expect(asked.scenes).toBe(older.scenes);
    expect(asked.final).toBe(older.final);
    // Written by the run as revision 1: the prompts written before it are offered a redraw, not redrawn.
    const written = { ...asked, guide: { text: 'Mara: a red-haired fisherwoman', revision: 1 } };
    expect(nextStep(written)).toBe('done');
    expect(staleScenes(written)).toEqual([0, 1, 2, 3]);
  });

  it('never asks for a guide that was written, edited, or has no words to read', () => {
    expect(mayAskForGuide(guided())).toBe(false);
    expect(askForGuide(guided())).toEqual(guided());
    expect(mayAskForGuide(editGuide(fixtureProject('final'), ''))).toBe(false);
    expect(mayAskForGuide(fixtureProject('transcript'))).toBe(false);
    const silent = fixtureProject('final');
    silent.scenes = silent.scenes!.map((scene) => ({ ...scene, text: '' }));
    expect(mayAskForGuide(silent)).toBe(false);
  });
});
