// Chromium's footprint during the app benchmark: memory (RSS and PSS summed) and CPU of its processes, sampled.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { descendants } from './process-stats';

export interface Sample {
  /** Date.now() of the sample. */
  at: number;
  /** Resident memory of all Chromium processes, summed (shared pages counted in each), MB. */
  rssMb: number;
  /** Proportional set size summed: shared pages split between their users, so nothing counts twice. */
  pssMb: number;
  /** The largest single process's RSS, MB. */
  largestMb: number;
  /** CPU seconds used so far by the Chromium processes alive at this moment. */
  cpuSeconds: number;
  /** The machine's 1-minute load average: how much the other engineers' work competed with ours. */
  load: number;
}

const TICKS_PER_SECOND = 100;

function readOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback; // The process ended while we looked.
  }
}

/** Our descendant processes that are Chromium (browser, renderers, GPU, utilities), not the server or ffmpeg. */
function chromiumProcesses(): Map<number, number> {
  return new Map([...descendants()].filter(([pid]) => /^chrom/.test(readOr(`/proc/${pid}/comm`, ''))));
}

/** Chromium's footprint now. */
export function sample(): Sample {
  let [rssKb, pssKb, largestKb, ticks] = [0, 0, 0, 0];
  for (const [pid, rss] of chromiumProcesses()) {
    rssKb += rss;
    largestKb = Math.max(largestKb, rss);
    pssKb += Number(/^Pss:\s+(\d+)/m.exec(readOr(`/proc/${pid}/smaps_rollup`, ''))?.[1] ?? 0);
    const stat = readOr(`/proc/${pid}/stat`, '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return {
    at: Date.now(),
    rssMb: rssKb / 1024,
    pssMb: pssKb / 1024,
    largestMb: largestKb / 1024,
    cpuSeconds: ticks / TICKS_PER_SECOND,
    load: loadavg()[0] ?? 0,
  };
}

/** Samples every `everyMs` until the returned stop() is called; stop() gives every sample taken. */
export function watchChromium(everyMs = 500): () => Sample[] {
  const samples: Sample[] = [sample()];
  const timer = setInterval(() => samples.push(sample()), everyMs);
  return () => {
    clearInterval(timer);
    samples.push(sample());
    return samples;
  };
}

/** The peaks among the samples taken between two moments (the whole run when none are given). */
export function peaks(samples: Sample[], from = 0, to = Infinity): { rssMb: number; pssMb: number; largestMb: number } {
  const inside = samples.filter((s) => s.at >= from && s.at <= to);
  const top = (key: 'rssMb' | 'pssMb' | 'largestMb') => Math.max(0, ...inside.map((s) => s[key]));
  return { rssMb: top('rssMb'), pssMb: top('pssMb'), largestMb: top('largestMb') };
}

/** CPU seconds Chromium used between two moments (from the samples nearest to them). */
export function cpuBetween(samples: Sample[], from: number, to: number): number {
  const nearest = (at: number) =>
    samples.reduce((best, s) => (Math.abs(s.at - at) < Math.abs(best.at - at) ? s : best), samples[0]!);
  return nearest(to).cpuSeconds - nearest(from).cpuSeconds;
}
