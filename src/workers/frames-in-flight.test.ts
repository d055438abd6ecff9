import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FramesInFlight } from './frames-in-flight';

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

/** Hands `frames` frames over, each expected to find room at once. */
async function handOverAtOnce(gate: FramesInFlight, frames: number): Promise<void> {
  for (let frame = 0; frame < frames; frame++) {
    expect(
      await settledWithin(
        gate.room(() => false),
        0,
      ),
    ).toBe(true);
    gate.given();
  }
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('FramesInFlight', () => {
  it('lets frames through at once until the limit is in flight', async () => {
    const gate = new FramesInFlight(queue().untaken, false, HOLD_MS, 2);
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
    const gate = new FramesInFlight(queue().untaken, false, HOLD_MS, 2);
    gate.given();
    gate.given();
    const room = gate.room(() => false);
    expect(await settledWithin(room, 10)).toBe(false);
    gate.returned();
    expect(await settledWithin(room, 0)).toBe(true);
    expect(gate.holdsBack).toBe(false);
  });

  it('keeps waiting while the encoder has frames it has not taken, however long', async () => {
    const encoder = queue(1);
    const gate = new FramesInFlight(encoder.untaken, false, HOLD_MS, 2);
    gate.given();
    gate.given();
    const room = gate.room(() => false);
    expect(await settledWithin(room, 5 * HOLD_MS)).toBe(false);
    expect(gate.holdsBack).toBe(false);
    gate.returned();
    expect(await settledWithin(room, 0)).toBe(true);
  });

  it('finds an encoder that took every frame and returns none to hold frames back, and then lets frames through while it takes them', async () => {
    const encoder = queue(1);
    const gate = new FramesInFlight(encoder.untaken, false, HOLD_MS, 2);
    gate.given();
    gate.given();
    const room = gate.room(() => false);
    // It takes its frame (a dequeue event) but returns nothing: a whole hold time with nothing heard.
    encoder.encodeQueueSize = 0;
    gate.stir();
    expect(await settledWithin(room, HOLD_MS / 2)).toBe(false);
    expect(await settledWithin(room, HOLD_MS)).toBe(true);
    expect(gate.holdsBack).toBe(true);
    // From then on frames go through while the encoder takes them, and wait while it has one untaken.
    await handOverAtOnce(gate, 20);
    encoder.encodeQueueSize = 1;
    const later = gate.room(() => false);
    expect(await settledWithin(later, 5 * HOLD_MS)).toBe(false);
    encoder.encodeQueueSize = 0;
    gate.stir();
    expect(await settledWithin(later, 0)).toBe(true);
  });

  it('starts from what an earlier clip learned of the encoder', async () => {
    const gate = new FramesInFlight(queue().untaken, true, HOLD_MS, 2);
    await handOverAtOnce(gate, 5);
  });

  it('stops waiting when told the clip failed', async () => {
    let failed = false;
    const gate = new FramesInFlight(queue(1).untaken, false, HOLD_MS, 1);
    gate.given();
    const room = gate.room(() => failed);
    expect(await settledWithin(room, 10)).toBe(false);
    failed = true;
    gate.stir();
    expect(await settledWithin(room, 0)).toBe(true);
  });
});
