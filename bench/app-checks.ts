// What the app benchmark checks and summarises: the scenes' lengths and whether the final MP4 is right.
import { audioPacketHashes, ffprobe, streamOf, type Probe } from '../tests/support/media';

export interface SceneSpan {
  start: number;
  end: number;
  text: string;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** "min 5.0 / p10 5.6 / median 6.5 / p90 7.6 / max 8.0 s; <5 s: 0, 5-8 s: 96, >8 s: 1; 2 without words". */
export function sceneLengths(scenes: SceneSpan[]): string {
  const lengths = scenes.map((scene) => scene.end - scene.start).sort((a, b) => a - b);
  if (lengths.length === 0) return 'no scenes';
  const s = (value: number) => value.toFixed(1);
  const short = lengths.filter((length) => length < 5 - 1e-6).length;
  const long = lengths.filter((length) => length > 8 + 1e-6).length;
  const silent = scenes.filter((scene) => !scene.text.trim()).length;
  const mean = lengths.reduce((sum, length) => sum + length, 0) / lengths.length;
  return (
    `min ${s(lengths[0]!)} / p10 ${s(quantile(lengths, 0.1))} / median ${s(quantile(lengths, 0.5))} / ` +
    `mean ${s(mean)} / p90 ${s(quantile(lengths, 0.9))} / max ${s(lengths.at(-1)!)} s; ` +
    `<5 s: ${short}, 5-8 s: ${lengths.length - short - long}, >8 s: ${long}; ${silent} without words`
  );
}

export interface Verdict {
  ok: boolean;
  line: string;
}

const verdict = (ok: boolean, line: string): Verdict => ({ ok, line: `${ok ? 'ok' : 'FAILED'}: ${line}` });

/**
 * The final MP4 against the recording: length within one frame, exactly round(duration * fps)
 * frames (decoded and counted), one H.264 stream of the format's size and one audio stream whose
 * packets are the original's, bit for bit.
 */
export async function checkFinal(
  video: string,
  audio: string,
  expected: { width: number; height: number; fps: number; duration: number },
): Promise<{ probe: Probe; verdicts: Verdict[] }> {
  const [probe, source] = [await ffprobe(video, true), await ffprobe(audio)];
  const frame = 1 / expected.fps;
  const v = streamOf(probe, 'video');
  const a = streamOf(probe, 'audio');
  const sourceSeconds = Number(source.format.duration);
  const frames = Number(v.nb_read_frames);
  const plannedFrames = Math.round(expected.duration * expected.fps);
  const videoSeconds = Number(v.duration);
  const sameAudio = (await audioPacketHashes(video)) === (await audioPacketHashes(audio));
  const streams = probe.streams.map((s) =>
    s.codec_type === 'video'
      ? `${s.codec_name} ${s.profile} ${s.width}x${s.height} ${s.pix_fmt} ${s.r_frame_rate}`
      : `${s.codec_name} ${s.sample_rate} Hz ${s.channels} ch`,
  );
  return {
    probe,
    verdicts: [
      verdict(
        Math.abs(Number(probe.format.duration) - sourceSeconds) <= frame,
        `file lasts ${Number(probe.format.duration).toFixed(3)} s, the recording ${sourceSeconds.toFixed(3)} s (one frame = ${frame.toFixed(3)} s)`,
      ),
      verdict(
        Math.abs(videoSeconds - expected.duration) <= frame,
        `video stream ${videoSeconds.toFixed(3)} s against ${expected.duration.toFixed(3)} s probed by the app`,
      ),
      verdict(frames === plannedFrames, `${frames} frames decoded, ${plannedFrames} planned`),
      verdict(
        probe.streams.length === 2 &&
          v.codec_name === 'h264' &&
          v.width === expected.width &&
          v.height === expected.height &&
          v.pix_fmt === 'yuv420p' &&
          a.codec_name === streamOf(source, 'audio').codec_name,
        `streams: ${streams.join('; ')}`,
      ),
      verdict(sameAudio, `audio packets ${sameAudio ? 'identical to' : 'differ from'} the recording's`),
    ],
  };
}
