// Test equipment: real speech from espeak-ng, images from Debian ffmpeg, and ffprobe readings.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIG = { maxBuffer: 1 << 30 };

/** Speaks `text` into a WAV file (espeak-ng), optionally padded with leading/trailing silence (sox-free). */
export async function speak(text: string, out: string, opts: { wpm?: number; voice?: string } = {}): Promise<void> {
  await run('espeak-ng', ['-v', opts.voice ?? 'en-us', '-s', String(opts.wpm ?? 160), '-w', out, text]);
}

/** Re-encodes audio with Debian ffmpeg, e.g. to make an MP3, M4A (AAC), Opus or FLAC test input. */
export async function transcode(input: string, out: string, args: string[] = []): Promise<void> {
  await run('ffmpeg', ['-v', 'error', '-y', '-i', input, ...args, out], BIG);
}

/** A still image from one of ffmpeg's test sources (`color=c=red`, `testsrc2`, `mandelbrot`...). */
export async function makeImage(source: string, width: number, height: number, out: string): Promise<void> {
  // Sources with options (`color=c=red`) get the size appended; bare ones (`testsrc2`) get it as their option.
  const lavfi = `${source}${source.includes('=') ? ':' : '='}s=${width}x${height}`;
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', lavfi, '-frames:v', '1', out], BIG);
}

export interface ProbeStream {
  index: number;
  codec_type: 'video' | 'audio' | string;
  codec_name: string;
  profile?: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  color_space?: string;
  color_range?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  nb_frames?: string;
  nb_read_frames?: string;
  sample_rate?: string;
  channels?: number;
  bit_rate?: string;
  duration?: string;
  tags?: { language?: string };
}

export interface Probe {
  streams: ProbeStream[];
  format: { format_name: string; duration: string; size: string; bit_rate?: string };
}

/** ffprobe's JSON for a file; `countFrames` decodes the video to count its frames exactly. */
export async function ffprobe(file: string, countFrames = false): Promise<Probe> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams'];
  if (countFrames) args.push('-count_frames');
  const { stdout } = await run('ffprobe', [...args, file], BIG);
  return JSON.parse(stdout) as Probe;
}

/** Frame numbers of the video's keyframes, in display order. */
export async function keyframes(file: string): Promise<number[]> {
  // JSON, not CSV: frames carrying side data (x264's SEI at each clip start) add extra CSV lines.
  const { stdout } = await run(
    'ffprobe',
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=key_frame', '-of', 'json', file],
    BIG,
  );
  const { frames } = JSON.parse(stdout) as { frames: { key_frame: number }[] };
  return frames.flatMap((frame, index) => (frame.key_frame === 1 ? [index] : []));
}

/** The video packets' timestamps in the stream's own ticks, in presentation order, and the ticks per second. */
export async function videoTimestamps(file: string): Promise<{ pts: number[]; ticksPerSecond: number }> {
  const { stdout } = await run(
    'ffprobe',
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=time_base:packet=pts', '-of', 'json', file],
    BIG,
  );
  const { packets, streams } = JSON.parse(stdout) as { packets: { pts: number }[]; streams: { time_base: string }[] };
  const [num, den] = (streams[0]?.time_base ?? '1/1').split('/').map(Number);
  return { pts: packets.map((packet) => packet.pts).sort((a, b) => a - b), ticksPerSecond: den! / num! };
}

/** Bits per second of the first audio stream's packets between two times (e.g. only where someone speaks). */
export async function audioBitrate(file: string, from: number, to: number): Promise<number> {
  const { stdout } = await run(
    'ffprobe',
    ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'packet=pts_time,size', '-of', 'csv=p=0', file],
    BIG,
  );
  const bytes = stdout
    .trim()
    .split('\n')
    .map((line) => line.split(',').map(Number))
    .filter(([time]) => time !== undefined && time >= from && time < to)
    .reduce((sum, [, size]) => sum + (size ?? 0), 0);
  return (bytes * 8) / (to - from);
}

/** Every frame's scene-change score (ffmpeg's `scene`, 0..1) with its time, in display order. */
export async function sceneScores(file: string): Promise<{ time: number; score: number }[]> {
  const { stdout } = await run(
    'ffprobe',
    [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      `movie=${file},select='gte(scene,0)'`,
      '-show_entries',
      'frame=pts_time:frame_tags=lavfi.scene_score',
      '-of',
      'csv=p=0',
    ],
    BIG,
  );
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [time, score] = line.split(',');
      return { time: Number.parseFloat(time ?? ''), score: Number.parseFloat(score ?? '0') };
    });
}

/** Times (seconds) of the frames where the picture changes abruptly (scene cuts), by ffmpeg scene score. */
export async function sceneCuts(file: string, threshold = 0.3): Promise<number[]> {
  return (await sceneScores(file)).filter((frame) => frame.score > threshold).map((frame) => frame.time);
}

/** MD5 of each audio packet's payload, to prove a stream was copied rather than re-encoded. */
export async function audioPacketHashes(file: string): Promise<string> {
  const { stdout } = await run(
    'ffmpeg',
    ['-v', 'error', '-i', file, '-map', '0:a:0', '-c', 'copy', '-f', 'streamhash', '-hash', 'md5', '-'],
    BIG,
  );
  return stdout.trim();
}

/** Pads (with silence) or cuts audio to exactly `seconds`, encoding with `args` (e.g. `-c:a aac`). */
export async function fitAudio(input: string, seconds: number, out: string, args: string[] = []): Promise<void> {
  await run('ffmpeg', ['-v', 'error', '-y', '-i', input, '-af', 'apad', '-t', String(seconds), ...args, out], BIG);
}

