// Progress of a batch of clips, as the harness reports it to the tests: frames per clip and the overall sum.

/** Progress of one clip (frames encoded so far) and of the whole batch. */
export interface RenderProgress {
  /** Index of the job in the batch whose count changed. */
  job: number;
  clipFrames: number;
  clipTotal: number;
  done: number;
  total: number;
}

export class ProgressTracker {
  private readonly done: number[];
  private readonly failed = new Set<number>();

  constructor(private readonly totals: readonly number[]) {
    this.done = totals.map(() => 0);
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
    };
  }

  /** Takes a clip that failed for good out of the batch, so the bar can still reach its end. */
  fail(job: number): RenderProgress {
    this.failed.add(job);
    return this.update(job, 0);
  }
}
