import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captionWords } from './captions/project-captions';
import { chooseMotion } from './kenburns';
import {
  clipKey,
  finalKey,
  imageKey,
  newProject,
  promptKey,
  referencedKeys,
  type Project,
  type SceneRecord,
} from './project';
import { nextStep, promptInput, sceneDone } from './project-plan';
import { useOwnPicture } from './own-picture';
import { assembleInput, clipPlan } from './render-plan';
import { editCuts, layoutOf, lengthWarning, type CutEdit, type Layout } from './scene-cuts';
import { RETIRED_KEPT, cutsCost, cutsCostText, relayout, videoLengths } from './scene-relayout';
import { segmentTranscript } from './segment';
import { syntheticTranscript } from './segment-synthetic';
import { activeCuts, setTighten, timeSaved } from './tighten/project-tighten';
import type { Word } from './transcript';

/** Every piece made, with the keys the app computes: prompt, picture, clip, the video. */
function made(project: Project): Project {
  const scenes = project.scenes ?? [];
  const withPieces = scenes.map((scene): SceneRecord => {
    const text = `A picture of ${scene.text || 'silence'}`;
    return {
      ...scene,
      prompt: { text, key: promptKey(promptInput(scenes, scene.index)) },
      image: { key: imageKey(text, project), type: 'image/png' },
    };
  });
  const words = scenes.reduce((sum, scene) => sum + scene.words.length, 0);
  const transcript = { model: 'whisper-large-v3-turbo', language: 'en', words };
  const drawn = { ...project, transcript, scenes: withPieces };
  const clipped = withPieces.map((scene) => ({
    ...scene,
    clip: { key: clipKey(scene, scene.image?.key ?? '', drawn) },
  }));
  const done = { ...drawn, scenes: clipped };
  return {
    ...done,
    final: {
      key: finalKey(
        done,
        clipped.map((scene) => scene.clip.key),
      ),
      size: 1,
    },
  };
}

/** A minute or so of narration with fillers ("um") to cut and captions on, every piece made. */
function story(seed: number, options: { seconds?: number; captions?: boolean } = {}): Project {
  const { words: heard, duration } = syntheticTranscript({ seconds: options.seconds ?? 60, seed, breakChance: 0 });
  const words: Word[] = heard.map((word, i) => (i % 7 === 3 ? { ...word, word: 'um' } : word));
  const project = newProject({
    id: 'p',
    name: 'Story',
    format: 'youtube',
    captions: options.captions === false ? 'none' : 'word',
    tighten: { on: true },
    language: 'en',
    audio: { name: 'story.wav', type: 'audio/wav', size: 1, duration, codec: 'pcm_s16le' },
    now: 0,
  });
  const scenes = segmentTranscript(words, { duration, fps: project.fps });
  return made({ ...project, scenes, guide: { text: '', revision: 0 } });
}

const layoutOfProject = (project: Project): Layout => layoutOf(project.scenes ?? [], project.fps);

function edited(project: Project, edit: CutEdit) {
  const next = editCuts(layoutOfProject(project), edit);
  if (!next) throw new Error(`Edit not possible: ${JSON.stringify(edit)}`);
  const result = relayout(project, next.spans);
  return { ...result, cost: cutsCost(project, result) };
}

/** The scene as the person made it, whatever index it sits at now. */
const own = ({ index: _i, motionIndex: _m, ...rest }: SceneRecord) => rest;
const withoutTime = ({ start: _s, end: _e, ...rest }: ReturnType<typeof own>) => rest;
/** The cuts applied in one project and not the other (by where they start). */
function cutsChanged(before: Project, after: Project) {
  const [was, is] = [activeCuts(before), activeCuts(after)];
  const ids = (cuts: typeof was) => new Set(cuts.map((cut) => cut.id));
  const [wasIds, isIds] = [ids(was), ids(is)];
  return [...was.filter((cut) => !isIds.has(cut.id)), ...is.filter((cut) => !wasIds.has(cut.id))];
}
const totalFrames = (project: Project) =>
  assembleInput(
    project,
    (project.scenes ?? []).map(() => ({ blob: new Blob() })),
    new Blob(),
  ).clips.reduce((sum, clip) => sum + clip.frames, 0);

