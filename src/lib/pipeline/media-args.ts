// Pure ffmpeg/ffprobe arguments and parsing for the audio side: probe, compact copy, final assembly.
import { MAX_UPLOAD_BYTES } from './api-contract';
import { NoAudioStreamError, TimelineMismatchError, UnreadableMediaError } from './errors';
import { COPYABLE_AUDIO } from './video-budget';

/** AAC at 44.1/48 kHz can reach 192 kb/s even in mono; other rates are resampled to 48 kHz. */
const AAC_RATES = new Set([44_100, 48_000]);

export function probeArgs(input: string): string[] {
  return ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', input];
}

interface ProbeJson {
  streams?: {
    codec_type?: string;
    codec_name?: string;
    sample_rate?: string;
    channels?: number;
    duration?: string;
    bit_rate?: string;
  }[];
  format?: { format_name?: string; duration?: string };
}

function positive(value: string | undefined): number | undefined {
  const number = value === undefined ? NaN : Number(value);
  return Number.isFinite(number) && number > 0 ? number : undefined;
}

/** What a probe learns about the user's audio (or the audio track of a video file). */
export interface ProbedAudio {
  /**
   * Seconds: from the audio stream when known, else from the container; the worker's probe then makes it
   * the decoded sound's length (`audibleDuration`), which the video's frames are counted from.
   */
  duration: number;
  /** ffmpeg codec name: aac, mp3, opus, flac, alac, pcm_s16le, vorbis... */
  codec: string;
  sampleRate: number;
  channels: number;
  /** Bits per second of the audio stream when the file says (not for every container). */
  bitRate?: number;
  /** ffmpeg's container name(s), e.g. "mov,mp4,m4a,3gp,3g2,mj2". */
  container: string;
  /** True when the final MP4 can carry this audio bit-for-bit (no re-encoding). */
  copyable: boolean;
}

/** Reads ffprobe's JSON; `duration` is NaN when neither the stream nor the container states it. */
export function parseProbe(json: string, fileName: string): ProbedAudio {
  let parsed: ProbeJson;
  try {
    parsed = JSON.parse(json) as ProbeJson;
  } catch (cause) {
    throw new UnreadableMediaError(`${fileName} could not be read as audio or video.`, { cause });
  }
  if (!parsed.format || !parsed.streams) {
    throw new UnreadableMediaError(`${fileName} could not be read as audio or video.`);
  }
  const audio = parsed.streams.find((stream) => stream.codec_type === 'audio');
  if (!audio) {
    throw new NoAudioStreamError(`${fileName} has no audio track: choose a recording with sound.`);
  }
  const codec = audio.codec_name ?? 'unknown';
  return {
    duration: positive(audio.duration) ?? positive(parsed.format.duration) ?? NaN,
    codec,
    sampleRate: Number(audio.sample_rate ?? 0),
    channels: audio.channels ?? 0,
    ...(positive(audio.bit_rate) ? { bitRate: positive(audio.bit_rate) } : {}),
    container: parsed.format.format_name ?? 'unknown',
    copyable: COPYABLE_AUDIO.has(codec),
  };
}

/**
 * Decodes the first audio stream to its end, output discarded: the time reached is how long the audio
 * sounds, with what the container only states applied by the decoder (an MP3's LAME/Xing encoder delay
 * and padding, Opus pre-skip and end trimming), and a length for files whose header has none (live WebM).
 */
export function measureDurationArgs(input: string): string[] {
  // `-progress` prints the time reached in microseconds (the log's stats line only has centiseconds).
  return ['-nostats', '-i', input, '-map', '0:a:0', '-vn', '-f', 'null', '-progress', 'pipe:1', '-'];
}

/** The seconds decoding reached, from what `measureDurationArgs` prints (its final `out_time_us`); 0 if none. */
export function parseDecodedDuration(progress: string): number {
  const times = [...progress.matchAll(/^out_time_us=(\d+)\s*$/gm)].map((match) => Number(match[1]));
  const last = times.at(-1);
  return last !== undefined && last > 0 ? last / 1e6 : 0;
}

/**
 * How long the audio plays, from the container's stated duration (NaN when it states none) and the time
 * decoding reached (0 when nothing decoded). Each side can only add silence the other leaves out: a VBR
 * MP3's header counts its encoder delay and padding (11.624 s stated for 11.577 s of sound), Ogg counts
 * Opus pre-skip, while decoding AAC runs to the end of its last whole frame past what the MP4 edit list
 * keeps. So the shorter of the two is the sound the video must match.
 */
export function audibleDuration(stated: number, decoded: number): number {
  if (!(decoded > 0)) return stated;
  return Number.isFinite(stated) && stated > 0 ? Math.min(stated, decoded) : decoded;
}

/** Groq's upload limit, with room for the multipart envelope and Ogg overhead. */
const UPLOAD_BUDGET_BYTES = MAX_UPLOAD_BYTES * 0.92;

/**
 * 16 kHz mono Opus: what Whisper listens to anyway. 32 kb/s (about 14 MB an hour) when that fits
 * Groq's 25 MB, else the bitrate that does (speech stays intelligible down to about 12 kb/s).
 */
