// Counters and short-lived records the proxy keeps: in this process, or in Redis so every replica sees the same.

export interface Hits {
  /** Hits in the current window, this one included. */
  count: number;
  /** When the window ends (ms since the epoch). */
  resetAt: number;
}

export interface SharedStore {
  /** Adds one to a counter whose window starts at its first hit and lasts `windowMs`. */
  hit(key: string, windowMs: number): Promise<Hits>;
  /** The counter's current state, without adding to it. */
  peek(key: string): Promise<Hits | undefined>;
  /** Takes one back (a request that should not have counted). */
  unhit(key: string): Promise<void>;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Sets the value only when the key is free; true when this call took it. */
  claim(key: string, value: string, ttlMs: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}
