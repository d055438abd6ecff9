// Chromium's footprint during the app benchmark: memory (RSS and PSS summed) and CPU of its processes, sampled.
import { readFileSync, readdirSync } from 'node:fs';
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
  /** RSS (MB) of each Chromium process by what it is ("renderer 1" the largest renderer: the app's page). */
  byProcess: Record<string, number>;
}

/** The kind the service worker's own renderer is listed under. */
export const SERVICE_WORKER = 'renderer (service worker)';
/**
 * Chromium's on-device-model utility: Chromium starts it by itself some minutes into a long run (it is
 * not in the blank-page floor, and the app uses no on-device AI), so its share is shown apart.
 */
export const ON_DEVICE_MODEL = 'utility OnDeviceModelService';

/** What a Chromium process is, from its command line: browser, renderer, gpu-process, utility:network... */
function processKind(pid: number): string {
  const command = readOr(`/proc/${pid}/cmdline`, '').replaceAll('\0', ' ');
  const type = /--type=(\S+)/.exec(command)?.[1];
  if (!type) return 'browser';
  if (command.includes('--top-chrome-webui')) return 'renderer (browser UI)';
  const utility = /--utility-sub-type=(?:\w+\.mojom\.)?(\w+)/.exec(command)?.[1];
  if (utility) return `utility ${utility}`;
  // A renderer running the service worker: its own (see `byProcess`), or the app page's.
  if (type === 'renderer' && threadNames(pid).includes('ServiceWorker t')) return SERVICE_WORKER;
  return type;
}

/** The names of a process's threads (Linux truncates them to 15 characters). */
function threadNames(pid: number): string[] {
  try {
    return readdirSync(`/proc/${pid}/task`).map((task) => readOr(`/proc/${pid}/task/${task}/comm`, '').trim());
  } catch {
    return []; // The process ended while we looked.
  }
}

/**
 * Each process's RSS under its kind; renderers numbered from the largest, alike kinds summed. The service
 * worker has a renderer of its own only while it installs on the app's first visit (Chromium cannot know
 * before fetching its script that it shares the page's cross-origin isolation); a driver attached over
 * DevTools, as this benchmark is, then keeps it running there. Once installed it runs in the page's
 * renderer, the largest: that one is counted as the page's.
 */
function byProcess(processes: [pid: number, rssKb: number][]): Record<string, number> {
  const result: Record<string, number> = {};
  let renderers = 0;
  for (const [pid, rss] of [...processes].sort((a, b) => b[1] - a[1])) {
    let kind = processKind(pid);
    if (kind === SERVICE_WORKER && renderers === 0) kind = 'renderer';
    if (kind === 'renderer') kind = `renderer ${++renderers}`;
    result[kind] = (result[kind] ?? 0) + rss / 1024;
  }
  return result;
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
  const processes = chromiumProcesses();
  for (const [pid, rss] of processes) {
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
    byProcess: byProcess([...processes]),
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

/**
 * The most RSS summed between two moments leaving out some kinds of process. For the service worker's
 * own renderer (a first visit's, see `byProcess`): a driver attached over DevTools, as this benchmark
 * is, keeps it running through the whole run, where a user's stops 30 s after its last event (the run's
 * API requests bypass it) and starts again in the page's renderer.
 */
export function peakWithout(samples: Sample[], kinds: string[], from = 0, to = Infinity): number {
  const inside = samples.filter((s) => s.at >= from && s.at <= to);
  const left = (s: Sample) => kinds.reduce((rss, kind) => rss - (s.byProcess[kind] ?? 0), s.rssMb);
  return Math.max(0, ...inside.map(left));
}

/** The sample with the most RSS summed between two moments, as "browser 218, renderer 1 557, ..." MB. */
export function peakByProcess(samples: Sample[], from = 0, to = Infinity): string {
  const inside = samples.filter((s) => s.at >= from && s.at <= to);
  const top = inside.reduce<Sample | undefined>((best, s) => (best && best.rssMb >= s.rssMb ? best : s), undefined);
  return describeProcesses(top);
}

/** A sample's processes, largest first: "renderer 1 557, browser 218, ..." MB. */
export function describeProcesses(sample: Sample | undefined): string {
  return Object.entries(sample?.byProcess ?? {})
    .sort((a, b) => b[1] - a[1])
    .map(([kind, mb]) => `${kind} ${mb.toFixed(0)}`)
    .join(', ');
}

/** CPU seconds Chromium used between two moments (from the samples nearest to them). */
export function cpuBetween(samples: Sample[], from: number, to: number): number {
  const nearest = (at: number) =>
    samples.reduce((best, s) => (Math.abs(s.at - at) < Math.abs(best.at - at) ? s : best), samples[0]!);
  return nearest(to).cpuSeconds - nearest(from).cpuSeconds;
}
