// The page-side render engine: a lazily started pool of ffmpeg.wasm workers with progress, abort and retry.
import { proxy } from 'comlink';
import { isRetryable } from '../pipeline/errors';
import { ProgressTracker } from './progress';
import type {
  AssembleInput,
  AssembleOptions,
  AudioInfo,
  ClipJob,
  ClipOutcome,
  CompactAudio,
  RenderEngine,
  RenderOptions,
} from './types';
import { WorkerSlot, connectWorker, type Connect } from './worker-slot';

/** Each worker's wasm heap can grow towards 1 GB on long 1080p work; never more workers than this. */
const GB_PER_WORKER = 1;
const MAX_WORKERS = 6;

/** One worker per core, as many as the device's memory allows, at least one. */
export function defaultPoolSize(nav: { hardwareConcurrency?: number; deviceMemory?: number } = navigator): number {
  const cores = nav.hardwareConcurrency && nav.hardwareConcurrency > 0 ? nav.hardwareConcurrency : 2;
  const byMemory = nav.deviceMemory ? Math.floor(nav.deviceMemory / GB_PER_WORKER) : MAX_WORKERS;
  return Math.max(1, Math.min(cores, byMemory, MAX_WORKERS));
}

/** Whatever a worker threw, as an Error (comlink may pass on plain values). */
function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function fileName(blob: Blob): string {
  return 'name' in blob && typeof blob.name === 'string' && blob.name ? blob.name : 'The file';
}

class RenderPool implements RenderEngine {
  private readonly idle: WorkerSlot[];
  private readonly all: WorkerSlot[];
  private readonly waiting: ((slot: WorkerSlot) => void)[] = [];

  constructor(
    readonly size: number,
    connect: Connect,
  ) {
    this.all = Array.from({ length: size }, () => new WorkerSlot(connect));
    // Started slots first, so single calls reuse a loaded engine instead of starting another.
    this.idle = [...this.all];
  }

  private acquire(): Promise<WorkerSlot> {
    const started = this.idle.findIndex((slot) => slot.started);
    const slot = this.idle.splice(started >= 0 ? started : 0, 1)[0];
    return slot ? Promise.resolve(slot) : new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: WorkerSlot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else this.idle.push(slot);
  }

  private async withSlot<T>(work: (slot: WorkerSlot) => Promise<T>): Promise<T> {
    const slot = await this.acquire();
    try {
      return await work(slot);
    } finally {
      this.release(slot);
    }
  }

  probe(audio: Blob, options: { signal?: AbortSignal } = {}): Promise<AudioInfo> {
    return this.withSlot((slot) => slot.call(options.signal, (api) => api.probe(audio, fileName(audio))));
  }

  compactAudio(audio: Blob, options: { signal?: AbortSignal } = {}): Promise<CompactAudio> {
    return this.withSlot((slot) => slot.call(options.signal, (api) => api.compactAudio(audio)));
  }

  async assemble(input: AssembleInput, options: AssembleOptions = {}): Promise<Blob> {
    const onFraction = options.onProgress ? proxy(options.onProgress) : undefined;
    const bytes = await this.withSlot((slot) =>
      slot.call(options.signal, (api) =>
        api.assemble(
          input.clips.map((clip) => clip.blob),
          input.audio,
          input.clips.map((clip) => clip.frames),
          input.fps,
          onFraction,
        ),
      ),
    );
    return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'video/mp4' });
  }

  async renderClips(jobs: ClipJob[], options: RenderOptions = {}): Promise<ClipOutcome[]> {
    const tracker = new ProgressTracker(jobs.map((job) => job.plan.frames));
    const outcomes: ClipOutcome[] = [];
    // A clip's own failure is its outcome; only an abort or a callback's error (the caller's, e.g. a
    // full disk) stops the other lanes, whose workers are then terminated.
    const stop = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
    let next = 0;
    const renderOne = async (slot: WorkerSlot, index: number): Promise<ClipOutcome> => {
      const { image, plan } = jobs[index] as ClipJob;
      const onFrames = proxy((frames: number) => options.onProgress?.(tracker.update(index, frames)));
      for (let attempt = 1; ; attempt++) {
        try {
          const bytes = await slot.call(signal, (api) => api.renderClip(image, plan, onFrames));
          return { ok: true, clip: { bytes, frames: plan.frames } };
        } catch (error) {
          if (signal.aborted) throw error;
          // A crash or out-of-memory gets one more try, in the fresh worker the slot now starts.
          if (attempt > 1 || !isRetryable(error)) return { ok: false, error: asError(error) };
          options.onProgress?.(tracker.update(index, 0));
        }
      }
    };
    const settle = async (index: number, outcome: ClipOutcome) => {
      outcomes[index] = outcome;
      if (outcome.ok) return options.onClip?.(index, outcome.clip);
      options.onProgress?.(tracker.fail(index));
      return options.onClipError?.(index, outcome.error);
    };
    const lane = (slot: WorkerSlot) => async () => {
      for (let index = next++; index < jobs.length; index = next++) await settle(index, await renderOne(slot, index));
    };
    const lanes = Math.min(this.size, jobs.length);
    const runs = Array.from({ length: lanes }, () =>
      this.withSlot((slot) => lane(slot)()).catch((error: unknown) => {
        stop.abort(error);
        throw error;
      }),
    );
    const results = await Promise.allSettled(runs);
    const failure = results.find((result) => result.status === 'rejected');
    // Report the abort or the callback's error, not the aborts it caused in the other lanes.
    if (failure) throw options.signal?.aborted ? options.signal.reason : stop.signal.reason;
    return outcomes;
  }

  dispose(): void {
    for (const slot of this.all) slot.terminate();
  }
}

/** The render engine the app uses; `size` and `connect` are for tests and tuning. */
export function createRenderPool(options: { size?: number; connect?: Connect } = {}): RenderEngine {
  return new RenderPool(Math.max(1, options.size ?? defaultPoolSize()), options.connect ?? connectWorker);
}
