// Pure ffmpeg arguments for the cut audio: the recording without the cut stretches, joined by short
// crossfades (no clicks), encoded once, straight into the final MP4.
import { audioCodecArgs, type FinalSound, type ProbedAudio } from '../media-args';
import { keptSpans, type Span } from './time-map';

/** Length of each crossfade: long enough to hide the join, short enough to stay inside any cut (a frame or more). */
const CROSSFADE_S = 0.01;

/** The kept stretches in samples, each join overlapped by one crossfade, and the samples that come out. */
export interface AudioCut {
  /** `-filter_complex` graph from input `input` (its first audio stream) to the label `[cut]`. */
  filter: string;
  /** Seconds of the cut audio (the video's frames are counted from it). */
  duration: number;
}

/**
 * Where the recording is cut, in samples at `sampleRate`. Each kept stretch reaches half a crossfade
 * into the cut on either side and the two overlap by a whole crossfade, so every kept sample stays at
 * its mapped time and the cut audio lasts exactly the kept samples.
 */
export function audioCut(cuts: readonly Span[], duration: number, sampleRate: number, input = 1): AudioCut {
  const kept = keptSpans(cuts, duration).map((span) => ({
    start: Math.round(span.start * sampleRate),
    end: Math.round(span.end * sampleRate),
  }));
  const half = Math.max(1, Math.round((CROSSFADE_S * sampleRate) / 2));
  const fade = 2 * half;
  const total = kept.reduce((sum, span) => sum + span.end - span.start, 0);
  const trims = kept.map((span, i) => {
    const from = i > 0 ? span.start - half : span.start;
    const to = i < kept.length - 1 ? span.end + half : span.end;
    return `atrim=start_sample=${from}:end_sample=${to},asetpts=PTS-STARTPTS`;
  });
  const source = `[${input}:a:0]`;
  if (trims.length <= 1) return { filter: `${source}${trims[0] ?? 'anull'}[cut]`, duration: total / sampleRate };
  const split = `${source}asplit=${trims.length}${trims.map((_, i) => `[in${i}]`).join('')}`;
  const parts = trims.map((trim, i) => `[in${i}]${trim}[k${i}]`);
  const joins = trims.slice(1).map((_, i) => {
    const left = i === 0 ? '[k0]' : `[x${i}]`;
    const out = i === trims.length - 2 ? '[cut]' : `[x${i + 1}]`;
    return `${left}[k${i + 1}]acrossfade=ns=${fade}:c1=tri:c2=tri${out}`;
  });
  return { filter: [split, ...parts, ...joins].join(';'), duration: total / sampleRate };
}

/**
 * Encoded once: FLAC stays FLAC (lossless in, lossless out), anything else becomes AAC of at least
 * 192 kb/s (the codec the final mux would have re-encoded to, or one it cannot copy from the cut).
 */
export function cutAudioCodecArgs(info: Pick<ProbedAudio, 'codec' | 'sampleRate' | 'channels'>): string[] {
  if (info.codec === 'flac') return ['-c:a', 'flac', '-strict', 'experimental'];
  return audioCodecArgs({ ...info, copyable: false });
}

/** The final's sound from the cut audio: the filter graph's output, encoded once in the final mux. */
export function cutSound(cut: AudioCut, info: Pick<ProbedAudio, 'codec' | 'sampleRate' | 'channels'>): FinalSound {
  return { filter: cut.filter, map: '[cut]', codec: cutAudioCodecArgs(info) };
}
