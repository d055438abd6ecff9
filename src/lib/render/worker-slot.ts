// One render worker as the pool sees it: started lazily, raced against abort and death, replaceable.
import { wrap, type Remote } from 'comlink';
import type { RenderApi } from '../../workers/render.worker';
import { abortReason } from '../abort';
import {
  AppUpdatedError,
  EngineCrashError,
  EngineLoadError,
  EngineOfflineError,
  isRetryable,
  reviveError,
} from '../pipeline/errors';

export interface Connection {
  api: Remote<RenderApi>;
  /** Rejects if the worker dies on its own (e.g. the browser kills it for memory). */
  died: Promise<never>;
  terminate(): void;
}

export type Connect = () => Connection;

/**
 * Whether the page's code is out of date (a newer version deployed). The app sets it (see
 * `UpdateNotice`); elsewhere (test harnesses) nothing says so.
 */
let pageOutdated: () => Promise<boolean> = () => Promise.resolve(false);

/** Tells the workers how to learn that a newer version of the app was deployed. */
export function checkForUpdatesWith(check: () => Promise<boolean>): void {
  pageOutdated = check;
}

/**
 * Why a worker fired `error`. An error thrown inside it is an `ErrorEvent` with a message; a script
 * that never loaded (a plain `Event`) is, in a tab left open across an update, the old version's
 * file that the server no longer has: then the page is out of date, and retrying cannot help.
 */
async function workerError(event: Event): Promise<Error> {
  if (event instanceof ErrorEvent && event.message) {
    return new EngineCrashError(`The render worker stopped: ${event.message}`);
  }
  if (await pageOutdated()) return new AppUpdatedError();
  return new EngineLoadError('The render worker could not be loaded.');
}

/**
 * An engine that could not be fetched while the browser is offline is waiting for the connection, not
 * broken: trying again in a fresh worker cannot help until it is back, and the scene has nothing to retry.
 */
function offlineOr(error: unknown): unknown {
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  return offline && error instanceof EngineLoadError ? new EngineOfflineError({ cause: error }) : error;
}

/** The real thing: a module worker built by Vite from src/workers/render.worker.ts. */
export const connectWorker: Connect = () => {
  const worker = new Worker(new URL('../../workers/render.worker.ts', import.meta.url), {
    type: 'module',
    name: 'voiceframe-render',
  });
  const died = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => void workerError(event).then(reject));
  });
  died.catch(() => {});
  return { api: wrap<RenderApi>(worker), died, terminate: () => worker.terminate() };
};

const CANCELLED = 'The render was cancelled.';

export class WorkerSlot {
  private connection: Connection | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly connect: Connect) {}

  get started(): boolean {
    return this.connection !== undefined;
  }

  /** Ends the worker (a running wasm call cannot be interrupted any other way); the next call starts a new one. */
  terminate(): void {
    this.keep();
    this.connection?.terminate();
    this.connection = undefined;
  }

  /** Ends the worker once it has stood idle for `ms`: its wasm heap may hold up to ~1 GB. */
  retireAfter(ms: number): void {
    this.keep();
    if (this.started) this.idleTimer = setTimeout(() => this.terminate(), ms);
  }

  /** Keeps the worker (it has work again). */
  keep(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  /**
   * Runs `work` on this slot's worker. Abort terminates the worker and rejects at once; errors come
   * back as their named classes, and after a crash the worker is replaced before the next call.
   */
  async call<T>(signal: AbortSignal | undefined, work: (api: Remote<RenderApi>) => Promise<T>): Promise<T> {
    if (signal?.aborted) throw abortReason(signal, CANCELLED);
    const connection = (this.connection ??= this.connect());
    let onAbort = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        this.terminate();
        reject(abortReason(signal as AbortSignal, CANCELLED));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([work(connection.api), aborted, connection.died]);
    } catch (error) {
      const revived = reviveError(error);
      // A worker whose engine (or script) failed to load is replaced, offline or not.
      if (isRetryable(revived) && this.connection === connection) this.terminate();
      throw offlineOr(revived);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