export function compactAudioArgs(input: string, output: string, duration: number): string[] {
  const fitting = Number.isFinite(duration) && duration > 0 ? (UPLOAD_BUDGET_BYTES * 8) / duration / 1000 : 32;
  const kbps = Math.max(8, Math.min(32, Math.floor(fitting)));
  return [
    '-i',
    input,
    '-map',
    '0:a:0',
    '-vn',
    '-ac',
    '1',
    '-ar',
    '16000',
    '-c:a',
    'libopus',
    '-b:a',
    `${kbps}k`,
    output,
  ];
}

/** The audio half of the final mux: a stream copy when possible, else AAC of at least 192 kb/s (asked for 256, as speech with pauses undershoots). */
export function audioCodecArgs(info: Pick<ProbedAudio, 'codec' | 'copyable' | 'sampleRate' | 'channels'>): string[] {
  if (info.copyable) return info.codec === 'flac' ? ['-c:a', 'copy', '-strict', 'experimental'] : ['-c:a', 'copy'];
  const bitrate = Math.max(256, 128 * Math.min(info.channels || 2, 6));
  const rate = AAC_RATES.has(info.sampleRate) ? [] : ['-ar', '48000'];
  return ['-c:a', 'aac', '-b:a', `${bitrate}k`, ...rate];
}

/**
 * The concat demuxer's list. `outpoint` (seconds) ends the last clip early; packets from there on are
 * dropped, so trimming needs no re-encoding and leaves the audio untouched. Paths are ours (no quotes).
 */
export function concatList(paths: string[], outpoint?: number, durations?: number[]): string {
  // Each clip's exact length: read from the file, it is rounded up to the millisecond (the MP4 movie
  // header's timescale), and an hour of clips drifted 0.18 s behind the audio.
  const lines = [
    'ffconcat version 1.0',
    ...paths.flatMap((path, i) => {
      const duration = i < paths.length - 1 ? durations?.[i] : undefined;
      return [`file '${path}'`, ...(duration !== undefined ? [`duration ${duration.toFixed(9)}`] : [])];
    }),
  ];
  if (outpoint !== undefined) lines.push(`outpoint ${outpoint.toFixed(6)}`);
  return [...lines, ''].join('\n');
}

/** Most the clips may differ from the audio (encoder padding, a transcript's rounded duration). */
const MAX_DRIFT_S = 0.5;

/**
 * How many of the clips' frames the final video keeps. Scenes planned over the probed duration add
 * up exactly; a small difference is absorbed (extra frames are cut, a short video holds its last
 * picture for the rest of the audio); a larger one means the scenes belong to other audio.
 */
export function framesToKeep(clipFrames: number, duration: number, fps: number): number {
  const expected = Math.round(duration * fps);
  if (Math.abs(clipFrames - expected) > MAX_DRIFT_S * fps) {
    throw new TimelineMismatchError(
      `The scenes add up to ${clipFrames} frames but the audio lasts ${duration.toFixed(3)} s (${expected} frames): ` +
        'plan the scenes over the duration that probe() reports.',
    );
  }
  return Math.min(clipFrames, expected);
}

/**
 * Where the last clip must end for the video to keep `keep` of the clips' frames, or undefined when
 * it keeps them all. Half a frame early, so rounding of the timestamps cannot keep one frame too many.
 */
export function lastClipOutpoint(clipFrames: number[], keep: number, fps: number): number | undefined {
  const total = clipFrames.reduce((sum, frames) => sum + frames, 0);
  const last = clipFrames.at(-1) ?? 0;
  if (keep >= total) return undefined;
  if (total - keep >= last) throw new TimelineMismatchError(`The last scene is too short to trim to the audio.`);
  return (last - (total - keep) - 0.5) / fps;
}

/**
 * Concatenates the listed clips as they are and muxes the first audio stream of `audio`, and the SRT
 * file `subtitles.path` as an MP4 text track (`mov_text`) tagged with its ISO 639-2 language. `-y`:
 * the output may be a file on disk that exists before ffmpeg opens it.
 */
/** Where the final's sound comes from: the recording's audio stream, or a filter graph's output label. */
export interface FinalSound {
  filter?: string;
  map: string;
  codec: string[];
}

/** What the final carries besides the clips and the recording's first audio stream as it is. */
export interface FinalExtras {
  /** The sound made otherwise (cut audio: a filter graph's output label and its encoder). */
  sound?: FinalSound;
  /** An SRT file to carry as a `mov_text` track tagged with its ISO 639-2 language. */
  subtitles?: { path: string; language: string };
}

export function assembleArgs(
  list: string,
  audio: string,
  info: ProbedAudio,
  output: string,
  { sound = { map: '1:a:0', codec: audioCodecArgs(info) }, subtitles }: FinalExtras = {},
): string[] {
  const text = subtitles
    ? ['-map', '2:s:0', '-c:s', 'mov_text', '-metadata:s:s:0', `language=${subtitles.language}`]
    : [];
  return [
    '-y',
    ...['-f', 'concat', '-safe', '0', '-i', list, '-i', audio],
    ...(subtitles ? ['-f', 'srt', '-i', subtitles.path] : []),
    ...(sound.filter === undefined ? [] : ['-filter_complex', sound.filter]),
    ...['-map', '0:v:0', '-map', sound.map, '-c:v', 'copy'],
    ...sound.codec,
    ...text,
    ...['-movflags', '+faststart', '-f', 'mp4', output],
  ];
}
