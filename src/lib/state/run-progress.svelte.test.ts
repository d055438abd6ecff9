import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixtureProject } from '../pipeline/project.fixture';
import { workId } from '../pipeline/project-plan';
import type { Project } from '../pipeline/project';
import { RunProgress } from './run-progress.svelte';

const statusOf = (progress: RunProgress, step: string) => progress.steps.find((line) => line.step === step)?.status;

describe('RunProgress', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('shows the project’s steps and scenes, and the pieces being worked on', () => {
    // Reactive, as the document's project is.
    const page = $state<{ project?: Project }>({});
    const fresh = new RunProgress(() => page.project);
    expect(fresh.steps).toEqual([]);
    expect(fresh.sceneStatuses(0)).toEqual({ prompts: 'pending', images: 'pending', clips: 'pending' });

    // The project opens: the steps follow it.
    page.project = fixtureProject('prompts');
    expect(statusOf(fresh, 'prompts')).toBe('done');
    expect(statusOf(fresh, 'images')).toBe('pending');
    fresh.begin();
    fresh.work(workId('images', 1), true);
    expect(statusOf(fresh, 'images')).toBe('working');
    expect(fresh.sceneStatuses(1)).toEqual({ prompts: 'done', images: 'working', clips: 'pending' });
    fresh.work(workId('images', 1), false);
    expect(fresh.sceneStatuses(1).images).toBe('pending');
    // A card whose scene did not change is given the same object: it has nothing to update.
    const other = fresh.sceneStatuses(0);
    const changed = fresh.sceneStatuses(1);
    fresh.work(workId('images', 1), true);
    expect(fresh.sceneStatuses(0)).toBe(other);
    expect(fresh.sceneStatuses(1)).not.toBe(changed);
    fresh.end();
  });

  it('counts the time left down every second from the pace measured in this run', () => {
    const progress = new RunProgress(() => fixtureProject('prompts'));
    progress.report('images', 0, 4);
    expect(progress.eta('images')).toBeUndefined();

    progress.begin();
    progress.report('images', 0, 4);
    expect(progress.eta('images')).toBe('estimating time…');
    vi.advanceTimersByTime(2000);
    progress.report('images', 1, 4);
    // 2 s for one image, three to go.
    expect(progress.eta('images')).toBe('about 5 s left');
    // No report for a while: the ticker alone makes the estimate grow.
    vi.advanceTimersByTime(10_000);
    expect(progress.eta('images')).toBe('about 35 s left');
    // A total that changes (a scene retried) keeps the pace measured so far.
    progress.report('images', 1, 5);
    expect(progress.eta('images')).toBe('about 50 s left');
    progress.report('images', 5, 5);
    expect(progress.eta('images')).toBeUndefined();
    progress.end();
  });

  it('never promises a step sooner than the step it waits on', () => {
    const progress = new RunProgress(() => fixtureProject('prompts'));
    progress.begin();
    progress.report('images', 0, 4);
    progress.report('clips', 0, 4);
    vi.advanceTimersByTime(2000);
    progress.report('images', 1, 4);
    progress.report('clips', 1, 4);
    progress.report('clips', 3, 4);
    expect(progress.eta('clips')).toBe('about 5 s left');
    progress.end();
  });

  it('forgets the last run’s pace, notices and pieces; the ticker stops with the run', () => {
    const progress = new RunProgress(() => fixtureProject('prompts'));
    progress.begin();
    progress.report('images', 0, 4);
    vi.advanceTimersByTime(4000);
    progress.report('images', 1, 4);
    progress.notice('images', 'Rate limited, retrying in 5 s');
    progress.work(workId('images', 2), true);
    expect(progress.notices).toEqual({ images: 'Rate limited, retrying in 5 s' });
    progress.end();
    expect(progress.running).toBe(false);
    expect(progress.notices).toEqual({});
    expect(progress.working.size).toBe(0);
    expect(progress.eta('images')).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);

    progress.begin();
    expect(progress.running).toBe(true);
    progress.report('images', 1, 4);
    expect(progress.eta('images')).toBe('estimating time…');
    progress.end();
  });
});