describe('new scene cuts applied to a project', () => {
  const before = story(3);
  const scenes = before.scenes!;

  it('is made with cuts and captions, so keys go through the time map and the caption track', () => {
    expect(scenes.length).toBeGreaterThanOrEqual(6);
    expect(activeCuts(before).length).toBeGreaterThan(0);
    expect(nextStep(before)).toBe('done');
    expect(totalFrames(before)).toBe(Math.round((before.audio.duration - timeSaved(before)) * before.fps));
  });

  it('leaves the project as it is when the cuts are the same', () => {
    const same = relayout(before, layoutOfProject(before).spans);
    expect(same.project.scenes).toEqual(scenes);
    expect(same.kept).toEqual(scenes.map((scene) => scene.index));
    expect(cutsCost(before, same)).toEqual({ prompts: 0, images: 0, scenes: [] });
  });

  it('a cut moved by a word: the two scenes it touches start afresh, every other keeps everything and its clip', () => {
    const { project: after, kept, cost } = edited(before, { kind: 'move', cut: 1, by: 1 });
    expect(kept).toEqual(scenes.map((scene) => (scene.index === 1 || scene.index === 2 ? undefined : scene.index)));
    expect(cost).toEqual({ prompts: 2, images: 2, scenes: [1, 2] });
    expect(cutsCostText(cost)).toBe('2 prompt requests and 2 images');
    for (const scene of after.scenes!) {
      if (scene.index === 1 || scene.index === 2) {
        expect(scene).not.toHaveProperty('prompt');
        expect(scene).not.toHaveProperty('image');
        expect(scene).not.toHaveProperty('clip');
      } else {
        expect(scene).toEqual(scenes[scene.index]);
        expect(sceneDone(after, scene, 'clips')).toBe(true);
      }
    }
    // The narration, its captions and the video's length are the same; only who shows which word moved.
    expect(captionWords(after)).toEqual(captionWords(before));
    expect(totalFrames(after)).toBe(totalFrames(before));
    expect(nextStep(after)).toBe('prompts');
  });

  it('a merge: one scene fewer, one prompt and picture bought; the scenes after it keep their move and clip', () => {
    const { project: after, kept, cost } = edited(before, { kind: 'merge', cut: 1 });
    expect(after.scenes).toHaveLength(scenes.length - 1);
    expect(cost).toEqual({ prompts: 1, images: 1, scenes: [1] });
    expect(after.scenes![1]!.text).toBe(`${scenes[1]!.text} ${scenes[2]!.text}`);
    for (const scene of after.scenes!.slice(2)) {
      const old = scenes[kept[scene.index]!]!;
      expect(old.index).toBe(scene.index + 1);
      expect(scene.motionIndex).toBe(old.index);
      expect(own(scene)).toEqual(own(old));
      expect(sceneDone(after, scene, 'clips')).toBe(true);
      expect(clipPlan(after, scene).motion).toEqual(clipPlan(before, old).motion);
    }
    expect(totalFrames(after)).toBe(totalFrames(before));
  });

  it('a split: one scene more, two prompts and pictures; new scenes move differently from their neighbours', () => {
    const { project: after, cost } = edited(before, { kind: 'split', scene: 2, word: 2 });
    expect(after.scenes).toHaveLength(scenes.length + 1);
    expect(cost).toEqual({ prompts: 2, images: 2, scenes: [2, 3] });
    const kinds = after.scenes!.map((scene) => clipPlan(after, scene).motion.kind);
    for (let i = 1; i < kinds.length; i++) expect(kinds[i]).not.toBe(kinds[i - 1]);
    for (const scene of after.scenes!.slice(4)) {
      expect(scene.motionIndex).toBe(scene.index - 1);
      expect(sceneDone(after, scene, 'clips')).toBe(true);
    }
    // Merged back where it was split: the same scenes, the same keys, nothing to buy but the one scene.
    const back = relayout(after, editCuts(layoutOfProject(after), { kind: 'merge', cut: 2 })!.spans);
    expect(back.project.scenes!.slice(3)).toEqual(scenes.slice(3));
  });

  it('a split that leaves a scene all filler keeps that scene’s time: the cut over it is left out, whole', () => {
    // Scene 2 of this story starts with a pause and "um", cut as one; split after the "um", the new
    // first scene would be no frame long in the video.
    const told = story(141, { seconds: 40, captions: false });
    const { project: after, kept, cost } = edited(told, { kind: 'split', scene: 2, word: 1 });
    const [shortScene, third] = [after.scenes![2]!, after.scenes![3]!];
    expect(shortScene.words.map((word) => word.word)).toEqual(['um']);
    const [gone] = cutsChanged(told, after);
    expect(cutsChanged(told, after)).toHaveLength(1);
    expect(gone!.start).toBeLessThan(shortScene.start);
    expect(gone!.end).toBeGreaterThan(shortScene.end);
    expect(activeCuts(after).map((cut) => cut.id)).not.toContain(gone!.id);
    // The "um" and its pause stay in the video, as long as they were recorded.
    expect(videoLengths(after)[2]).toBeCloseTo(shortScene.end - shortScene.start, 6);
    expect(totalFrames(after) - totalFrames(told)).toBe(Math.round((gone!.end - gone!.start) * told.fps));
    // Only the two new scenes are bought; the neighbour the cut reached into keeps its picture and
    // has its clip made again (free), and every scene after keeps its clip.
    expect(cost).toEqual({ prompts: 2, images: 2, scenes: [2, 3] });
    expect(third.words.length).toBe(told.scenes![2]!.words.length - 1);
    expect(kept[1]).toBe(1);
    expect(after.scenes![1]!.image).toEqual(told.scenes![1]!.image);
    expect(sceneDone(after, after.scenes![1]!, 'clips')).toBe(false);
    for (const scene of after.scenes!.slice(4)) expect(sceneDone(after, scene, 'clips')).toBe(true);
  });

  it('gives a new scene a move of another kind than a neighbour’s picked one', () => {
    const automatic = chooseMotion(2).kind;
    const picked: Project = {
      ...before,
      scenes: scenes.map((scene) =>
        scene.index === 1 ? { ...scene, motion: { kind: automatic, travel: 0.15 } } : scene,
      ),
    };
    const { project: after } = edited(picked, { kind: 'split', scene: 2, word: 2 });
    const kinds = after.scenes!.map((scene) => clipPlan(after, scene).motion.kind);
    expect(kinds[1]).toBe(automatic);
    for (let i = 1; i < kinds.length; i++) expect(kinds[i]).not.toBe(kinds[i - 1]);
  });

  it('carries corrected words with them into the scene they move to', () => {
    const fixed: Project = {
      ...before,
      scenes: scenes.map((scene) =>
        scene.index === 2
          ? {
              ...scene,
              corrections: [
                { word: 0, text: 'Galileo' },
                { word: 3, text: '' },
              ],
            }
          : scene.index === 4
            ? { ...scene, corrections: [{ word: 1, text: 'Io' }] }
            : scene,
      ),
    };
    const { project: after } = edited(fixed, { kind: 'move', cut: 1, by: 1 });
    const moved = after.scenes!;
    expect(moved[1]!.corrections).toEqual([{ word: scenes[1]!.words.length, text: 'Galileo' }]);
    expect(moved[2]!.corrections).toEqual([{ word: 2, text: '' }]);
    expect(moved[4]!.corrections).toEqual([{ word: 1, text: 'Io' }]);
    expect(captionWords(after)).toEqual(captionWords(fixed));
  });

  it('keeps a picture, its versions, the picked move and the own picture of every scene it does not touch', () => {
    const rich = useOwnPicture(
      {
        ...before,
        scenes: scenes.map((scene) =>
          scene.index === 4
            ? {
                ...scene,
                versions: [{ key: 'image-old', type: 'image/png' }],
                motion: { kind: 'pan-left', travel: 0.2, focus: { x: 0.3, y: 0.6 } },
              }
            : scene,
        ),
      },
      5,
      { key: 'image-own', type: 'image/jpeg' },
    );
    const { project: after } = edited(rich, { kind: 'merge', cut: 0 });
    expect(after.scenes![3]).toMatchObject({
      versions: [{ key: 'image-old', type: 'image/png' }],
      motion: { kind: 'pan-left', travel: 0.2, focus: { x: 0.3, y: 0.6 } },
      motionIndex: 4,
    });
    expect(after.scenes![4]!.image).toEqual({ key: 'image-own', type: 'image/jpeg', source: 'own' });
  });

  describe('the camera move the person picked for a scene whose words change', () => {
    const zoom = { kind: 'zoom-in', travel: 0.2, focus: { x: 0.3, y: 0.6 } } as const;
    const pan = { kind: 'pan-left', travel: 0.1 } as const;
    const picked: Project = {
      ...before,
      scenes: scenes.map((scene) =>
        scene.index === 1 ? { ...scene, motion: zoom } : scene.index === 2 ? { ...scene, motion: pan } : scene,
      ),
    };
    const motions = (project: Project) => project.scenes!.map((scene) => scene.motion);

    it('stays with the scene that keeps its start when a cut moves, either way', () => {
      for (const by of [1, -1] as const) {
        const { project: after, kept } = edited(picked, { kind: 'move', cut: 1, by });
        expect(kept[1]).toBeUndefined();
        expect(after.scenes![1]!.motion).toEqual(zoom);
        // Scene 3 now starts with other words: an automatic move, of another kind than its neighbours'.
        expect(after.scenes![2]!.motion).toBeUndefined();
        const kinds = after.scenes!.map((scene) => clipPlan(after, scene).motion.kind);
        expect(kinds[2]).not.toBe(kinds[1]);
        expect(kinds[2]).not.toBe(kinds[3]);
      }
    });

    it('is the first scene’s for a merge, and both halves’ for a split', () => {
      const merged = edited(picked, { kind: 'merge', cut: 1 }).project;
      expect(motions(merged).slice(0, 3)).toEqual([undefined, zoom, undefined]);
      expect(clipPlan(merged, merged.scenes![1]!).motion).toMatchObject({ kind: zoom.kind, travel: zoom.travel });
      const split = edited(picked, { kind: 'split', scene: 1, word: 2 }).project;
      expect(motions(split).slice(0, 4)).toEqual([undefined, zoom, zoom, pan]);
      // Split in three (the second half split again in the same draft): every part keeps it.
      const once = editCuts(layoutOfProject(picked), { kind: 'split', scene: 2, word: 1 })!;
      const twice = editCuts(once, { kind: 'split', scene: 3, word: 1 })!;
      expect(motions(relayout(picked, twice.spans).project).slice(1, 5)).toEqual([zoom, pan, pan, pan]);
    });
  });

  describe('a scene cut around words a scene had before', () => {
    // Scenes 1 and 2 merged (and the merged scene drawn), then split where they were cut: both take back
    // what they had bought.
    const merged = made(edited(before, { kind: 'merge', cut: 1 }).project);
    const back = () => {
      const split = editCuts(layoutOfProject(merged), { kind: 'split', scene: 1, word: scenes[1]!.words.length })!;
      const result = relayout(merged, split.spans);
      return { ...result, cost: cutsCost(merged, result) };
    };

    it('keeps the prompts and pictures of the scenes a merge took apart, and their pictures from pruning', () => {
      const spans = layoutOfProject(before).spans;
      expect(merged.retired).toEqual(
        [1, 2].map((i) => ({
          first: spans[i]!.first,
          count: spans[i]!.count,
          text: scenes[i]!.text,
          prompt: scenes[i]!.prompt,
          image: scenes[i]!.image,
        })),
      );
      expect(merged.scenes![1]!.prompt).toBeDefined();
      expect(referencedKeys(merged)).toEqual(expect.arrayContaining([scenes[1]!.image!.key, scenes[2]!.image!.key]));
    });

    it('buys nothing for them: the button says so, and the run only renders their clips again', () => {
      const { project: after, kept, restored, cost } = back();
      expect(kept[1]).toBeUndefined();
      expect(restored).toEqual([1, 2]);
      expect(cost).toEqual({ prompts: 0, images: 0, scenes: [] });
      expect(cutsCostText(cost)).toBe('nothing');
      for (const i of [1, 2]) {
        expect(after.scenes![i]).toMatchObject({ prompt: scenes[i]!.prompt, image: scenes[i]!.image });
        expect(sceneDone(after, after.scenes![i]!, 'images')).toBe(true);
      }
      expect(nextStep(after)).toBe('clips');
      // Taken back, so no longer kept aside; the merged scene's own pieces are, in their place.
      expect(after.retired?.map((scene) => scene.text)).toEqual([merged.scenes![1]!.text]);
    });

    it('counts what a scene with those words but another picture request would buy: only the new ones', () => {
      // Scene 1 split back, scene 2's words joined with scene 3's: one taken back, one bought.
      const split = editCuts(layoutOfProject(merged), { kind: 'split', scene: 1, word: scenes[1]!.words.length })!;
      const joined = editCuts(split, { kind: 'merge', cut: 2 })!;
      const result = relayout(merged, joined.spans);
      expect(result.restored).toEqual([1]);
      expect(cutsCost(merged, result)).toEqual({ prompts: 1, images: 1, scenes: [2] });
    });

    it('keeps the latest few only, newest first', () => {
      let project = story(5, { seconds: 240, captions: false });
      const steps = RETIRED_KEPT / 2 + 4;
      expect(project.scenes!.length).toBeGreaterThan(steps + 1);
      for (let cut = 0; cut < steps; cut++) project = made(edited(project, { kind: 'move', cut, by: 1 }).project);
      const retired = project.retired!;
      expect(retired).toHaveLength(RETIRED_KEPT);
      expect(new Set(retired.map((scene) => `${scene.first}+${scene.count}`)).size).toBe(RETIRED_KEPT);
      // The last edit's two scenes come first.
      expect(retired[0]!.first).toBeGreaterThan(retired.at(-1)!.first);
    });
  });

  it('ignores cuts that do not fit the project’s words (another tab changed them meanwhile)', () => {
    const spans = layoutOfProject(before).spans.slice(1);
    expect(relayout(before, spans).project).toBe(before);
    const shifted = layoutOfProject(before).spans.map((span) => ({ ...span, first: span.first + 1 }));
    expect(relayout(before, shifted).project).toBe(before);
  });
});

