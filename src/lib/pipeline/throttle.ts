// Progress that arrives far more often than anyone can see it (a clip reports every frame it encodes,
// ~50 times a second per worker) is passed on a few times a second: every report crosses from the
// worker to the page and through the page's state, and each one made garbage for no visible change.

export interface Throttled<T> {
  /** Takes a value: passed on at once if the last one went at least `intervalMs` ago, else held. */
  push(value: T): void;
  /** Passes on the value held back, if any (the last word before the work ends). */
  flush(): void;
}

/** Passes on at most one value per `intervalMs`: the first at once, the latest held back until `flush`. */
export function throttle<T>(send: (value: T) => void, intervalMs: number, now: () => number = Date.now): Throttled<T> {
  let sentAt = -Infinity;
  let held: { value: T } | undefined;
  return {
    push(value) {
      const at = now();
      if (at - sentAt >= intervalMs) {
        held = undefined;
        sentAt = at;
        send(value);
      } else held = { value };
    },
    flush() {
      if (!held) return;
      const { value } = held;
      held = undefined;
      sentAt = now();
      send(value);
    },
  };
}
