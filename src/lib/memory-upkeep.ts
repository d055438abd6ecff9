// While a video is being made, the page asks the browser now and then how much memory it and its render
// workers use (`performance.measureUserAgentSpecificMemory`, cross-origin isolated pages: Chromium).
// Chromium answers at its next full garbage collection of the page and its workers, and forces one
// when none comes within 20 s. That is the point here: a run allocates little JavaScript, so Chromium
// seldom collects on its own, while what the run lets go holds much more outside the JavaScript heap
// (each fetched picture's bytes in the browser process, IndexedDB requests, the workers' encoded
// frames). Measured in `npm run bench -- app` (BENCHMARKS.md): the app's renderer grew by 70-110 MB of
// such garbage during the first minute of a ten-minute video and stayed flat with this. Browsers
// without the call (Firefox, Safari) collect as they always do.
import { sleep } from './api/retry';
import { aRunGoing } from './state/run-activity';

/**
 * At least this long from one question to the next. Chromium's answer takes up to 20 s (the forced
 * collection), and the next question goes at once; a browser that answered at once, collecting each
 * time, would be asked no more often than this.
 */
export const MEASURE_GAP_MS = 5000;

/** The call, where the browser has it: its answer is not used here. */
export type Measure = () => Promise<unknown>;

/** `performance.measureUserAgentSpecificMemory` where this page may call it (TypeScript's DOM lacks it). */
export function browserMeasure(): Measure | undefined {
  const perf = performance as Performance & { measureUserAgentSpecificMemory?: () => Promise<unknown> };
  if (!globalThis.crossOriginIsolated || typeof perf.measureUserAgentSpecificMemory !== 'function') return undefined;
  return () => perf.measureUserAgentSpecificMemory!();
}

/**
 * Asks for a measurement whenever a run is going in this tab, one at a time, questions at least
 * `MEASURE_GAP_MS` apart; never returns unless the browser refuses (then it stops for good: nothing
 * depends on it).
 */
export async function keepMemoryTidy(
  measure: Measure,
  wait: (ms: number) => Promise<void> = sleep,
  now: () => number = Date.now,
  running: () => Promise<void> = aRunGoing,
): Promise<void> {
  for (;;) {
    await running();
    const asked = now();
    try {
      await measure();
    } catch (error) {
      console.warn('Memory upkeep is unavailable:', error);
      return;
    }
    const early = asked + MEASURE_GAP_MS - now();
    if (early > 0) await wait(early);
  }
}
