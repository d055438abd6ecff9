// Browser-agnostic checks of the app's whole path: the spoken recording that goes in and the MP4 that comes
// out, read with Debian's ffprobe, whichever browser (Chromium or Firefox) made it.
import { expect } from 'vitest';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ffprobe, speak, transcode, type Probe } from '../support/media';
import type { FinalVideoSource } from './in-page';

const run = promisify(execFile);

/** Speaks `text` (espeak-ng) into an MP3 named `name` in `dir`, as a creator's recording; returns its path. */
export async function spokenMp3(dir: string, text: string, name: string): Promise<string> {
  const wav = join(dir, `${name}.wav`);
  await speak(text, wav);
  const mp3 = join(dir, `${name}.mp3`);
  await transcode(wav, mp3, ['-c:a', 'libmp3lame', '-b:a', '96k']);
  return mp3;
}

/**
 * How long a recording sounds, read with Debian's ffmpeg: decoded to its end (which applies an MP3's
 * LAME/Xing encoder delay and padding and Opus pre-skip), never past what its container states (decoding
 * AAC runs to the end of its last frame, past the MP4 edit list).
 */
export async function soundDuration(audio: string): Promise<number> {
  const stated = Number((await ffprobe(audio)).format.duration);
  const { stdout } = await run(
    'ffmpeg',
    ['-v', 'error', '-nostats', '-i', audio, '-map', '0:a:0', '-vn', '-f', 'null', '-progress', 'pipe:1', '-'],
    { maxBuffer: 1 << 26 },
  );
  const times = [...stdout.matchAll(/^out_time_us=(\d+)$/gm)].map((match) => Number(match[1]) / 1e6);
  const decoded = times.at(-1) ?? NaN;
  if (!(decoded > 0)) throw new Error(`ffmpeg decoded nothing from ${audio}`);
  return Number.isFinite(stated) ? Math.min(stated, decoded) : decoded;
}

/** Frames a video of the recording must have: one per frame interval of the sound's length, rounded. */
export async function expectedFrames(audio: string, fps: number): Promise<number> {
  return Math.round((await soundDuration(audio)) * fps);
}

/**
 * Asserts the finished video is H.264 of the format's size with the recording's sound, exactly as many
 * frames as the recording's length asks for, and as long as the recording; returns ffprobe's reading.
 */
export async function expectFinishedVideo(
  video: string,
  audio: string,
  frame: { width: number; height: number; fps: number },
): Promise<{ probe: Probe; audioDuration: number }> {
  const probe = await ffprobe(video, true);
  const picture = probe.streams.find((stream) => stream.codec_type === 'video');
  const sound = probe.streams.find((stream) => stream.codec_type === 'audio');
  expect(picture).toMatchObject({ codec_name: 'h264', width: frame.width, height: frame.height, pix_fmt: 'yuv420p' });
  expect(sound?.codec_name).toBeTruthy();
  const audioDuration = await soundDuration(audio);
  expect(Number(picture?.nb_read_frames)).toBe(Math.round(audioDuration * frame.fps));
  expect(Math.abs(Number(probe.format.duration) - audioDuration)).toBeLessThanOrEqual(1 / frame.fps + 0.03);
  return { probe, audioDuration };
}

/**
 * Asserts the finished video lives on the browser's disk (OPFS), not in IndexedDB, and that the page's
 * player and the download are exactly that file's bytes.
 */
export async function expectVideoFromDisk(source: FinalVideoSource, downloaded: string): Promise<void> {
  const bytes = await readFile(downloaded);
  expect(source.disk).toEqual({ sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length });
  expect(source.inIndexedDb).toBe(false);
  expect(source.played.url).toMatch(/^blob:/);
  expect(source.played.sha256).toBe(source.disk?.sha256);
}

/** The video's soft subtitle track as ffprobe and ffmpeg read it: codec, language tag and its cues. */
export async function subtitleTrackOf(video: string): Promise<{ codec?: string; language?: string; srt: string }> {
  const probe = await ffprobe(video);
  const track = probe.streams.find((stream) => stream.codec_type === 'subtitle');
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', video, '-map', '0:s:0', '-f', 'srt', '-'], {
    maxBuffer: 1 << 26,
  });
  return { codec: track?.codec_name, language: track?.tags?.language, srt: stdout };
}
