import { describe, expect, it } from 'vitest';
import { planMotion } from './kenburns';
import { fixtureProject } from './project.fixture';
import { assembleInput, clipPlan } from './render-plan';

describe('clipPlan', () => {
  it('plans a scene in the project’s format and frame rate, 6 s at 30 fps', () => {
    const project = fixtureProject('images');
    const plan = clipPlan(project, project.scenes![1]!);
    expect(plan).toMatchObject({ index: 1, width: 1920, height: 1080, fps: 30, frames: 180 });
  });

  it('gives a four-hour recording the same full bitrate as a short one (no memory ceiling any more)', () => {
    const short = fixtureProject('images');
    const long = {
      ...short,
      audio: { ...short.audio, duration: 4 * 3600, size: 4 * 3600 * 176_400, codec: 'pcm_s16le' },
    };
    const scene = short.scenes![0]!;
    expect(clipPlan(long, scene)).toEqual(planMotion(scene, 'youtube', { fps: 30 }));
    expect(clipPlan(long, scene).maxKbps).toBe(clipPlan(short, scene).maxKbps);
  });
});

describe('assembleInput', () => {
  it('pairs each clip with the frames of its scene, in scene order', () => {
    const project = { ...fixtureProject('clips'), fps: 25 };
    const clips = [0, 1, 2, 3].map((i) => ({ blob: new Blob([`clip ${i}`]) }));
    const audio = new Blob(['audio']);
    const input = assembleInput(project, clips, audio);
    expect(input.clips.map((clip) => clip.frames)).toEqual([150, 150, 150, 150]);
    expect(input.clips.map((clip) => clip.blob)).toEqual(clips.map((clip) => clip.blob));
    expect(input).toMatchObject({ audio, fps: 25 });
  });

  it('keeps where each clip is on disk, for the engine to read it from there', () => {
    const project = fixtureProject('clips');
    const clips = [{ blob: new Blob(['a']), disk: ['voiceframe', project.id, 'clip-0'] }, { blob: new Blob(['b']) }];
    const input = assembleInput(project, clips, new Blob(['audio']));
    expect(input.clips.map((clip) => clip.disk)).toEqual([['voiceframe', project.id, 'clip-0'], undefined]);
  });
});
