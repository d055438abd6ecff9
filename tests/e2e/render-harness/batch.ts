// A batch of clips on the render pool, one lane per worker, as the tests and the benchmark drive it (the
// app has its own scheduler, the runner's): each job's outcome, progress per clip and overall.
import type { Clip, ClipJob, RenderEngine } from '$lib/render/types';
import { ProgressTracker, type RenderProgress } from './progress';

/** How one job ended: its clip, or the error that stayed after the pool's retry, by its named class. */
export type ClipOutcome = { ok: true; clip: Clip } | { ok: false; error: Error };

export interface BatchOptions {
  /** Aborting rejects the batch with the abort's reason. */
  signal?: AbortSignal;
  onProgress?: (progress: RenderProgress) => void;
  /** Called as each clip is finished, in completion order. */
  onClip?: (job: number) => void;
}

/** Renders every job, `engine.size` at a time; a failed clip fails alone (its frames leave the total). */
export async function renderBatch(engine: RenderEngine, jobs: ClipJob[], options: BatchOptions = {}) {
  const tracker = new ProgressTracker(jobs.map((job) => job.plan.frames));
  const outcomes: ClipOutcome[] = [];
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < jobs.length; index = next++) {
      const onFrames = (frames: number) => options.onProgress?.(tracker.update(index, frames));
      try {
        const clip = await engine.renderClip(jobs[index] as ClipJob, { signal: options.signal, onFrames });
        outcomes[index] = { ok: true, clip };
        options.onClip?.(index);
      } catch (error) {
        if (options.signal?.aborted) throw error;
        outcomes[index] = { ok: false, error: error as Error };
        options.onProgress?.(tracker.fail(index));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(engine.size, jobs.length) }, lane));
  return outcomes;
}