describe('a silent scene next to new cuts', () => {
  // Its prompt is written from its neighbours' words: when they change, it is prompted again, and counted.
  const word = (text: string, start: number): Word => ({ word: text, start, end: start + 0.4 });
  const base = newProject({
    id: 's',
    name: 'Pause',
    format: 'youtube',
    language: 'en',
    audio: { name: 'pause.wav', type: 'audio/wav', size: 1, duration: 24, codec: 'pcm_s16le' },
    now: 0,
  });
  const scenes: SceneRecord[] = [
    { index: 0, start: 0, end: 6, text: 'the probe', words: [word('the', 1), word('probe', 2)] },
    { index: 1, start: 6, end: 12, text: 'reached Jupiter', words: [word('reached', 7), word('Jupiter', 8)] },
    { index: 2, start: 12, end: 18, text: '', words: [] },
    { index: 3, start: 18, end: 24, text: 'at last', words: [word('at', 19), word('last', 20)] },
  ];
  const before = made({ ...base, scenes, guide: { text: '', revision: 0 } });

  it('counts its prompt and picture when the words it borrows change', () => {
    const { project: after, cost } = edited(before, { kind: 'move', cut: 0, by: 1 });
    expect(cost).toEqual({ prompts: 3, images: 3, scenes: [0, 1, 2] });
    expect(after.scenes![2]!.prompt).toEqual(before.scenes![2]!.prompt);
    expect(cutsCostText(cost)).toBe('3 prompt requests and 3 images');
  });

  it('keeps its own picture (only its prompt is written again), and a prompt the person wrote', () => {
    const ownPicture = useOwnPicture(before, 2, { key: 'image-own', type: 'image/png' });
    expect(cutsCost(ownPicture, relayout(ownPicture, movedSpans(ownPicture)))).toEqual({
      prompts: 3,
      images: 2,
      scenes: [0, 1, 2],
    });
    const written: Project = {
      ...before,
      scenes: before.scenes!.map((scene) =>
        scene.index === 2 ? { ...scene, prompt: { ...scene.prompt!, edited: true } } : scene,
      ),
    };
    expect(cutsCost(written, relayout(written, movedSpans(written)))).toMatchObject({ prompts: 2, images: 2 });
    expect(cutsCostText({ prompts: 1, images: 0 })).toBe('1 prompt request');
    expect(cutsCostText({ prompts: 0, images: 0 })).toBe('nothing');
  });

  function movedSpans(project: Project) {
    return editCuts(layoutOfProject(project), { kind: 'move', cut: 0, by: 1 })!.spans;
  }
});