/** Every decoded frame of the first video stream as 8-bit gray, one `width * height` block per frame. */
export async function grayFrames(file: string): Promise<{ width: number; height: number; frames: Buffer[] }> {
  const { streams } = await ffprobe(file);
  const video = streams.find((stream) => stream.codec_type === 'video');
  const width = video?.width ?? 0;
  const height = video?.height ?? 0;
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'gray', '-'], {
    ...BIG,
    encoding: 'buffer',
  });
  const size = width * height;
  const frames = Array.from({ length: stdout.length / size }, (_, i) => stdout.subarray(i * size, (i + 1) * size));
  return { width, height, frames };
}

/** Average PSNR (dB) between two videos of the same size, frame by frame. */
export async function psnr(a: string, b: string): Promise<number> {
  const { stderr } = await run('ffmpeg', ['-i', a, '-i', b, '-lavfi', 'psnr', '-f', 'null', '-'], BIG);
  const match = /PSNR .*average:([\d.]+|inf)/.exec(stderr);
  if (!match?.[1]) throw new Error(`no PSNR in ffmpeg output:\n${stderr.slice(-500)}`);
  return match[1] === 'inf' ? Infinity : Number(match[1]);
}

/** Average SSIM (0-1, all planes) between two videos of the same size, frame by frame. */
export async function ssim(a: string, b: string): Promise<number> {
  const { stderr } = await run('ffmpeg', ['-i', a, '-i', b, '-lavfi', 'ssim', '-f', 'null', '-'], BIG);
  const match = /SSIM .*All:([\d.]+)/.exec(stderr);
  if (!match?.[1]) throw new Error(`no SSIM in ffmpeg output:\n${stderr.slice(-500)}`);
  return Number(match[1]);
}

/** Names of an MP4's top-level boxes in file order (`moov` before `mdat` means +faststart worked). */
export function topLevelBoxes(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const names: string[] = [];
  for (let offset = 0; offset + 8 <= bytes.length;) {
    let size = view.getUint32(offset);
    names.push(String.fromCharCode(...bytes.subarray(offset + 4, offset + 8)));
    if (size === 1) size = Number(view.getBigUint64(offset + 8));
    if (size < 8) break;
    offset += size;
  }
  return names;
}

/** Runs Debian's ffmpeg with arguments built for ffmpeg.wasm, to compare the two engines. */
export async function nativeFfmpeg(args: string[]): Promise<void> {
  await run('ffmpeg', ['-v', 'error', '-y', ...args], BIG);
}

/** The first audio stream decoded to mono 16-bit samples at `rate` Hz, for comparing sound. */
export async function pcm(file: string, rate: number): Promise<Int16Array> {
  const { stdout } = await run(
    'ffmpeg',
    ['-v', 'error', '-i', file, '-map', '0:a:0', '-ac', '1', '-ar', String(rate), '-f', 's16le', '-'],
    { ...BIG, encoding: 'buffer' },
  );
  // A copy: Node's pooled buffers may start at an odd offset, which Int16Array cannot view.
  const bytes = new Uint8Array(stdout);
  return new Int16Array(bytes.buffer, 0, Math.floor(bytes.length / 2));
}

/** Silent stretches of a file's audio, by ffmpeg's `silencedetect` (seconds; the last may run to the end). */
export async function silences(
  file: string,
  opts: { noiseDb?: number; minSeconds?: number } = {},
): Promise<{ start: number; end: number | undefined }[]> {
  const filter = `silencedetect=noise=${opts.noiseDb ?? -35}dB:d=${opts.minSeconds ?? 0.2}`;
  const { stderr } = await run(
    'ffmpeg',
    ['-hide_banner', '-nostats', '-i', file, '-af', filter, '-f', 'null', '-'],
    BIG,
  );
  const found: { start: number; end: number | undefined }[] = [];
  for (const match of stderr.matchAll(/silence_(start|end): (-?[\d.]+)/g)) {
    const time = Math.max(0, Number.parseFloat(match[2] ?? '0'));
    if (match[1] === 'start') found.push({ start: time, end: undefined });
    else if (found.at(-1)) found.at(-1)!.end = time;
  }
  return found;
}

/** One still image from an ffmpeg lavfi filter graph, as PNG or JPEG bytes (nothing written to disk). */
export async function imageBytes(graph: string, format: 'png' | 'jpeg'): Promise<Buffer> {
  const codec = format === 'png' ? ['-c:v', 'png'] : ['-c:v', 'mjpeg', '-q:v', '3', '-pix_fmt', 'yuvj420p'];
  const { stdout } = await run(
    'ffmpeg',
    ['-v', 'error', '-f', 'lavfi', '-i', graph, '-frames:v', '1', ...codec, '-f', 'image2pipe', '-'],
    { ...BIG, encoding: 'buffer' },
  );
  return stdout;
}

/** Pearson correlation of two signals over their common length (1: the same sound). */
export function correlation(a: Int16Array, b: Int16Array): number {
  const n = Math.min(a.length, b.length);
  let [sa, sb, saa, sbb, sab] = [0, 0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    [sa, sb, saa, sbb, sab] = [sa + x, sb + y, saa + x * x, sbb + y * y, sab + x * y];
  }
  return (sab - (sa * sb) / n) / Math.sqrt((saa - (sa * sa) / n) * (sbb - (sb * sb) / n));
}

/** The first stream of a kind in ffprobe's answer (throws when there is none). */
export function streamOf(probe: Probe, type: 'audio' | 'video'): ProbeStream {
  const found = probe.streams.find((stream) => stream.codec_type === type);
  if (!found) throw new Error(`no ${type} stream`);
  return found;
}
