// The page-side render engine: a lazily started pool of ffmpeg.wasm workers, one call per worker at a
// time, with abort, and one retry of a clip whose engine crashed.
import { proxy } from 'comlink';
import type { AssembleInput, ClipInput } from '../pipeline/render-plan';
import { isRetryable } from './errors';
import type { CallOptions, Engine } from './types';
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

export class RenderPool implements Engine {
  private readonly idle: WorkerSlot[];
  private readonly all: WorkerSlot[];
  private readonly waiting: ((slot: WorkerSlot) => void)[] = [];

  constructor(
    readonly lanes: number,
    connect: Connect,
  ) {
    this.all = Array.from({ length: lanes }, () => new WorkerSlot(connect));
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

  probe(input: { file: Blob }, options: CallOptions = {}) {
    return this.withSlot((slot) => slot.call(options.signal, (api) => api.probe(input)));
  }

  compactAudio(input: { file: Blob }, options: CallOptions = {}) {
    return this.withSlot((slot) => slot.call(options.signal, (api) => api.compactAudio(input)));
  }

  /** A crash or out-of-memory gets one more try, in the fresh worker the slot then starts. */
  renderClip(input: ClipInput, options: CallOptions = {}): Promise<Blob> {
    const onFrames = options.onProgress ? proxy(options.onProgress) : undefined;
    return this.withSlot(async (slot) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await slot.call(options.signal, (api) => api.renderClip(input, onFrames));
        } catch (error) {
          if (options.signal?.aborted) throw error;
          if (attempt > 1 || !isRetryable(error)) throw asError(error);
          options.onProgress?.(0);
        }
      }
    });
  }

  assemble(input: AssembleInput, options: CallOptions = {}): Promise<Blob> {
    const onFraction = options.onProgress ? proxy(options.onProgress) : undefined;
    return this.withSlot((slot) => slot.call(options.signal, (api) => api.assemble(input, onFraction)));
  }

  /** Terminates all workers; the pool starts new ones if used again. */
  dispose(): void {
    for (const slot of this.all) slot.terminate();
  }
}

/** The render engine the app uses; `lanes` (workers) and `connect` are for tests and tuning. */
export function createRenderPool(options: { lanes?: number; connect?: Connect } = {}): RenderPool {
  return new RenderPool(Math.max(1, options.lanes ?? defaultPoolSize()), options.connect ?? connectWorker);
}
