// The page-side render engine: a lazily started pool of ffmpeg.wasm workers, one call per worker at a
// time, with abort, and one retry of a clip whose engine crashed.
import { proxy } from 'comlink';
import { abortReason, anySignal } from '../abort';
import type { AssembleInput, ClipInput } from '../pipeline/render-plan';
import { isRetryable } from '../pipeline/errors';
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

/** How long a worker may stand idle before it is ended (a later call starts a fresh one). */
export const IDLE_MS = 60_000;

/** What calls in flight reject with when the pool is disposed: an abort, not the work's failure. */
function disposed(): DOMException {
  return new DOMException('The render engine was shut down.', 'AbortError');
}

export class RenderPool implements Engine {
  private readonly idle: WorkerSlot[];
  private readonly all: WorkerSlot[];
  private readonly waiting: ((slot: WorkerSlot) => void)[] = [];
  /** Aborted by `dispose()`, so every call in flight or waiting for a worker rejects at once. */
  private lifetime = new AbortController();

  constructor(
    readonly lanes: number,
    connect: Connect,
    private readonly idleMs = IDLE_MS,
  ) {
    this.all = Array.from({ length: lanes }, () => new WorkerSlot(connect));
    // Started slots first, so single calls reuse a loaded engine instead of starting another.
    this.idle = [...this.all];
  }

  private acquire(signal: AbortSignal): Promise<WorkerSlot> {
    if (signal.aborted) return Promise.reject(abortReason(signal));
    const started = this.idle.findIndex((slot) => slot.started);
    const slot = this.idle.splice(started >= 0 ? started : 0, 1)[0];
    if (slot) {
      slot.keep();
      return Promise.resolve(slot);
    }
    return new Promise((resolve, reject) => {
      const take = (slot: WorkerSlot) => {
        signal.removeEventListener('abort', cancel);
        resolve(slot);
      };
      const cancel = () => {
        this.waiting.splice(this.waiting.indexOf(take), 1);
        reject(abortReason(signal));
      };
      signal.addEventListener('abort', cancel, { once: true });
      this.waiting.push(take);
    });
  }

  private release(slot: WorkerSlot): void {
    const next = this.waiting.shift();
    if (next) return next(slot);
    this.idle.push(slot);
    slot.retireAfter(this.idleMs);
  }

  /** Runs `work` on a free worker, with the caller's signal joined by the pool's own shutdown. */
  private async withSlot<T>(
    options: CallOptions,
    work: (slot: WorkerSlot, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const link = anySignal(options.signal, this.lifetime.signal);
    try {
      const slot = await this.acquire(link.signal);
      try {
        return await work(slot, link.signal);
      } finally {
        this.release(slot);
      }
    } finally {
      link.release();
    }
  }

  probe(input: { file: Blob }, options: CallOptions = {}) {
    return this.withSlot(options, (slot, signal) => slot.call(signal, (api) => api.probe(input)));
  }

  compactAudio(input: { file: Blob }, options: CallOptions = {}) {
    return this.withSlot(options, (slot, signal) => slot.call(signal, (api) => api.compactAudio(input)));
  }

  /** A crash or out-of-memory gets one more try, in the fresh worker the slot then starts. */
  renderClip(input: ClipInput, options: CallOptions = {}): Promise<Blob> {
    const onFrames = options.onProgress ? proxy(options.onProgress) : undefined;
    return this.withSlot(options, async (slot, signal) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await slot.call(signal, (api) => api.renderClip(input, onFrames));
        } catch (error) {
          if (signal.aborted) throw error;
          if (attempt > 1 || !isRetryable(error)) throw asError(error);
          options.onProgress?.(0);
        }
      }
    });
  }

  assemble(input: AssembleInput, options: CallOptions = {}): Promise<Blob> {
    const onFraction = options.onProgress ? proxy(options.onProgress) : undefined;
    return this.withSlot(options, (slot, signal) => slot.call(signal, (api) => api.assemble(input, onFraction)));
  }

  /**
   * Terminates all workers and rejects every call in flight or waiting with an AbortError; the pool
   * starts new workers if used again.
   */
  dispose(): void {
    const ending = this.lifetime;
    this.lifetime = new AbortController();
    ending.abort(disposed());
    for (const slot of this.all) slot.terminate();
  }
}

/** The render engine the app uses; `lanes` (workers), `connect` and `idleMs` are for tests and tuning. */
export function createRenderPool(options: { lanes?: number; connect?: Connect; idleMs?: number } = {}): RenderPool {
  const lanes = Math.max(1, options.lanes ?? defaultPoolSize());
  return new RenderPool(lanes, options.connect ?? connectWorker, options.idleMs);
}
