// What the benchmark's child processes (Chromium, native ffmpeg) cost: CPU seconds and resident memory, from /proc.
import { readFileSync, readdirSync } from 'node:fs';

/** Every living process started (directly or not) by this one, with its resident memory in kB. */
export function descendants(): Map<number, number> {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      parents.set(Number(entry), Number(/PPid:\s+(\d+)/.exec(status)?.[1]));
      rss.set(Number(entry), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // The process ended while we looked.
    }
  }
  const isOurs = (pid: number): boolean => {
    for (let p = parents.get(pid); p; p = parents.get(p)) if (p === process.pid) return true;
    return false;
  };
  return new Map([...rss].filter(([pid]) => isOurs(pid)));
}

/** Resident memory of Chromium and its helpers, summed, in MB. */
function descendantsRssMb(): number {
  return [...descendants().values()].reduce((sum, kb) => sum + kb, 0) / 1024;
}

const TICKS_PER_SECOND = 100;

/** CPU seconds used so far by this process's children and descendants (Chromium, ffmpeg), from /proc. */
export function childCpuSeconds(): number {
  const ticks = (stat: string, from: number, count: number) =>
    stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .slice(from - 3, from - 3 + count)
      .reduce((sum, value) => sum + Number(value), 0);
  // Finished children (native ffmpeg runs) are counted in our own cutime/cstime.
  let total = ticks(readFileSync('/proc/self/stat', 'utf8'), 16, 2);
  for (const pid of descendants().keys()) {
    try {
      total += ticks(readFileSync(`/proc/${pid}/stat`, 'utf8'), 14, 2);
    } catch {
      // Gone.
    }
  }
  return total / TICKS_PER_SECOND;
}

/** Samples the summed RSS of our descendants four times a second; the returned stop() gives the peak. */
export function watchPeakRssMb(): () => number {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, descendantsRssMb())), 250);
  return () => {
    clearInterval(timer);
    return peak;
  };
}
