import { describe, expect, it } from 'vitest';
import { editGuide, needsGuide, redrawCost, redrawScenes, staleScenes } from './guide-plan';
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
});
