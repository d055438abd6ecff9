// `npm run bench -- segment`: how long segmenting a 3-hour transcript takes, and the scenes it makes.
import { segmentTranscript, type Scene } from '../src/lib/pipeline/segment';
import { syntheticTranscript } from '../src/lib/pipeline/segment-synthetic';

const RUNS = 7;
const HOURS = 3;
const BUCKETS = [5, 5.5, 6, 6.5, 7, 7.5, 8];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function bucketCounts(scenes: Scene[]): string[] {
  const counts = BUCKETS.slice(1).map(() => 0);
  let outside = 0;
  for (const scene of scenes) {
    const seconds = scene.end - scene.start;
    const i = BUCKETS.findIndex((edge, j) => j > 0 && seconds <= edge + 1e-9) - 1;
    if (seconds < BUCKETS[0]! - 1e-9 || i < 0) outside++;
    else counts[i]!++;
  }
  return [...counts.map(String), String(outside)];
}

const { words, duration } = syntheticTranscript({ seconds: HOURS * 3600, seed: 2024, breakChance: 0.002 });
const header = ['fps', 'words', 'audio', 'scenes', 'empty', 'median ms', 'max ms'];
const bucketHeader = BUCKETS.slice(1).map((edge, i) => `${BUCKETS[i]}-${edge} s`);
console.log(`Synthetic Whisper-like transcript, ${RUNS} runs per row after warm-up runs, Node ${process.version}.\n`);
console.log(`| ${[...header, ...bucketHeader, 'outside'].join(' | ')} |`);
console.log(`|${[...header, ...bucketHeader, 'outside'].map(() => '---').join('|')}|`);
// Let V8 optimise the hot loop before any row is timed (a cold first row is 2-3x slower).
for (let run = 0; run < 3; run++) segmentTranscript(words, { duration, fps: 25 });
for (const fps of [24, 30, 60]) {
  let scenes = segmentTranscript(words, { duration, fps });
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    scenes = segmentTranscript(words, { duration, fps });
    times.push(performance.now() - start);
  }
  const row = [
    String(fps),
    String(words.length),
    `${(duration / 3600).toFixed(2)} h`,
    String(scenes.length),
    String(scenes.filter((s) => !s.text).length),
    median(times).toFixed(0),
    Math.max(...times).toFixed(0),
    ...bucketCounts(scenes),
  ];
  console.log(`| ${row.join(' | ')} |`);
}
