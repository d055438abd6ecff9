// Each paid call at most once: answers remembered by idempotency key, and a repeat of a running call joins it.
import { createHash } from 'node:crypto';
import { ApiError } from './errors';
import type { SharedStore } from './store';

/** How a keyed request was answered. */
export type Outcome = 'new' | 'remembered' | 'joined';

/** One remembered call: where it is kept and what request it was for. */
export interface Slot {
  /** Store key: the caller's identity, the route and their key, hashed together. */
  id: string;
  /** Hash of the request's content, so a key reused for another request is refused, not answered wrongly. */
  fingerprint: string;
}

/** What the store holds under a slot: only the fingerprint while the call runs, then its answer too. */
interface Stored {
  fingerprint: string;
  value?: unknown;
}

const KEY_SHAPE = /^[\x21-\x7e]{1,200}$/;

export function sha256(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/** `identity` is whatever tells callers apart (their credentials or address); keys never cross it. */
export function slotFor(identity: string, route: string, key: string, content: (string | Uint8Array)[]): Slot {
  if (!KEY_SHAPE.test(key)) {
    throw new ApiError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 1 to 200 visible ASCII characters.');
  }
  return { id: `vf:once:${sha256(identity, route, key)}`, fingerprint: sha256(route, ...content) };
}

function checkSame(stored: string, asked: string): void {
  if (stored !== asked) {
    throw new ApiError(
      422,
      'idempotency_key_reused',
      'This Idempotency-Key was already used for a different request; send a new key for new content.',
    );
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Idempotency {
  /** Calls running in this process, so concurrent repeats join without a store round trip. */
  private running = new Map<string, { fingerprint: string; result: Promise<{ value: unknown; outcome: Outcome }> }>();

  constructor(
    private readonly store: SharedStore,
    private readonly ttlMs: number,
    private readonly pollMs = 200,
  ) {}

  /**
   * Runs `work` unless the slot already holds an answer (returned as is) or another request, here or on
   * another replica, is running it (its answer is awaited). Only successes are remembered: after a
   * failure the same key runs again. `limitMs` bounds how long a running call holds the slot.
   */
  once<T>(slot: Slot, work: () => Promise<T>, limitMs: number): Promise<{ value: T; outcome: Outcome }> {
    const local = this.running.get(slot.id);
    if (local) {
      checkSame(local.fingerprint, slot.fingerprint);
      return local.result.then(({ value }) => ({ value: value as T, outcome: 'joined' }));
    }
    const result = this.settle(slot, work, limitMs);
    this.running.set(slot.id, { fingerprint: slot.fingerprint, result });
    const forget = () => this.running.delete(slot.id);
    result.then(forget, forget);
    return result as Promise<{ value: T; outcome: Outcome }>;
  }

  private async settle<T>(slot: Slot, work: () => Promise<T>, limitMs: number) {
    const deadline = Date.now() + limitMs;
    let waited = false;
    for (;;) {
      const raw = await this.store.get(slot.id);
      if (raw !== undefined) {
        const stored = JSON.parse(raw) as Stored;
        checkSame(stored.fingerprint, slot.fingerprint);
        if ('value' in stored)
          return { value: stored.value as T, outcome: waited ? 'joined' : ('remembered' as Outcome) };
        // Another replica is running it: wait for its answer rather than paying twice.
        if (Date.now() > deadline) {
          throw new ApiError(503, 'still_running', 'The same request is still running; try again shortly.', {
            retryable: true,
            retryAfter: '5',
          });
        }
        waited = true;
        await sleep(this.pollMs);
        continue;
      }
      const pending: Stored = { fingerprint: slot.fingerprint };
      if (await this.store.claim(slot.id, JSON.stringify(pending), limitMs)) break;
    }
    let value: T;
    try {
      value = await work();
    } catch (err) {
      await this.store.delete(slot.id);
      throw err;
    }
    const done: Stored = { fingerprint: slot.fingerprint, value };
    await this.store.set(slot.id, JSON.stringify(done), this.ttlMs);
    return { value, outcome: 'new' as Outcome };
  }
}
