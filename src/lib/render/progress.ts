// Progress of a batch of clips: frames per clip, the overall sum, and an ETA from the measured speed.
import type { RenderProgress } from './types';

/** Seconds of measurement (and at least one frame) before an ETA is offered, so it is not wild. */
const MIN_ELAPSED_S = 1;

export class ProgressTracker {
  private readonly done: number[];
  readonly total: number;
  private readonly startedAt: number;

  constructor(
    private readonly totals: readonly number[],
    private readonly now: () => number = () => performance.now(),
  ) {
    this.done = totals.map(() => 0);
    this.total = totals.reduce((sum, frames) => sum + frames, 0);
    this.startedAt = now();
  }

  /** Records that `job` has `frames` frames done (a retry may set it back to 0) and returns the new state. */
  update(job: number, frames: number): RenderProgress {
    const clipTotal = this.totals[job] ?? 0;
    this.done[job] = Math.min(Math.max(frames, 0), clipTotal);
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

  private eta(done: number): number | undefined {
    const elapsed = (this.now() - this.startedAt) / 1000;
    if (done === 0 || elapsed < MIN_ELAPSED_S) return undefined;
    return ((this.total - done) * elapsed) / done;
  }
}
