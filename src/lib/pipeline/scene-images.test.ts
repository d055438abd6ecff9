import { describe, expect, it } from 'vitest';
import { fixtureProject } from './project.fixture';
import { editPrompt, nextStep, sceneDone } from './project-plan';
import { imageKey, referencedKeys, type Project } from './project';
import { askRedraw, KEPT_VERSIONS, redrawKey, restoreVersion, sceneImageRequest, withImage } from './scene-images';

const scene = (project: Project, index = 1) => project.scenes![index]!;

/** What the run does once the redraw's picture has come back. */
function drawn(project: Project, index: number, key: string): Project {
  return {
    ...project,
    scenes: project.scenes!.map((s) =>
      s.index === index
        ? withImage(s, {
            key,
            type: 'image/png',
            source: s.redraw!.model,
            prompt: s.prompt!.text,
            seed: s.redraw!.seed,
          })
        : s,
    ),
  };
}

describe('a scene’s pictures under the person’s control', () => {
  it('a redraw with Flux asks for that model and seed, for that scene only, as a call of its own', () => {
    const asked = askRedraw(fixtureProject('final'), 1, 'flux-pro', 7);
    expect(nextStep(asked)).toBe('images');
    expect(asked.scenes!.map((s) => sceneDone(asked, s, 'images'))).toEqual([true, false, true, true]);
    const request = sceneImageRequest(asked, scene(asked));
    expect(request).toMatchObject({ prompt: 'photo 1', model: 'flux-pro', seed: 7, width: 1920, height: 1080 });
    const again = askRedraw(asked, 1, 'flux-pro', 7);
    expect(redrawKey(request, scene(again).redraw!.n)).not.toBe(redrawKey(request, scene(asked).redraw!.n));
    expect(sceneImageRequest(asked, scene(asked, 0))).not.toHaveProperty('model');
  });

  it('keeps the replaced picture as a version, and going back to it buys nothing: only its clip is made again', () => {
    const before = fixtureProject('final');
    const original = scene(before).image!;
    const redrawn = drawn(askRedraw(before, 1, 'flux-dev'), 1, 'image-flux');
    expect(scene(redrawn).image).toMatchObject({ key: 'image-flux', source: 'flux-dev', prompt: 'photo 1' });
    expect(scene(redrawn).versions).toEqual([original]);
    expect(sceneDone(redrawn, scene(redrawn), 'images')).toBe(true);
    expect(nextStep(redrawn)).toBe('clips');
    expect(referencedKeys(redrawn)).toContain(original.key);

    const back = restoreVersion(redrawn, 1, original.key);
    expect(scene(back).image?.key).toBe(original.key);
    expect(scene(back).versions?.map((v) => v.key)).toEqual(['image-flux']);
    // Nothing to buy: every prompt and image is done; only a clip of that picture is needed (here still stored).
    expect(back.scenes!.every((s) => sceneDone(back, s, 'images'))).toBe(true);
    expect(nextStep(back)).not.toMatch(/prompts|images/);
    expect(restoreVersion(back, 1, 'no-such-key')).toEqual(back);
  });

  it('a picture taken back from an older prompt stays, until the prompt changes again', () => {
    const edited = editPrompt(fixtureProject('final'), 1, 'a lighthouse');
    const old = scene(fixtureProject('final')).image!;
    const redrawn = {
      ...edited,
      scenes: edited.scenes!.map((s) =>
        s.index === 1 ? withImage(s, { key: imageKey('a lighthouse', edited), type: 'image/png' }) : s,
      ),
    };
    const back = restoreVersion(redrawn, 1, old.key);
    expect(sceneDone(back, scene(back), 'images')).toBe(true);
    const again = editPrompt(back, 1, 'a harbour');
    expect(sceneDone(again, scene(again), 'images')).toBe(false);
  });

  it('keeps a few versions, newest first', () => {
    let project = fixtureProject('final');
    for (let n = 0; n < KEPT_VERSIONS + 3; n++) project = drawn(askRedraw(project, 1, 'style'), 1, `image-${n}`);
    const versions = scene(project).versions!.map((v) => v.key);
    expect(versions).toEqual(['image-5', 'image-4', 'image-3', 'image-2']);
  });
});