describe('a scene’s length in the video', () => {
  const word = (text: string, start: number): Word => ({ word: text, start, end: start + 0.5 });
  // 9.4 s in the recording, with an "um" and a pause of 2.5 s (shortened to 0.4 s) that tighten takes out.
  const words = [
    word('The', 0.2),
    word('probe', 0.8),
    word('um', 1.4),
    word('reached', 2),
    word('Jupiter', 2.6),
    word('at', 5.6),
    word('last', 6.2),
    word('after', 6.8),
    word('six', 7.4),
    word('years', 8),
  ];
  const project = newProject({
    id: 't',
    name: 'Probe',
    format: 'youtube',
    tighten: { on: true },
    language: 'en',
    audio: { name: 'probe.wav', type: 'audio/wav', size: 1, duration: 15.4, codec: 'pcm_s16le' },
    now: 0,
  });
  const scenes: SceneRecord[] = [
    { index: 0, start: 0, end: 9.4, text: words.map((w) => w.word).join(' '), words },
    { index: 1, start: 9.4, end: 15.4, text: 'home', words: [word('home', 10)] },
  ];
  const tight = made({ ...project, scenes, guide: { text: '', revision: 0 } });

  it('leaves out what tighten cuts: the 9.4 s scene is under 8 s in the video, so no warning', () => {
    expect(lengthWarning(9.4)).toBe('9.4 s: longer than the 8 s we suggest');
    const [first] = videoLengths(tight);
    // The "um" (0.5 s and the silence around it) and 2.1 s of the pause are cut.
    expect(first).toBeLessThan(9.4 - 2.1 - 0.5);
    expect(first).toBeGreaterThan(5);
    expect(lengthWarning(first!)).toBeUndefined();
    // The frames its clip is made of say the same, to the frame.
    expect(Math.abs(clipPlan(tight, tight.scenes![0]!).frames / tight.fps - first!)).toBeLessThanOrEqual(1 / tight.fps);
  });

  it('is the recording’s with tighten off, and follows new cuts in a draft', () => {
    expect(videoLengths(setTighten(tight, false))).toEqual([9.4, 6]);
    const merged = relayout(tight, editCuts(layoutOfProject(tight), { kind: 'merge', cut: 0 })!.spans).project;
    const [one] = videoLengths(merged);
    const [a, b] = videoLengths(tight);
    expect(one).toBeCloseTo(a! + b!, 6);
  });
});

