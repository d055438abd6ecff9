// Progress of a batch of clips: frames per clip, the overall sum, and an ETA from the measured speed.
import type { RenderProgress } from '$lib/render/types';

/** Seconds of measurement (and at least one frame) before an ETA is offered, so it is not wild. */
const MIN_ELAPSED_S = 1;

export class ProgressTracker {
  private readonly done: number[];
  private readonly failed = new Set<number>();
  private readonly startedAt: number;

  constructor(
    private readonly totals: readonly number[],
    private readonly now: () => number = () => performance.now(),
  ) {
    this.done = totals.map(() => 0);
    this.startedAt = now();
  }

  /** Frames still expected: a failed clip's frames are no longer part of the batch. */
  get total(): number {
    return this.totals.reduce((sum, frames, job) => sum + (this.failed.has(job) ? 0 : frames), 0);
  }

  /** Records that `job` has `frames` frames done (a retry may set it back to 0) and returns the new state. */
  update(job: number, frames: number): RenderProgress {
    const clipTotal = this.totals[job] ?? 0;
    this.done[job] = this.failed.has(job) ? 0 : Math.min(Math.max(frames, 0), clipTotal);
    const done = this.done.reduce((sum, value) => sum + value, 0);
    return {
      job,
      clipFrames: this.done[job] ?? 0,
      clipTotal,
      done,
      total: this.total,
      etaSeconds: this.eta(done),
    };
  }

  /** Takes a clip that failed for good out of the batch, so the bar can still reach its end. */
  fail(job: number): RenderProgress {
    this.failed.add(job);
    return this.update(job, 0);
  }

  private eta(done: number): number | undefined {
    const elapsed = (this.now() - this.startedAt) / 1000;
    if (done === 0 || elapsed < MIN_ELAPSED_S) return undefined;
    return ((this.total - done) * elapsed) / done;
  }
}
