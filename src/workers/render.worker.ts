// The render worker: one ffmpeg.wasm core behind one comlink API (probe, compact audio, clip, assemble).
import { expose, transfer } from 'comlink';
import { clipArgs } from '$lib/pipeline/kenburns-filter';
import type { RenderPlan } from '$lib/pipeline/kenburns';
import { ClipMismatchError, FfmpegExitError, UnreadableMediaError } from '$lib/render/errors';
import { decodeImageArgs, unreadableImage } from '$lib/render/image-check';
import {
  assembleArgs,
  checkOutputSize,
  compactAudioArgs,
  concatList,
  framesToKeep,
  lastClipOutpoint,
  measureDurationArgs,
  parseProbe,
  probeArgs,
} from '$lib/render/media-args';
import type { AudioInfo, CompactAudio } from '$lib/render/types';
import { Engine } from './engine';
import { captionInputs } from './fonts';
import { inputName } from './input-name';

let loading: Promise<Engine> | undefined;

function engine(): Promise<Engine> {
  // A failed load is forgotten, so the next call tries again (e.g. after a network hiccup).
  loading ??= Engine.load(__FFMPEG_CORE_BASE__).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Mounts `data` read-only, runs `work` on its path(s), and always unmounts. */
async function withInputs<T>(files: { name: string; data: Blob }[], work: (e: Engine, paths: string[]) => T) {
  const e = await engine();
  const mounted = e.mount(files);
  try {
    return work(e, mounted.paths);
  } finally {
    try {
      mounted.unmount();
    } catch {
      // Only after a crash, whose error is the one to report; the pool replaces this worker anyway.
    }
  }
}

function probeMounted(e: Engine, path: string, fileName: string): AudioInfo {
  const stdout: string[] = [];
  e.run(probeArgs(path), { stdout }, 'ffprobe');
  if (stdout.length === 0) {
    // ffprobe prints nothing for anything that is not media; say so in the user's terms.
    const lastLine = e.tail().split('\n').at(-1) ?? '';
    const reason = lastLine.replace(/^.*?: /, '') || 'unknown format';
    throw new UnreadableMediaError(`${fileName} could not be read as audio or video (${reason}).`);
  }
  const info = parseProbe(stdout.join('\n'), fileName);
  if (Number.isNaN(info.duration)) {
    // Live-recorded WebM states no duration: read the audio to its end (a stream copy, no decoding).
    let end = 0;
    e.run(measureDurationArgs(path), { onTime: (seconds) => (end = Math.max(end, seconds)) });
    info.duration = end;
  }
  return info;
}

/**
 * After a clip failed with an exit code: if the image alone cannot be decoded either, the image is to
 * blame (UnreadableImageError: a new image can help, rendering again cannot); else the render error stands.
 */
function blameImage(e: Engine, path: string, index: number, renderError: unknown): void {
  if (!(renderError instanceof FfmpegExitError)) return;
  try {
    e.run(decodeImageArgs(path));
  } catch (error) {
    if (error instanceof FfmpegExitError) throw unreadableImage(index, e.tail(), renderError);
    throw error;
  }
}

const api = {
  /** Duration, codec, sample rate and channels of the user's audio (or of a video's audio track). */
  async probe(file: Blob, fileName = 'The file'): Promise<AudioInfo> {
    return withInputs([{ name: inputName(file, 'audio'), data: file }], (e, [path]) =>
      probeMounted(e, path as string, fileName),
    );
  },

  /** A 16 kHz mono Opus copy for transcription, small enough for Groq's 25 MB limit. */
  async compactAudio(file: Blob): Promise<CompactAudio> {
    return withInputs([{ name: inputName(file, 'audio'), data: file }], (e, [path]) => {
      const { duration } = probeMounted(e, path as string, 'The audio');
      const output = '/compact.ogg';
      try {
        e.run(compactAudioArgs(path as string, output, duration));
      } catch (error) {
        e.discard(output);
        throw error;
      }
      const bytes = e.take(output);
      return transfer({ bytes, fileName: 'audio.ogg', mimeType: 'audio/ogg' }, [bytes.buffer]);
    });
  },

  /** Renders one scene clip; `onFrames` hears the number of frames encoded so far. */
  async renderClip(image: Blob, plan: RenderPlan, onFrames?: (frames: number) => void): Promise<Uint8Array> {
    // Captions (plan.captions, an ASS document) are burned in over the picture, in the same pass.
    const captions = await captionInputs(plan);
    const inputs = [{ name: inputName(image, 'image'), data: image }, ...(captions ? [captions.input] : [])];
    return withInputs(inputs, (e, [path, assPath]) => {
      const burn = captions && assPath ? { assPath, fontsDir: captions.fontsDir(e) } : undefined;
      const output = `/clip${plan.index}.mp4`;
      let reported = 0;
      const onTime = (seconds: number) => {
        const frames = Math.min(plan.frames, Math.round(seconds * plan.fps));
        if (frames > reported) onFrames?.((reported = frames));
      };
      try {
        e.run(clipArgs(plan, path as string, output, burn), { onTime });
      } catch (error) {
        e.discard(output);
        blameImage(e, path as string, plan.index, error);
        throw error;
      }
      const bytes = e.take(output);
      if (bytes.length === 0) throw new ClipMismatchError(`Scene ${plan.index + 1} came out empty.`);
      onFrames?.(plan.frames);
      return transfer(bytes, [bytes.buffer]);
    });
  },

  /**
   * Concatenates the clips without re-encoding and muxes the original audio. `clipFrames` are the
   * clips' frame counts; they should add up to the audio's length (see `framesToKeep` for the tolerance).
   */
  async assemble(
    clips: Blob[],
    audio: Blob,
    clipFrames: number[],
    fps: number,
    onFraction?: (fraction: number) => void,
  ): Promise<Uint8Array> {
    const files = [
      ...clips.map((clip, i) => ({ name: `clip${i}.mp4`, data: clip })),
      { name: inputName(audio, 'audio'), data: audio },
    ];
    return withInputs(files, (e, paths) => {
      const audioPath = paths.at(-1) as string;
      const info = probeMounted(e, audioPath, 'The audio');
      checkOutputSize(
        clips.reduce((sum, clip) => sum + clip.size, 0),
        audio.size,
        info,
      );
      const total = clipFrames.reduce((sum, frames) => sum + frames, 0);
      const outpoint = lastClipOutpoint(clipFrames, framesToKeep(total, info.duration, fps), fps);
      const list = '/clips.txt';
      const output = '/final.mp4';
      const durations = clipFrames.map((frames) => frames / fps);
      e.writeText(list, concatList(paths.slice(0, -1), outpoint, durations));
      const onTime = (seconds: number) => onFraction?.(Math.min(1, seconds / info.duration));
      try {
        e.run(assembleArgs(list, audioPath, info, output), { onTime });
      } catch (error) {
        e.discard(output);
        throw error;
      } finally {
        e.discard(list);
      }
      const bytes = e.take(output);
      onFraction?.(1);
      return transfer(bytes, [bytes.buffer]);
    });
  },
};

export type RenderApi = typeof api;

expose(api);
