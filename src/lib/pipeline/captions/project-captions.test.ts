import { describe, expect, it } from 'vitest';
import { fixtureProject } from '../project.fixture';
import { clipKey, promptKey, type Project, type SceneRecord } from '../project';
import { editWord, nextStep, promptInput, sceneDone, setCaptions } from '../project-plan';
import { clipPlan } from '../render-plan';
import { captionProblem, captionWords, correctWord, sceneCaptions } from './project-captions';
import { assDocument } from './ass';
import { evenWords } from './words.fixture';

/** The fixture's finished project, its scenes holding real words (0.4 s each from each scene's start). */
function withWords(captions?: Project['captions']): Project {
  const project = fixtureProject('final');
  const scenes = (project.scenes ?? []).map((scene) => ({
    ...scene,
    words: scene.text ? evenWords(scene.text, 0.4, scene.start) : [],
  }));
  const withCaptions = { ...project, scenes, ...(captions ? { captions } : {}) };
  // Keys as the runner would have recorded them for this project.
  return {
    ...withCaptions,
    scenes: scenes.map((scene) => ({ ...scene, clip: { key: clipKey(scene, scene.image?.key ?? '', withCaptions) } })),
  };
}

const clipKeys = (project: Project) => project.scenes?.map((scene) => scene.clip?.key);
const stale = (project: Project) =>
  (project.scenes ?? []).filter((scene) => !sceneDone(project, scene, 'clips')).map((scene) => scene.index);

describe('captions of a project', () => {
  it('leaves clip keys and plans of a project without captions as they were', () => {
    const before = fixtureProject('final');
    const project = withWords();
    expect(clipKeys(project)).toEqual(clipKeys(before));
    expect(clipPlan(project, project.scenes?.[0] as SceneRecord).captions).toBeUndefined();
    expect(nextStep(project)).toBe('done');
  });

  it("gives each clip its slice of the narration's captions, and none to a silent one", () => {
    const project = withWords('word');
    const [first, , silent] = project.scenes as SceneRecord[];
    const plan = clipPlan(project, first as SceneRecord);
    const ass = assDocument(plan.captions!);
    expect(ass).toMatch(/^Dialogue:.*Galileo/m);
    expect(ass).not.toMatch(/Jupiter/);
    expect(clipPlan(project, silent as SceneRecord).captions).toBeUndefined();
  });

  it('renders only clips again when captions are turned on or change style', () => {
    const project = withWords();
    const on = setCaptions(project, 'classic');
    // The silent scene shows no captions: its clip stays.
    expect(stale(on)).toEqual([0, 1, 3]);
    expect(stale(setCaptions(on, 'karaoke'))).toEqual([0, 1, 3]);
    expect(nextStep(on)).toBe('clips');
    expect((on.scenes ?? []).every((scene) => sceneDone(on, scene, 'images'))).toBe(true);
  });

  it("renders again only the clip whose word was corrected, keeping the scene's prompt key", () => {
    const project = withWords('word');
    const fixed = editWord(project, 1, 2, 'Jupiterr');
    expect(stale(fixed)).toEqual([1]);
    expect(promptKey(promptInput(fixed.scenes ?? [], 1))).toBe(fixed.scenes?.[1]?.prompt?.key);
    expect(captionWords(fixed).map((w) => w.word)).toContain('Jupiterr');
    expect(assDocument(sceneCaptions(fixed, fixed.scenes?.[1] as SceneRecord)!)).toMatch(/Jupiterr/);
    // A removed word is in neither the captions nor the subtitles' words.
    const removed = editWord(project, 0, 0, '');
    expect(captionWords(removed).map((w) => w.word)[0]).toBe('was');
  });

  it('forgets a correction back to the heard word', () => {
    const scene = withWords('word').scenes?.[0] as SceneRecord;
    const fixed = correctWord(scene, 0, 'Galilei');
    expect(fixed.corrections).toEqual([{ word: 0, text: 'Galilei' }]);
    expect(correctWord(fixed, 0, ' Galileo ')).not.toHaveProperty('corrections');
    expect(() => correctWord(scene, 99, 'x')).toThrow(RangeError);
  });

  it('stops before any clip when captions cannot draw the script, and says why', () => {
    const project = withWords('word');
    const words = evenWords('ሰላም ዓለም', 0.4, 0);
    const scenes = (project.scenes ?? []).map((scene, i) => ({ ...scene, words: i === 0 ? words : scene.words }));
    const amharic = { ...project, scenes: scenes.map((scene) => ({ ...scene, clip: undefined })) };
    expect(captionProblem(amharic)).toMatch(/^Captions cannot draw Ethiopic \(/);
    expect(nextStep(amharic)).toBe('blocked');
    // Off, or with the words corrected, the video is made.
    expect(nextStep(setCaptions(amharic, 'none'))).toBe('clips');
    const corrected = editWord(editWord(amharic, 0, 0, 'namaste'), 0, 1, 'duniya');
    expect(captionProblem(corrected)).toBeUndefined();
    expect(captionProblem(withWords('word'))).toBeUndefined();
    // A script the shipped font lacks but a fallback font draws is made, its clips naming that font.
    const arabic = editWord(corrected, 0, 0, 'مرحبا');
    expect(captionProblem(arabic)).toBeUndefined();
    expect(nextStep(arabic)).toBe('clips');
    expect(assDocument(sceneCaptions(arabic, arabic.scenes?.[0] as SceneRecord)!)).toMatch(
      /\\fnNoto Sans Arabic\\fs[\d.]+\}مرحبا/,
    );
  });
});
