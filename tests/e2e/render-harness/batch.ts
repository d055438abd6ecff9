// A batch of clips on the render pool, one lane per worker, as the tests and the benchmark drive it (the
// app has its own scheduler, the runner's): each job's outcome, progress per clip and overall.
import type { DiskPath } from '$lib/pipeline/disk-path';
import type { ClipInput } from '$lib/pipeline/render-plan';
import type { RenderPool } from '$lib/render/pool';
import { ProgressTracker, type RenderProgress } from './progress';

/** One rendered scene: an MP4 of exactly `frames` frames, starting on a keyframe. */
export interface Clip {
  blob: Blob;
  frames: number;
}

/** How one job ended: its clip, or the error that stayed after the pool's retry, by its named class. */
export type ClipOutcome = { ok: true; clip: Clip } | { ok: false; error: Error };

export interface BatchOptions {
  /** Aborting rejects the batch with the abort's reason. */
  signal?: AbortSignal;
  onProgress?: (progress: RenderProgress) => void;
  /** Called as each clip is finished, in completion order. */
  onClip?: (job: number) => void;
}

/** A clip to render; with `output`, written to that file on disk (the OPFS) as the app writes clips. */
export type ClipJob = ClipInput & { output?: DiskPath };

/** Renders every job, `engine.lanes` at a time; a failed clip fails alone (its frames leave the total). */
export async function renderBatch(engine: RenderPool, jobs: ClipJob[], options: BatchOptions = {}) {
  const tracker = new ProgressTracker(jobs.map((job) => job.plan.frames));
  const outcomes: ClipOutcome[] = [];
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < jobs.length; index = next++) {
      const job = jobs[index] as ClipJob;
      const onProgress = (frames: number) => options.onProgress?.(tracker.update(index, frames));
      try {
        const blob = await engine.renderClip(job, { signal: options.signal, onProgress });
        outcomes[index] = { ok: true, clip: { blob, frames: job.plan.frames } };
        options.onClip?.(index);
      } catch (error) {
        if (options.signal?.aborted) throw error;
        outcomes[index] = { ok: false, error: error as Error };
        options.onProgress?.(tracker.fail(index));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(engine.lanes, jobs.length) }, lane));
  return outcomes;
}
