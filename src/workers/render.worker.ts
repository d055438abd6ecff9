// The render worker: one ffmpeg.wasm core behind one comlink API (probe, compact audio, clip, assemble),
// clips rendered with the browser's own encoder (WebCodecs, ./webcodecs-clip.ts) where it can.
// It drives `@ffmpeg/core` directly (./engine.ts), not through `@ffmpeg/ffmpeg`, whose `FFmpeg` class
// runs the core in a worker of its own: here that would be a nested worker per render worker, with every
// call, log line and WORKERFS mount (inputs mounted read-only, never copied into the 2 GB wasm heap)
// relayed through one more message hop. Driving the core in this thread keeps the mounts, the exit code,
// the abort reason and the log tail at hand, which is how a crash or an out-of-memory (worth a retry in a
// fresh worker) is told apart from a bad input.
import { expose } from 'comlink';
import { BufferTarget } from 'mediabunny';
import { clipArgs } from '$lib/pipeline/kenburns-filter';
import {
  ClipMismatchError,
  FfmpegExitError,
  UnreadableMediaError,
  WebCodecsUnavailableError,
} from '$lib/pipeline/errors';
import { decodeImageArgs, unreadableImage } from '$lib/pipeline/image-check';
import {
  assembleArgs,
  audibleDuration,
  compactAudioArgs,
  concatList,
  framesToKeep,
  lastClipOutpoint,
  measureDurationArgs,
  parseDecodedDuration,
  parseProbe,
  probeArgs,
  type ProbedAudio,
} from '$lib/pipeline/media-args';
import type { DiskPath } from '$lib/pipeline/disk-path';
import type { AssembleInput, ClipInput } from '$lib/pipeline/render-plan';
import { audioCut, cutSound } from '$lib/pipeline/tighten/audio-cut-args';
import { throttle } from '$lib/pipeline/throttle';
import { asQuotaError, createDiskFile, openReader, writeAt } from './disk-file';
import { Engine, type MountedFile } from './engine';
import { captionInputs } from './fonts';
import { fileName, inputName } from './input-name';
import { positionalTarget, renderClipWebCodecs, webCodecsConfig } from './webcodecs-clip';

/** How often a clip's progress goes to the page: the panel shows it, not every frame. */
const PROGRESS_MS = 250;

/** The engines that render a clip: the browser's own H.264 encoder, or ffmpeg.wasm (x264). */
export type ClipEngine = 'webcodecs' | 'ffmpeg';
/** The engine setting: `auto` is WebCodecs where the browser can encode the clip, else ffmpeg.wasm. */
export type EngineChoice = 'auto' | ClipEngine;

/** A smaller copy of the audio for transcription (16 kHz mono), with a file name whose extension Groq accepts. */
export interface CompactAudio {
  blob: Blob;
  fileName: string;
}

let loading: Promise<Engine> | undefined;

