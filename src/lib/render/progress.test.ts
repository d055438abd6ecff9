import { describe, expect, it } from 'vitest';
import { ProgressTracker } from '../../../tests/e2e/render-harness/progress';

describe('ProgressTracker', () => {
  it('sums frames over clips and reports each clip', () => {
    let now = 0;
    const tracker = new ProgressTracker([157, 237, 191], () => now);
    expect(tracker.total).toBe(585);
    now = 500;
    expect(tracker.update(1, 100)).toEqual({
      job: 1,
      clipFrames: 100,
      clipTotal: 237,
      done: 100,
      total: 585,
      etaSeconds: undefined,
    });
    now = 2000;
    const progress = tracker.update(0, 95);
    expect(progress).toMatchObject({ job: 0, clipFrames: 95, done: 195 });
    // 195 frames in 2 s: the other 390 take 4 s more.
    expect(progress.etaSeconds).toBeCloseTo(4);
  });

  it('clamps counts to the clip and goes back to zero when a clip is retried', () => {
    const tracker = new ProgressTracker([10, 20], () => 0);
    expect(tracker.update(0, 99).done).toBe(10);
    expect(tracker.update(0, 0).done).toBe(0);
    expect(tracker.update(5, 3).done).toBe(0);
  });

  it('drops a failed clip from the batch, so done can still reach total', () => {
    const tracker = new ProgressTracker([10, 20, 30], () => 0);
    tracker.update(0, 10);
    tracker.update(1, 12);
    expect(tracker.fail(1)).toMatchObject({ job: 1, clipFrames: 0, done: 10, total: 40 });
    // A late progress report from the failed clip's worker changes nothing.
    expect(tracker.update(1, 20)).toMatchObject({ done: 10, total: 40 });
    expect(tracker.update(2, 30)).toMatchObject({ done: 40, total: 40 });
  });
});
