import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captionWords } from '../captions/project-captions';
import { clipKey, finalKey, newProject, type Project } from '../project';
import { assembleInput, clipPlan } from '../render-plan';
import { segmentTranscript } from '../segment';
import { frameOf } from '../timeline';
import type { Word } from '../transcript';
import {
  activeCuts,
  applyCut,
  clipTimeInRecording,
  proposedCuts,
  setOwnFillers,
  setTighten,
  tightenedProject,
  timeSaved,
} from './project-tighten';
import { timeline } from './tighten.fixture';

function projectOf(words: Word[], duration: number, tighten = true): Project {
  const project = newProject({
    id: 'p',
    name: 'Talk',
    format: 'youtube',
    captions: 'word',
    language: 'en',
    audio: { name: 'talk.wav', type: 'audio/wav', size: 1, duration, codec: 'pcm_s16le' },
    now: 0,
    ...(tighten ? { tighten: { on: true } } : {}),
  });
  return { ...project, scenes: segmentTranscript(words, { duration, fps: project.fps }) };
}

/** Fourteen seconds of speech: two fillers and a 3 s pause, in two or three scenes. */
function talk(): Project {
  const words: Word[] = [];
  let t = 0.3;
  const say = (word: string, length = 0.4, gap = 0.1) => {
    words.push({ word, start: t, end: t + length });
    t += length + gap;
  };
  for (const word of ['So', 'the', 'probe', 'flew']) say(word);
  say('um,', 0.6, 0.2);
  for (const word of ['past', 'Jupiter', 'twice.']) say(word);
  t += 3;
  for (const word of ['Then', 'it', 'uh', 'dived', 'into', 'the', 'clouds', 'and', 'was', 'gone.']) say(word);
  return projectOf(words, t + 0.5);
}

/** A word the cuts keep (the fillers are cut). */
const words = (word: Word) => !['um,', 'uh'].includes(word.word);

const withClips = (project: Project): Project => ({
  ...project,
  scenes: project.scenes?.map((scene) => ({ ...scene, clip: { key: clipKey(scene, 'img', project) } })),
});

describe('a tightened project', () => {
  it('is the project itself when the option is off: keys, plans and audio as before', () => {
    const off = setTighten(talk(), false);
    expect(tightenedProject(off)).toBe(off);
    expect(assembleInput(off, [], new Blob()).cuts).toBeUndefined();
    const scene = off.scenes![1]!;
    expect(clipPlan(off, scene).frames).toBe(frameOf(scene.end, 30) - frameOf(scene.start, 30));
  });

  it('proposes the fillers and the pause, and saves their time', () => {
    const project = talk();
    const cuts = proposedCuts(project);
    expect(cuts.map((cut) => cut.words)).toEqual([['um,'], [], ['uh']]);
    expect(timeSaved(project)).toBeGreaterThan(3);
    expect(timeSaved(applyCut(project, cuts[1]!.id, false))).toBeLessThan(1.5);
    expect(proposedCuts(setOwnFillers(project, ['clouds']))).toHaveLength(4);
  });

  it('has captions without the cut fillers, every other word on the new timeline', () => {
    const project = talk();
    const words = captionWords(tightenedProject(project));
    expect(words.map((w) => w.word)).not.toContain('um,');
    expect(words.map((w) => w.word)).not.toContain('uh');
    expect(words).toHaveLength(16);
    const last = words.at(-1)!;
    const heard = project.scenes!.flatMap((s) => s.words).at(-1)!;
    expect(heard.start - last.start).toBeCloseTo(timeSaved(project), 9);
  });

  it('plays each word of a scene preview from where it was recorded, skipping what is cut', () => {
    const project = talk();
    const timed = tightenedProject(project);
    for (const scene of project.scenes!) {
      const clock = clipTimeInRecording(project, scene);
      const inClip = timed.scenes![scene.index]!;
      // Every kept word starts, on the clip's clock, where the voice says it in the recording.
      inClip.words.forEach((word, i) => {
        const heard = scene.words[i]!;
        if (words(heard)) expect(clock(word.start - inClip.start)).toBeCloseTo(heard.start, 6);
      });
    }
    // Without cuts the clip's clock is the recording's from the scene's start.
    const off = setTighten(project, false);
    const scene = off.scenes![1]!;
    expect(clipTimeInRecording(off, scene)(1.5)).toBeCloseTo(scene.start + 1.5, 9);
  });

  it('turning one cut back on changes only the clips that cut falls in, and the final video', () => {
    const project = withClips(talk());
    const cut = proposedCuts(project)[2]!;
    const without = applyCut(project, cut.id, false);
    const keysWith = project.scenes!.map((s) => clipKey(s, 'img', project));
    const keysWithout = without.scenes!.map((s) => clipKey(s, 'img', without));
    const touched = project.scenes!.filter((s) => s.start < cut.end && s.end > cut.start).map((s) => s.index);
    keysWith.forEach((key, i) => expect(key === keysWithout[i]).toBe(!touched.includes(i)));
    expect(finalKey(project, keysWith)).not.toBe(finalKey(without, keysWith));
  });

  it('has clips that add up to exactly round(new duration x fps) frames', () => {
    fc.assert(
      fc.property(timeline, fc.boolean(), ({ words, duration }, dropOne) => {
        if (duration < 1) return;
        let project = projectOf(words, duration);
        const first = proposedCuts(project)[0];
        if (dropOne && first) project = applyCut(project, first.id, false);
        const input = assembleInput(
          project,
          project.scenes!.map(() => ({ blob: new Blob() })),
          new Blob(),
        );
        const frames = input.clips.reduce((sum, clip) => sum + clip.frames, 0);
        expect(frames).toBe(Math.round((duration - timeSaved(project)) * 30));
        expect(input.clips.every((clip) => clip.frames >= 1)).toBe(true);
        expect(input.cuts ?? []).toEqual(activeCuts(project).map(({ start, end }) => ({ start, end })));
        const scenes = tightenedProject(project).scenes!;
        scenes.forEach((scene, i) => i > 0 && expect(scene.start).toBe(scenes[i - 1]!.end));
      }),
      { numRuns: 60 },
    );
  });
});
