// Whether this tab is making a video right now: the service worker's first install waits for that to
// end (see ../offline-install.ts), the memory upkeep runs only meanwhile (../memory-upkeep.ts). Reading
// and storing a picked recording count too (`asRun`): for an hour's file they take longer than the first
// install's delay. Plain counters, not runes: nothing on the page shows it.

let going = 0;
/** Runs begun in this tab so far: a quiet moment is one in which this did not change. */
let begun = 0;
const waiting = new Set<() => void>();
const starting = new Set<() => void>();

/** Resolves everyone in `waiters`, once. */
function release(waiters: Set<() => void>): void {
  for (const resolve of waiters) resolve();
  waiters.clear();
}

/** Counts a run as going until the returned `end` is called (once; later calls do nothing). */
export function runBegins(): () => void {
  going += 1;
  begun += 1;
  release(starting);
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    going -= 1;
    if (going > 0) return;
    release(waiting);
  };
}

/** Runs `work` counted as a run going, until it settles. */
export async function asRun<T>(work: () => Promise<T>): Promise<T> {
  const end = runBegins();
  try {
    return await work();
  } finally {
    end();
  }
}

/** Resolves once no run is going in this tab (at once when none is). */
export function noRunGoing(): Promise<void> {
  return going === 0 ? Promise.resolve() : new Promise((resolve) => waiting.add(resolve));
}

/**
 * Resolves once `ms` have passed with no run going in this tab, none begun meanwhile either: picking a
 * file (read at once) and creating its project are two runs with a pause between them.
 */
export async function noRunFor(ms: number, wait: (ms: number) => Promise<void>): Promise<void> {
  for (;;) {
    await noRunGoing();
    const seen = begun;
    await wait(ms);
    if (going === 0 && begun === seen) return;
  }
}

/** Resolves once a run is going in this tab (at once when one is). */
export function aRunGoing(): Promise<void> {
  return going > 0 ? Promise.resolve() : new Promise((resolve) => starting.add(resolve));
}
