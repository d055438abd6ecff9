// One rig for all the tests of a describe block: started before the first, stopped after the last.
// Apart from app-helpers, which the benchmarks also import outside Vitest.
import { afterAll, beforeAll } from 'vitest';
import { startStoryRig, type StoryRig } from './app-helpers';

/**
 * Starts a rig with `start` before the tests of the describe block that calls this, and stops it after
 * them. The object returned is filled in once the rig has started: the tests, and hooks registered
 * after this call, use it as the rig itself.
 */
export function sharedRig<R extends { stop(): Promise<void> }>(start: () => Promise<R>): R {
  const rig = {} as R;
  let started: R | undefined;
  beforeAll(async () => {
    started = await start();
    Object.assign(rig, started);
  });
  afterAll(() => started?.stop());
  return rig;
}

/** A shared story rig (see `startStoryRig`): fakes that hear `script`, and `narrate` to speak it. */
export function sharedStoryRig(script: string): StoryRig {
  return sharedRig(() => startStoryRig(script));
}
