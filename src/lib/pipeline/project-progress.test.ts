import { describe, expect, it } from 'vitest';
import { fixtureProject, withScene } from './project.fixture';
import { workId } from './project-plan';
import {
  chainedSecondsLeft,
  formatClock,
  formatEta,
  projectState,
  sceneStatusTable,
  secondsLeft,
  stepProgress,
} from './project-progress';

describe('sceneStatusTable', () => {
  it('gives each scene’s statuses, keeping the object of every scene whose statuses did not change', () => {
    const project = fixtureProject('prompts');
    const first = sceneStatusTable(project);
    expect(first).toHaveLength(4);
    expect(first[0]).toEqual({ prompts: 'done', images: 'pending', clips: 'pending' });

    // Scene 1's image is being drawn: only its entry is a new object.
    const second = sceneStatusTable(project, new Set([workId('images', 1)]), first);
    expect(second[1]).toEqual({ prompts: 'done', images: 'working', clips: 'pending' });
    expect(second[1]).not.toBe(first[1]);
    expect([second[0], second[2], second[3]]).toEqual([first[0], first[2], first[3]]);
    expect(second[0]).toBe(first[0]);
    expect(second[3]).toBe(first[3]);

    // A new project (every change makes one) with scene 2's image: the others keep theirs.
    const drawn = withScene(project, 2, { image: { key: 'image-x', type: 'image/png', source: 'own' } });
    const third = sceneStatusTable(drawn, new Set([workId('images', 1)]), second);
    expect(third[2]).toEqual({ prompts: 'done', images: 'done', clips: 'pending' });
    expect(third.filter((statuses, index) => statuses === second[index])).toHaveLength(3);
  });

  it('is what the step list counts', () => {
    const project = fixtureProject('images');
    const working = new Set([workId('clips', 0)]);
    expect(stepProgress(project, working, true, sceneStatusTable(project, working))).toEqual(
      stepProgress(project, working, true),
    );
  });
});

describe('stepProgress', () => {
  it('counts done, failed and working pieces per step', () => {
    const project = fixtureProject('prompts');
    project.scenes![3]!.failure = { step: 'images', message: 'no', retryable: true };
    const steps = stepProgress(project, new Set([workId('images', 0), workId('images', 1)]));
    expect(steps.map((s) => [s.step, s.done, s.total, s.failed, s.blocked, s.working, s.status])).toEqual([
      ['transcribe', 1, 1, 0, 0, 0, 'done'],
      ['scenes', 1, 1, 0, 0, 0, 'done'],
      ['prompts', 4, 4, 0, 0, 0, 'done'],
      ['images', 0, 4, 1, 0, 2, 'working'],
      // The failed image is counted where it failed; its clip waits on it.
      ['clips', 0, 4, 0, 1, 0, 'pending'],
      ['final', 0, 1, 0, 0, 0, 'pending'],
    ]);
  });

  it('counts a failure once, where it happened: later steps of that scene are blocked, not failed', () => {
    const project = fixtureProject('clips');
    const scene = project.scenes![2]!;
    Object.assign(scene, { prompt: undefined, image: undefined, clip: undefined });
    scene.failure = { step: 'prompts', message: 'refused', retryable: false };
    const rows = stepProgress(project).slice(2, 5);
    expect(rows.map((s) => [s.step, s.done, s.failed, s.blocked, s.status])).toEqual([
      ['prompts', 3, 1, 0, 'failed'],
      ['images', 3, 0, 1, 'blocked'],
      ['clips', 3, 0, 1, 'blocked'],
    ]);
    // Another scene’s clip still rendering keeps the row working.
    const rendering = withScene(project, 0, { clip: undefined });
    const busy = stepProgress(rendering, new Set([workId('clips', 0)]));
    expect(busy.find((s) => s.step === 'clips')).toMatchObject({ failed: 0, blocked: 1, status: 'working' });
  });

  it('keeps a started step working between its pieces while the run goes on, waiting once it stops', () => {
    let project = fixtureProject('prompts');
    project = withScene(withScene(project, 2, { prompt: undefined }), 3, { prompt: undefined });
    const prompts = (running: boolean) => stepProgress(project, new Set(), running).find((s) => s.step === 'prompts');
    expect(prompts(true)).toMatchObject({ done: 2, working: 0, status: 'working' });
    expect(prompts(false)).toMatchObject({ done: 2, status: 'pending' });
    // Not started yet: waiting, even while the run goes on.
    expect(stepProgress(project, new Set(), true).find((s) => s.step === 'images')).toMatchObject({
      done: 0,
      status: 'pending',
    });
    // A failure among the pieces does not hide that the rest are still coming.
    project = withScene(project, 0, {
      failure: { step: 'prompts', message: 'refused', retryable: false },
      prompt: undefined,
    });
    expect(prompts(true)).toMatchObject({ failed: 1, status: 'working' });
    expect(prompts(false)).toMatchObject({ failed: 1, status: 'failed' });
  });

  it('shows a project-wide failure at once, while the runner still holds its step', () => {
    const untranscribed = { ...fixtureProject('transcript'), transcript: undefined };
    const holding = new Set([workId('transcribe')]);
    const status = (project: typeof untranscribed) =>
      stepProgress(project, holding, true).find((s) => s.step === 'transcribe')?.status;
    expect(status(untranscribed)).toBe('working');
    expect(status({ ...untranscribed, failure: { step: 'transcribe', message: 'No speech', retryable: true } })).toBe(
      'failed',
    );
  });

  it('has nothing to count per scene before the scenes exist', () => {
    const steps = stepProgress(fixtureProject('transcript'));
    expect(steps.find((s) => s.step === 'prompts')).toMatchObject({ total: 0, status: 'pending' });
  });
});