function engine(): Promise<Engine> {
  // A failed load is forgotten, so the next call tries again (e.g. after a network hiccup).
  loading ??= Engine.load(__FFMPEG_CORE_BASE__).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Mounts `files` read-only, runs `work` on their paths, and always unmounts. */
function inMounted<T>(e: Engine, files: MountedFile[], work: (paths: string[]) => T): T {
  const mounted = e.mount(files);
  try {
    return work(mounted.paths);
  } finally {
    try {
      mounted.unmount();
    } catch {
      // Only after a crash, whose error is the one to report; the pool replaces this worker anyway.
    }
  }
}

/** Mounts `data` read-only, runs `work` on its path(s), and always unmounts. */
async function withInputs<T>(files: { name: string; data: Blob }[], work: (e: Engine, paths: string[]) => T) {
  const e = await engine();
  return inMounted(e, files, (paths) => work(e, paths));
}

/**
 * Runs `write`, which makes ffmpeg write an MP4 to the path it is given, and returns that MP4: a file on
 * disk at `disk`, written there as ffmpeg produces it (the heap never holds it), or without `disk`
 * (a browser with no usable disk storage) bytes taken out of the heap. ffmpeg's arguments need `-y`
 * for a file on disk, which exists before ffmpeg opens it.
 */
async function writeOutput(
  name: string,
  disk: DiskPath | undefined,
  write: (e: Engine, path: string) => void,
): Promise<Blob> {
  const e = await engine();
  const path = `/${name}`;
  if (!disk) {
    try {
      write(e, path);
    } catch (error) {
      e.discard(path);
      throw error;
    }
    return new Blob([e.take(path)], { type: 'video/mp4' });
  }
  const file = await createDiskFile(disk);
  const attached = e.attach(path, file.sync);
  try {
    write(e, path);
  } catch (error) {
    await file.discard();
    // A disk that refused a write explains the exit better than ffmpeg's "I/O error".
    throw attached.failure() === undefined ? error : asQuotaError(attached.failure());
  } finally {
    attached.detach();
  }
  return file.commit();
}

/**
 * Probes the mounted file; `exact` also decodes the audio to its end, so the duration is the sound's
 * (see `audibleDuration`): the video's frames are counted from it. Without `exact` the container's
 * figure stands where it states one (enough to size the transcription copy).
 */
function probeMounted(e: Engine, path: string, fileName: string, exact: boolean): ProbedAudio {
  const stdout: string[] = [];
  e.run(probeArgs(path), { stdout }, 'ffprobe');
  if (stdout.length === 0) {
    // ffprobe prints nothing for anything that is not media; say so in the user's terms.
    const lastLine = e.tail().split('\n').at(-1) ?? '';
    const reason = lastLine.replace(/^.*?: /, '') || 'unknown format';
    throw new UnreadableMediaError(`${fileName} could not be read as audio or video (${reason}).`);
  }
  const info = parseProbe(stdout.join('\n'), fileName);
  if (exact || Number.isNaN(info.duration)) {
    const progress: string[] = [];
    e.run(measureDurationArgs(path), { stdout: progress });
    info.duration = audibleDuration(info.duration, parseDecodedDuration(progress.join('\n')));
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

/**
 * The clip with the browser's own encoder, muxed straight into its file on disk as the frames are
 * encoded (without `disk`, into memory). A failed clip leaves no file behind, so ffmpeg.wasm can take over.
 */
async function renderClipBrowser(
  { image, plan }: ClipInput,
  disk: DiskPath | undefined,
  onFrames?: (frames: number) => void,
): Promise<Blob> {
  if (!disk) {
    const target = new BufferTarget();
    await renderClipWebCodecs(image, plan, target, onFrames);
    return new Blob([target.buffer as ArrayBuffer], { type: 'video/mp4' });
  }
  const file = await createDiskFile(disk);
  try {
    await renderClipWebCodecs(
      image,
      plan,
      positionalTarget((data, at) => writeAt(file.sync, data, at)),
      onFrames,
    );
  } catch (error) {
    await file.discard();
    throw asQuotaError(error);
  }
  return file.commit();
}

/** The clip with ffmpeg.wasm: works in every browser, and the reference the WebCodecs path matches. */
async function renderClipFfmpeg(
  { image, plan }: ClipInput,
  disk: DiskPath | undefined,
  onFrames?: (frames: number) => void,
): Promise<Blob> {
  // Captions (plan.captions, an ASS document) are burned in over the picture, in the same pass.
  const captions = await captionInputs(plan);
  const inputs = [{ name: inputName(image, 'image'), data: image }, ...(captions ? [captions.input] : [])];
  let reported = 0;
  const onTime = (seconds: number) => {
    const frames = Math.min(plan.frames, Math.round(seconds * plan.fps));
    if (frames > reported) onFrames?.((reported = frames));
  };
  const clip = await writeOutput(`clip${plan.index}.mp4`, disk, (e, output) =>
    inMounted(e, inputs, ([path, assPath]) => {
      const burn = captions && assPath ? { assPath, fontsDir: captions.fontsDir(e) } : undefined;
      try {
        e.run(['-y', ...clipArgs(plan, path as string, output, burn)], { onTime });
      } catch (error) {
        blameImage(e, path as string, plan.index, error);
        throw error;
      }
    }),
  );
  if (clip.size === 0) throw new ClipMismatchError(`Scene ${plan.index + 1} came out empty.`);
  onFrames?.(plan.frames);
  return clip;
}

/**
 * The clips as inputs to mount for the length of `work`, each read from its file on disk where it has
 * one: reading a Blob makes a new buffer per read, garbage the collector let pile up to 60-80 MB.
 */
async function withClipInputs<T>(
  clips: AssembleInput['clips'],
  work: (inputs: MountedFile[]) => Promise<T>,
): Promise<T> {
  const readers = await Promise.all(clips.map((clip) => clip.disk && openReader(clip.disk, clip.blob.size)));
  try {
    return await work(
      clips.map((clip, i) => {
        const reader = readers[i];
        return { name: `clip${i}.mp4`, data: clip.blob, ...(reader && { reader }) };
      }),
    );
  } finally {
    for (const reader of readers) reader?.close();
  }
}

/** Muxes the mounted clips (`paths` in input order) and audio into `final` (see `assemble`). */
function muxFinal(
  e: Engine,
  { clips, fps, cuts, subtitles }: AssembleInput,
  paths: string[],
  final: string,
  onFraction?: (fraction: number) => void,
): void {
  const clipPaths = paths.slice(0, clips.length);
  const audioPath = paths[clips.length] as string;
  const subtitlesPath = paths[clips.length + 1];
  const info = probeMounted(e, audioPath, 'The audio', true);
  const cut = cuts?.length ? audioCut(cuts, info.duration, info.sampleRate) : undefined;
  const duration = cut?.duration ?? info.duration;
  const clipFrames = clips.map((clip) => clip.frames);
  const total = clipFrames.reduce((sum, frames) => sum + frames, 0);
  const outpoint = lastClipOutpoint(clipFrames, framesToKeep(total, duration, fps), fps);
  const list = '/clips.txt';
  const durations = clipFrames.map((frames) => frames / fps);
  e.writeText(list, concatList(clipPaths, outpoint, durations));
  const onTime = (seconds: number) => onFraction?.(Math.min(1, seconds / duration));
  const args = assembleArgs(list, audioPath, info, final, {
    ...(cut && { sound: cutSound(cut, info) }),
    ...(subtitles && subtitlesPath && { subtitles: { path: subtitlesPath, language: subtitles.language } }),
  });
  try {
    e.run(args, { onTime });
  } finally {
    e.discard(list);
  }
}

/**
 * Every call takes one input and, for long work, a progress callback; the page calls them through the
 * pool (`Engine` in `src/lib/render/types.ts` is derived from this object's type). Results are Blobs;
 * a clip or video given an `output` on disk is written there as it is produced and comes back as that
 * File (read from disk when used, never held in memory).
 */
const api = {
  /** Duration, codec, sample rate and channels of the user's audio (or of a video's audio track). */
  async probe({ file }: { file: Blob }): Promise<ProbedAudio> {
    return withInputs([{ name: inputName(file, 'audio'), data: file }], (e, [path]) =>
      probeMounted(e, path as string, fileName(file), true),
    );
  },

  /** A 16 kHz mono Opus copy for transcription, small enough for Groq's 25 MB limit. */
  async compactAudio({ file }: { file: Blob }): Promise<CompactAudio> {
    return withInputs([{ name: inputName(file, 'audio'), data: file }], (e, [path]) => {
      const { duration } = probeMounted(e, path as string, 'The audio', false);
      const output = '/compact.ogg';
      try {
        e.run(compactAudioArgs(path as string, output, duration));
      } catch (error) {
        e.discard(output);
        throw error;
      }
      return { blob: new Blob([e.take(output)], { type: 'audio/ogg' }), fileName: 'audio.ogg' };
    });
  },

  /**
   * Renders one scene clip (exactly `plan.frames` frames, starting on a keyframe); `onFrames` hears the
   * frames encoded so far (back to 0 if the clip falls back to ffmpeg.wasm), `onEngine` which engine
   * renders it. `engine` (default `auto`) picks the browser's own encoder where it can, else ffmpeg.wasm.
   */
  async renderClip(
    { image, plan, engine = 'auto', output }: ClipInput & { engine?: EngineChoice; output?: DiskPath },
    onFrames?: (frames: number) => void,
    onEngine?: (engine: ClipEngine) => void,
  ): Promise<Blob> {
    const progress = throttle((frames: number) => onFrames?.(frames), PROGRESS_MS);
    const report = (frames: number) => progress.push(frames);
    // Captions look the same from either engine: both draw the plan's one caption description.
    if (engine !== 'ffmpeg') {
      if (await webCodecsConfig(plan)) {
        try {
          onEngine?.('webcodecs');
          const clip = await renderClipBrowser({ image, plan }, output, report);
          progress.flush();
          return clip;
        } catch (error) {
          if (engine === 'webcodecs') throw error;
          // In `auto` a failed fast path costs time, not the clip: ffmpeg.wasm renders it from frame 0.
          onFrames?.(0);
        }
      } else if (engine === 'webcodecs') {
        throw new WebCodecsUnavailableError(
          `This browser has no video encoder for ${plan.width}x${plan.height} H.264 (WebCodecs): ` +
            'choose Automatic or ffmpeg.wasm as the video engine under Advanced on the home page.',
        );
      }
    }
    onEngine?.('ffmpeg');
    const clip = await renderClipFfmpeg({ image, plan }, output, report);
    progress.flush();
    return clip;
  },

  /**
   * Concatenates the clips without re-encoding and muxes the original audio into the final MP4: copied
   * bit-for-bit for AAC, MP3, Opus and FLAC, else AAC. With `cuts` the audio is cut there (crossfaded
   * joins) and encoded once in the same run: FLAC stays FLAC, anything else becomes AAC. With `output`,
   * the MP4 is written to that file on disk as ffmpeg produces it (its memory stays that of one clip,
   * however long the video); a full disk rejects with an error named `QuotaExceededError`.
   * `onFraction` hears 0..1 written.
   */
  async assemble(
    { output, ...input }: AssembleInput & { output?: DiskPath },
    onFraction?: (fraction: number) => void,
  ): Promise<Blob> {
    const { clips, audio, subtitles } = input;
    const video = await withClipInputs(clips, (clipInputs) => {
      // Inputs by role: the clips, then the audio; anything the final carries besides (a subtitle track)
      // is mounted after them and passed to `assembleArgs` after the audio's input.
      const files = [
        ...clipInputs,
        { name: inputName(audio, 'audio'), data: audio },
        ...(subtitles ? [{ name: 'subtitles.srt', data: new Blob([subtitles.srt], { type: 'text/plain' }) }] : []),
      ];
      return writeOutput('final.mp4', output, (e, final) =>
        inMounted(e, files, (paths) => muxFinal(e, input, paths, final, onFraction)),
      );
    });
    onFraction?.(1);
    return video;
  },
};

export type RenderApi = typeof api;

expose(api);
