// Whether this tab is making a video right now: the service worker's first install waits for that to
// end (see ../offline-install.ts), the memory upkeep runs only meanwhile (../memory-upkeep.ts). Plain
// counters, not runes: nothing on the page shows it.

let going = 0;
const waiting = new Set<() => void>();
const starting = new Set<() => void>();

/** Counts a run as going until the returned `end` is called (once; later calls do nothing). */
export function runBegins(): () => void {
  going += 1;
  for (const resolve of starting) resolve();
  starting.clear();
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    going -= 1;
    if (going > 0) return;
    for (const resolve of waiting) resolve();
    waiting.clear();
  };
}

/** Resolves once no run is going in this tab (at once when none is). */
export function noRunGoing(): Promise<void> {
  return going === 0 ? Promise.resolve() : new Promise((resolve) => waiting.add(resolve));
}

/** Resolves once a run is going in this tab (at once when one is). */
export function aRunGoing(): Promise<void> {
  return going > 0 ? Promise.resolve() : new Promise((resolve) => starting.add(resolve));
}