describe('any edits (properties)', () => {
  const edit: fc.Arbitrary<CutEdit> = fc.oneof(
    fc.record({ kind: fc.constant('move' as const), cut: fc.nat(12), by: fc.constantFrom(-1 as const, 1 as const) }),
    fc.record({ kind: fc.constant('merge' as const), cut: fc.nat(12) }),
    fc.record({ kind: fc.constant('split' as const), scene: fc.nat(12), word: fc.nat(20) }),
  );

  it('scenes with the same words keep their data, picture and clip; each new one costs one prompt and one picture', () => {
    fc.assert(
      fc.property(fc.nat(200), fc.array(edit, { minLength: 1, maxLength: 6 }), (seed, edits) => {
        const before = story(seed, { seconds: 40, captions: seed % 2 === 0 });
        let layout = layoutOfProject(before);
        for (const step of edits) layout = editCuts(layout, step) ?? layout;
        const result = relayout(before, layout.spans);
        const after = result.project;
        const cost = cutsCost(before, result);
        const fresh = result.kept.filter((from) => from === undefined).length;
        // A kept silent scene borrows its neighbours' words: new neighbours, a new prompt and picture.
        const silentAgain = (scene: SceneRecord) => scene.words.length === 0 && !sceneDone(after, scene, 'prompts');
        const keptScenes = (after.scenes ?? []).filter((scene) => result.kept[scene.index] !== undefined);
        expect(cost.prompts).toBe(fresh + keptScenes.filter(silentAgain).length);
        expect(cost.images).toBe(fresh + keptScenes.filter(silentAgain).length);
        // Its clip is made again (free) only when its time changed: a silent neighbour merged into it, or
        // a cut at its edge left out so that a new scene tighten would cut to nothing keeps its time
        // (see the test above); with captions, a word a cut no longer takes out before it can regroup them.
        const changed = cutsChanged(before, after);
        const captioned = before.captions !== 'none';
        for (const scene of keptScenes) {
          const old = before.scenes![result.kept[scene.index]!]!;
          const { start, end, ...data } = own(scene);
          expect(data).toEqual(withoutTime(own(old)));
          if (silentAgain(scene)) continue;
          expect(sceneDone(after, scene, 'images')).toBe(true);
          const touched = changed.some((cut) => cut.start < end && (captioned || cut.end > start));
          if (!touched && start === old.start && end === old.end) expect(sceneDone(after, scene, 'clips')).toBe(true);
        }
        expect(captionWords(after)).toEqual(captionWords(before));
        expect(totalFrames(after) - totalFrames(before)).toBe(
          Math.round((timeSaved(before) - timeSaved(after)) * before.fps),
        );
      }),
      { numRuns: 40 },
    );
  });
});
