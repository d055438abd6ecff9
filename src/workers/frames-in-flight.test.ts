import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FramesInFlight, MAX_FRAMES_IN_FLIGHT } from './frames-in-flight';

const HOLD_MS = 1000;

/** An encoder's queue, and how the gate reads it. */
function queue(size = 0): { encodeQueueSize: number; untaken: () => number } {
  const encoder = { encodeQueueSize: size, untaken: () => encoder.encodeQueueSize };
  return encoder;
}

/** Whether `promise` has settled once pending timers up to `ms` from now have run. */
async function settledWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  await vi.advanceTimersByTimeAsync(ms);
  return settled;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('FramesInFlight', () => {
  it('lets frames through at once until the limit is in flight', async () => {
    const gate = new FramesInFlight(queue().untaken, HOLD_MS, 2);
    expect(
      await settledWithin(
        gate.room(() => false),
        0,
      ),
    ).toBe(true);
    gate.given();
    expect(
      await settledWithin(
        gate.room(() => false),
        0,
      ),
    ).toBe(true);
    gate.given();
    expect(
      await settledWithin(
        gate.room(() => false),
        HOLD_MS / 2,
      ),
    ).toBe(false);
  });

  it('makes room as soon as an encoded frame comes back', async () => {
    const gate = new FramesInFlight(queue().untaken, HOLD_MS, 2);
    gate.given();
    gate.given();
    const room = gate.room(() => false);
    expect(await settledWithin(room, 10)).toBe(false);
    gate.returned();
    expect(await settledWithin(room, 0)).toBe(true);
    expect(gate.limit).toBe(2);
  });

  it('keeps waiting, the limit unchanged, while the encoder has frames it has not taken', async () => {
    const encoder = queue(1);
    const gate = new FramesInFlight(encoder.untaken, HOLD_MS, 2);
    gate.given();
    gate.given();
    const room = gate.room(() => false);
    expect(await settledWithin(room, 5 * HOLD_MS)).toBe(false);
    expect(gate.limit).toBe(2);
    // The encoder takes its frame (a dequeue event) but returns nothing: still no room, until it waits
    // a whole hold time with nothing heard.
    encoder.encodeQueueSize = 0;
    gate.stir();
    expect(await settledWithin(room, HOLD_MS / 2)).toBe(false);
    expect(await settledWithin(room, HOLD_MS)).toBe(true);
    expect(gate.limit).toBe(3);
  });

  it('allows one more frame each time an encoder that took them all returns nothing, up to the most', async () => {
    const gate = new FramesInFlight(queue().untaken, HOLD_MS, 2);
    for (let frame = 0; frame < MAX_FRAMES_IN_FLIGHT; frame++) {
      await Promise.all([gate.room(() => false), vi.advanceTimersByTimeAsync(HOLD_MS)]);
      gate.given();
    }
    expect(gate.limit).toBe(MAX_FRAMES_IN_FLIGHT);
    // At the most, it waits for the encoder however long it takes.
    const room = gate.room(() => false);
    expect(await settledWithin(room, 10 * HOLD_MS)).toBe(false);
    gate.returned();
    expect(await settledWithin(room, 0)).toBe(true);
  });

  it('stops waiting when told the clip failed', async () => {
    let failed = false;
    const gate = new FramesInFlight(queue(1).untaken, HOLD_MS, 1);
    gate.given();
    const room = gate.room(() => failed);
    expect(await settledWithin(room, 10)).toBe(false);
    failed = true;
    gate.stir();
    expect(await settledWithin(room, 0)).toBe(true);
  });
});
