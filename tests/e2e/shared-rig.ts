// One rig (or render harness) for all the tests of a describe block or file: started before the first,
// stopped after the last. Apart from app-helpers, which the benchmarks also import outside Vitest.
import { afterAll, beforeAll, expect } from 'vitest';
import { startStoryRig, type StoryRig } from './app-helpers';
import type { HarnessSession } from './render-harness/session';

/**
 * Starts `start()` before the tests of the describe block (or file) that calls this, and ends it with
 * `end` after them. The object returned is filled in once started: the tests, and hooks registered after
 * this call, use it as the started thing itself.
 */
function shared<T extends object>(start: () => Promise<T>, end: (started: T) => Promise<void>): T {
  const handle = {} as T;
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
    Object.assign(handle, started);
  });
  afterAll(async () => {
    if (started) await end(started);
  });
  return handle;
}

/** A rig (`startRig`, `startFirefoxRig`...) shared by the tests of a describe block, stopped after them. */
export function sharedRig<R extends { stop(): Promise<void> }>(start: () => Promise<R>): R {
  return shared(start, (rig) => rig.stop());
}

/** A shared story rig (see `startStoryRig`): fakes that hear `script`, and `narrate` to speak it. */
export function sharedStoryRig(script: string): StoryRig {
  return sharedRig(() => startStoryRig(script));
}

/** A render harness page shared by the tests of a file; after them, its page must have thrown nothing. */
export function sharedHarness(open: () => Promise<HarnessSession>): HarnessSession {
  return shared(open, async (harness) => {
    expect(harness.errors).toEqual([]);
    await harness.close();
  });
}
