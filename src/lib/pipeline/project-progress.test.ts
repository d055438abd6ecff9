import { describe, expect, it } from 'vitest';
import { fixtureProject } from './project.fixture';
import { workId } from './project-plan';
import { formatClock, formatEta, projectState, secondsLeft, stepProgress } from './project-progress';

describe('stepProgress', () => {
  it('counts done, failed and working pieces per step', () => {
    const project = fixtureProject('prompts');
    project.scenes![3]!.failure = { step: 'images', message: 'no', retryable: true };
    const steps = stepProgress(project, new Set([workId('images', 0), workId('images', 1)]));
    expect(steps.map((s) => [s.step, s.done, s.total, s.failed, s.working, s.status])).toEqual([
      ['transcribe', 1, 1, 0, 0, 'done'],
      ['scenes', 1, 1, 0, 0, 'done'],
      ['prompts', 4, 4, 0, 0, 'done'],
      ['images', 0, 4, 1, 2, 'working'],
      ['clips', 0, 4, 1, 0, 'failed'],
      ['final', 0, 1, 0, 0, 'pending'],
    ]);
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