describe('projectState', () => {
  it('is done only when the final video matches, failed when a piece failed', () => {
    expect(projectState(fixtureProject('final'))).toBe('done');
    expect(projectState(fixtureProject('clips'))).toBe('unfinished');
    const failed = fixtureProject('clips');
    failed.scenes![0]!.failure = { step: 'clips', message: 'x', retryable: true };
    expect(projectState(failed)).toBe('failed');
  });
});

describe('time estimates', () => {
  it('never promises a step sooner than the steps it waits on', () => {
    const sample = (doneSinceStart: number, remaining: number) => ({
      startedAt: 0,
      now: 10_000,
      doneSinceStart,
      remaining,
    });
    // Clips alone would be done in 10 s, but the images they need take 40 s more.
    const samples = { images: sample(2, 8), clips: sample(4, 4) };
    expect(chainedSecondsLeft('clips', samples)).toBe(40);
    expect(chainedSecondsLeft('images', samples)).toBe(40);
    // Once the images are all there, the clips' own pace is what counts.
    expect(chainedSecondsLeft('clips', { images: sample(10, 0), clips: sample(4, 4) })).toBe(10);
    // An upstream step still estimating does not hide the figure.
    expect(chainedSecondsLeft('clips', { images: sample(0, 8), clips: sample(4, 4) })).toBe(10);
    expect(chainedSecondsLeft('clips', { images: sample(2, 8), clips: sample(0, 4) })).toBeUndefined();
  });

  it('extrapolates the observed rate, and waits for a rate before guessing', () => {
    expect(secondsLeft({ startedAt: 0, now: 10_000, doneSinceStart: 2, remaining: 6 })).toBe(30);
    expect(secondsLeft({ startedAt: 0, now: 500, doneSinceStart: 1, remaining: 6 })).toBeUndefined();
    expect(secondsLeft({ startedAt: 0, now: 5000, doneSinceStart: 0, remaining: 6 })).toBeUndefined();
    expect(secondsLeft({ startedAt: 0, now: 5000, doneSinceStart: 3, remaining: 0 })).toBe(0);
  });

  it('formats rounded figures that do not flicker', () => {
    expect(formatEta(undefined)).toBe('estimating time…');
    expect(formatEta(0.2)).toBe('almost done');
    expect(formatEta(12)).toBe('about 10 s left');
    expect(formatEta(14)).toBe('about 15 s left');
    expect(formatEta(150)).toBe('about 3 min left');
    expect(formatEta(3900)).toBe('about 1 h 5 min left');
    expect(formatClock(67.25)).toBe('1:07.3');
    expect(formatClock(5)).toBe('0:05.0');
  });
});
