#!/usr/bin/env node
// Measures how smoothly a Ken Burns clip moves.
//
// Render a clip of shared/tools/dot.png (black frame, one small white square) with any motion,
// then run:  node ../shared/tools/kenburns-jitter.mjs clip.mp4
// For every frame it finds the sub-pixel centroid of the bright square; a smooth camera moves that
// centroid along a smooth path, so the second difference between consecutive frames stays near 0.
// Integer-pixel cropping (plain zoompan) shows up as a large second difference ("jitter").
// A whole video with several scenes works too: jumps of more than 20 px between two frames are
// taken as scene cuts and left out, and frames where the square is out of view are skipped.
// Prints one line: frames, max and rms |second difference| in output pixels. Needs ffmpeg/ffprobe.
import { execFileSync } from 'node:child_process';

const file = process.argv[2];
if (!file) {
  console.error('usage: kenburns-jitter.mjs VIDEO');
  process.exit(2);
}
const [w, h] = execFileSync('ffprobe', [
  '-v',
  'error',
  '-select_streams',
  'v:0',
  '-show_entries',
  'stream=width,height',
  '-of',
  'csv=p=0',
  file,
])
  .toString()
  .trim()
  .split(',')
  .map(Number);
const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'gray', '-'], {
  maxBuffer: 2 ** 31 - 1,
});
const frames = raw.length / (w * h);
const centroids = [];
for (let f = 0; f < frames; f++) {
  let sx = 0,
    sy = 0,
    s = 0;
  const base = f * w * h;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = raw[base + y * w + x];
      if (v > 40) {
        s += v;
        sx += v * x;
        sy += v * y;
      }
    }
  }
  centroids.push(s === 0 ? null : [sx / s, sy / s]);
}
const missing = centroids.filter((c) => c === null).length;
let max = 0,
  sum = 0,
  n = 0,
  cuts = 0;
for (let i = 2; i < frames; i++) {
  const [c0, c1, c2] = [centroids[i - 2], centroids[i - 1], centroids[i]];
  if (!c0 || !c1 || !c2) continue;
  const jump = (p, q) => Math.hypot(p[0] - q[0], p[1] - q[1]) > 20;
  if (jump(c2, c1)) {
    cuts++;
    continue;
  }
  if (jump(c1, c0)) continue;
  for (const d of [0, 1]) {
    const a = c2[d] - 2 * c1[d] + c0[d];
    max = Math.max(max, Math.abs(a));
    sum += a * a;
    n++;
  }
}
const rms = Math.sqrt(sum / Math.max(n, 1));
if (n === 0) {
  console.error('the bright square was never in view long enough to measure');
  process.exit(1);
}
console.log(
  `frames=${frames} size=${w}x${h} cuts=${cuts} frames_without_square=${missing} ` +
    `jitter_max_px=${max.toFixed(3)} jitter_rms_px=${rms.toFixed(3)}`,
);
