// The single-process store: a bounded map whose entries expire, evicting the least recently used first.
import type { Hits, SharedStore } from './shared-store';

interface Entry {
  value: string;
  expiresAt: number;
}

/** Enough for every scene of many long projects; each remembered answer is a few kilobytes at most. */
const DEFAULT_MEMORY_ENTRIES = 20_000;

export class MemoryStore implements SharedStore {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = DEFAULT_MEMORY_ENTRIES,
    private readonly now: () => number = Date.now,
  ) {}

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(key, entry); // most recently used goes last
    return entry;
  }

  private put(key: string, value: string, expiresAt: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  hit(key: string, windowMs: number): Promise<Hits> {
    const entry = this.live(key);
    const count = (entry ? Number(entry.value) : 0) + 1;
    const resetAt = entry?.expiresAt ?? this.now() + windowMs;
    this.put(key, String(count), resetAt);
    return Promise.resolve({ count, resetAt });
  }

  peek(key: string): Promise<Hits | undefined> {
    const entry = this.live(key);
    return Promise.resolve(entry && { count: Number(entry.value), resetAt: entry.expiresAt });
  }

  unhit(key: string): Promise<void> {
    const entry = this.live(key);
    if (entry) this.put(key, String(Math.max(0, Number(entry.value) - 1)), entry.expiresAt);
    return Promise.resolve();
  }

  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.live(key)?.value);
  }

  set(key: string, value: string, ttlMs: number): Promise<void> {
    this.put(key, value, this.now() + ttlMs);
    return Promise.resolve();
  }

  claim(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return Promise.resolve(false);
    this.put(key, value, this.now() + ttlMs);
    return Promise.resolve(true);
  }

  delete(key: string): Promise<void> {
    this.entries.delete(key);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.entries.clear();
    return Promise.resolve();
  }
}
