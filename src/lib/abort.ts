// Abort signals combined one way everywhere in the page: the runner's stop for all pieces in flight and
// the render pool's per-call signal (the caller's cancel or the pool's own shutdown).

/** Why a signal aborted, or a plain AbortError when it carries no reason. */
export function abortReason(signal: AbortSignal, message = 'The operation was aborted.'): unknown {
  return signal.reason ?? new DOMException(message, 'AbortError');
}

export interface LinkedAbort {
  /** Aborts as soon as any source does (with its reason), or when `abort()` is called. */
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
  /** Detaches from the sources once the work is over: they may live much longer than it. */
  release(): void;
}

/**
 * A signal that follows every given source, and can also be aborted on its own. One rule for the whole
 * page: listeners, not `AbortSignal.any`, which Safari lacks before 17.4 (listeners work in every browser
 * the app runs in). The price is `release()`, so that a long-lived source (the pool's lifetime, a run's
 * cancel) does not keep one listener per finished call.
 */
export function anySignal(...sources: (AbortSignal | undefined)[]): LinkedAbort {
  const controller = new AbortController();
  const linked = sources.filter((source): source is AbortSignal => source !== undefined);
  const listeners = linked.map((source) => {
    const follow = () => controller.abort(source.reason);
    source.addEventListener('abort', follow, { once: true });
    return () => source.removeEventListener('abort', follow);
  });
  const release = () => listeners.forEach((remove) => remove());
  const aborted = linked.find((source) => source.aborted);
  if (aborted) {
    controller.abort(aborted.reason);
    release();
  }
  controller.signal.addEventListener('abort', release, { once: true });
  return { signal: controller.signal, abort: (reason) => controller.abort(reason), release };
}
