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
  await run(
    'ffmpeg',
    ['-v', 'error', '-y', '-f', 'lavfi', '-i', `${source}:s=${width}x${height}`, '-frames:v', '1', out],
    BIG,
  );
}

export interface ProbeStream {
  index: number;
  codec_type: 'video' | 'audio' | string;
  codec_name: string;
  profile?: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  nb_frames?: string;
  nb_read_frames?: string;
  sample_rate?: string;
  channels?: number;
  bit_rate?: string;
  duration?: string;
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
  const { stdout } = await run(
    'ffprobe',
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=key_frame', '-of', 'csv=p=0', file],
    BIG,
  );
  return stdout
    .trim()
    .split('\n')
    .flatMap((flag, frame) => (flag.trim().startsWith('1') ? [frame] : []));
}

/** Times (seconds) of the frames where the picture changes abruptly (scene cuts), by ffmpeg scene score. */
export async function sceneCuts(file: string, threshold = 0.3): Promise<number[]> {
  const { stdout } = await run(
    'ffprobe',
    [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      `movie=${file},select='gt(scene,${threshold})'`,
      '-show_entries',
      'frame=pts_time',
      '-of',
      'csv=p=0',
    ],
    BIG,
  );
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((t) => Number.parseFloat(t));
}

/** Decoded PCM of a file's first audio stream (s16le), for bit-exact comparisons. */
export async function decodedAudio(file: string): Promise<Buffer> {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:a:0', '-f', 's16le', '-'], {
    ...BIG,
    encoding: 'buffer',
  });
  return stdout;
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
