// The render engine as the app sees it: the worker's API, each call made on a pool of workers with an
// abort signal and progress. One description of the engine, derived from the worker's own type.
import type { RenderApi } from '../../workers/render.worker';

export interface CallOptions {
  /** Aborting terminates the worker doing the call and rejects with the abort's reason (an AbortError). */
  signal?: AbortSignal;
  /**
   * What the worker reports on the way: a clip's frames encoded so far (back to 0 when it is tried again
   * in a fresh worker), or the fraction 0..1 of the final video written; a probe reports nothing.
   */
  onProgress?: (value: number) => void;
}

/** A worker call made through the pool: the same input, result and named errors, plus the call's options. */
type PoolCall<Call> = Call extends (input: infer Input, ...progress: never[]) => infer Result
  ? (input: Input, options?: CallOptions) => Result
  : never;

/**
 * The in-browser media engine (ffmpeg.wasm workers, `createRenderPool()` in `pool.ts`), as the runner
 * uses it; the methods are documented on the worker's `api`. Workers start on first use. Failures reject
 * with the named errors of `src/lib/pipeline/errors.ts`; a clip whose engine crashed, ran out of memory or hung
 * has been tried once more in a fresh worker before its error comes back.
 */
export type Engine = { readonly [Name in keyof RenderApi]: PoolCall<RenderApi[Name]> } & {
  /** How many calls run at once (one per worker): the runner keeps that many clips going. */
  readonly lanes: number;
};
