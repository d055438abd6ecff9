// The page-side render engine: a lazily started pool of render workers (ffmpeg.wasm, and the browser's
// own encoder for clips where it can), one call per worker at a time, with abort, and one retry of a
// clip whose engine crashed or hung.
import { proxy, type Remote } from 'comlink';
import { abortReason, anySignal, type LinkedAbort } from '../abort';
import type { RenderPlan } from '../pipeline/kenburns';
import type { DiskPath } from '../pipeline/disk-path';
import type { AssembleInput, ClipInput } from '../pipeline/render-plan';
import { EngineCrashError, isRetryable } from '../pipeline/errors';
import type { CallOptions, Engine } from './types';
import { WorkerSlot, connectWorker, type Connect } from './worker-slot';
import type { ClipEngine, EngineChoice, RenderApi } from '../../workers/render.worker';
import { rememberedEngineChoice } from '../store/engine-choice';

/** Each worker's wasm heap can grow towards 1 GB on long 1080p work; never more workers than this. */
const GB_PER_WORKER = 1;
const MAX_WORKERS = 6;

/** One worker per core, as many as the device's memory allows, at least one. */
export function defaultPoolSize(nav: { hardwareConcurrency?: number; deviceMemory?: number } = navigator): number {
  const cores = nav.hardwareConcurrency && nav.hardwareConcurrency > 0 ? nav.hardwareConcurrency : 2;
  const byMemory = nav.deviceMemory ? Math.floor(nav.deviceMemory / GB_PER_WORKER) : MAX_WORKERS;
  return Math.max(1, Math.min(cores, byMemory, MAX_WORKERS));
}

/** Which engine renders clips: the setting (read for each clip, so a change applies at once) and who hears it. */
interface EngineTuning {
  choice: () => EngineChoice;
  onEngine: (engine: ClipEngine) => void;
}

/** Nobody listens unless told (the app tells the progress panel, see `src/lib/run/engine.ts`). */
function ignore(): void {}

/** Whatever a worker threw, as an Error (comlink may pass on plain values). */
function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** How long a worker may stand idle before it is ended (a later call starts a fresh one). */
const IDLE_MS = 60_000;

/** What calls in flight reject with when the pool is disposed: an abort, not the work's failure. */
function disposed(): DOMException {
  return new DOMException('The render engine was shut down.', 'AbortError');
}

/**
 * How long a clip may go without a single frame of progress before its worker counts as hung: several
 * times what the whole clip takes at worst here (1080p in software ffmpeg.wasm runs at about 1x real
 * time per worker, slower when workers share cores), and never under 30 s, as loading the engine and
 * decoding a large image come before the first frame.
 */
export function stallLimitMs(plan: Pick<RenderPlan, 'frames' | 'fps'>): number {
  const worstMs = 2 * 1000 * (plan.frames / plan.fps);
  return Math.max(30_000, 5 * worstMs);
}

/** Aborts its signal (like a crash: a retryable EngineCrashError) when not fed for `ms`; follows `parent`. */
class Watchdog {
  private readonly link: LinkedAbort;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    parent: AbortSignal,
    private readonly ms: number,
    private readonly scene: number,
  ) {
    this.link = anySignal(parent);
    this.feed();
  }

  get signal(): AbortSignal {
    return this.link.signal;
  }

  feed(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const seconds = Math.round(this.ms / 1000);
      this.link.abort(
        new EngineCrashError(`Scene ${this.scene + 1} made no progress for ${seconds} s: the render hung.`),
      );
    }, this.ms);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.link.release();
  }
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
    private readonly stallMs: (plan: RenderPlan) => number = stallLimitMs,
    private readonly tuning: EngineTuning = { choice: rememberedEngineChoice, onEngine: ignore },
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

  /**
   * Runs a one-off call that loads ffmpeg.wasm on a worker, then ends that worker: its engine (some
   * 110 MB after reading an hour of audio) would otherwise stay loaded through every clip after it,
   * which the browser's own encoder renders without it. A later call starts a fresh worker.
   */
  private oneOff<T>(options: CallOptions, work: (api: Remote<RenderApi>) => Promise<T>): Promise<T> {
    return this.withSlot(options, async (slot, signal) => {
      try {
        return await slot.call(signal, work);
      } finally {
        slot.terminate();
      }
    });
  }

  probe(input: { file: Blob }, options: CallOptions = {}) {
    return this.oneOff(options, (api) => api.probe(input));
  }

  compactAudio(input: { file: Blob }, options: CallOptions = {}) {
    return this.oneOff(options, (api) => api.compactAudio(input));
  }

  /**
   * A crash, an out-of-memory or a hang (no progress for `stallLimitMs(plan)`) gets one more try, in
   * the fresh worker the slot then starts.
   */
  renderClip(
    input: ClipInput & { engine?: EngineChoice; output?: DiskPath },
    options: CallOptions = {},
  ): Promise<Blob> {
    return this.withSlot(options, async (slot, signal) => {
      for (let attempt = 1; ; attempt++) {
        const watchdog = new Watchdog(signal, this.stallMs(input.plan), input.plan.index);
        const onFrames = proxy((frames: number) => {
          watchdog.feed();
          options.onProgress?.(frames);
        });
        const onEngine = proxy(this.tuning.onEngine);
        const engine = input.engine ?? this.tuning.choice();
        try {
          return await slot.call(watchdog.signal, (api) => api.renderClip({ ...input, engine }, onFrames, onEngine));
        } catch (error) {
          if (signal.aborted) throw error;
          if (attempt > 1 || !isRetryable(error)) throw asError(error);
          options.onProgress?.(0);
        } finally {
          watchdog.stop();
        }
      }
    });
  }

  /**
   * The final assembly loads ffmpeg.wasm (a fresh engine: its code and heap, ~150 MB for an hour's
   * clips) at the end of a run, when the memory peaks. The workers the clips left idle (each with its
   * encoder's leftovers and its canvas) end first instead of a minute later, and the one assembling
   * ends after it, as after a probe: nothing is kept loaded while the finished video plays.
   */
  assemble(input: AssembleInput & { output?: DiskPath }, options: CallOptions = {}): Promise<Blob> {
    const onFraction = options.onProgress ? proxy(options.onProgress) : undefined;
    for (const slot of this.idle) slot.terminate();
    return this.oneOff(options, (api) => api.assemble(input, onFraction));
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

/**
 * The render engine the app uses; `lanes` (workers), `connect`, `idleMs`, `stallMs` and the clip engine
 * (`choice`, read for every clip; `onEngine`, told which engine renders each) are for tests and tuning.
 */
export function createRenderPool(
  options: {
    lanes?: number;
    connect?: Connect;
    idleMs?: number;
    stallMs?: (plan: RenderPlan) => number;
  } & Partial<EngineTuning> = {},
): RenderPool {
  const lanes = Math.max(1, options.lanes ?? defaultPoolSize());
  const tuning = { choice: options.choice ?? rememberedEngineChoice, onEngine: options.onEngine ?? ignore };
  return new RenderPool(lanes, options.connect ?? connectWorker, options.idleMs, options.stallMs, tuning);
}
