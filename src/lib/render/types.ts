// The page-side contract of the render engine: what the app passes in and gets back.
import type { RenderPlan } from '$lib/pipeline/kenburns';

export type { RenderPlan };

/** What a probe learns about the user's audio (or the audio track of a video file). */
export interface AudioInfo {
  /** Seconds, from the audio stream when known, else from the container. */
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

/** A smaller copy of the audio for transcription (16 kHz mono), with a file name whose extension Groq accepts. */
export interface CompactAudio {
  bytes: Uint8Array;
  fileName: string;
  mimeType: string;
}

/** One rendered scene: an MP4 of exactly `frames` frames, starting on a keyframe. */
export interface Clip {
  bytes: Uint8Array;
  frames: number;
}

export interface ClipJob {
  /** Encoded image (PNG, JPEG, WebP...) of any size; it is cropped to cover the frame. */
  image: Blob;
  plan: RenderPlan;
}

/**
 * How one job of a batch ended: its clip, or the error that stayed after any retry, as its named class
 * from `errors.ts` (e.g. `UnreadableImageError` for a damaged image, `EngineMemoryError`).
 */
export type ClipOutcome = { ok: true; clip: Clip } | { ok: false; error: Error };

/** Progress of one clip (frames encoded so far) and of the whole batch. */
export interface RenderProgress {
  /** Index of the job in the batch whose count changed. */
  job: number;
  clipFrames: number;
  clipTotal: number;
  done: number;
  total: number;
  /** Seconds left at the current speed, or undefined before there is enough to measure. */
  etaSeconds: number | undefined;
}

export interface RenderOptions {
  /** Aborting terminates the workers and rejects with an AbortError. */
  signal?: AbortSignal;
  onProgress?: (progress: RenderProgress) => void;
  /** Called as soon as each clip is finished (in completion order), e.g. to cache it. */
  onClip?: (job: number, clip: Clip) => void | Promise<void>;
  /** Called as soon as a clip fails for good; the other clips carry on. */
  onClipError?: (job: number, error: Error) => void | Promise<void>;
}

export interface AssembleInput {
  /**
   * Clips in scene order; their frames should add up to round(duration * fps) for the duration that
   * `probe()` reports. Up to 0.5 s of difference is absorbed (extra frames are cut without
   * re-encoding; a shorter video holds its last picture); more rejects with `TimelineMismatchError`.
   */
  clips: { blob: Blob; frames: number }[];
  /** The user's original audio file, muxed unchanged when MP4 can carry its codec. */
  audio: Blob;
  fps: number;
}

export interface AssembleOptions {
  signal?: AbortSignal;
  /** Fraction 0..1 of the mux written so far. */
  onProgress?: (fraction: number) => void;
}

/**
 * What `createRenderPool()` in `pool.ts` returns. Workers start on first use; every call takes an
 * AbortSignal whose abort terminates the workers doing that call and rejects with an `AbortError`.
 * Failures reject with the named errors of `src/lib/pipeline/errors.ts` (check `error.name`).
 */
export interface RenderEngine {
  /** How many workers run clips in parallel. */
  readonly size: number;
  /** Reads duration, codec, sample rate and channels; rejects with `NoAudioStreamError` when there is no audio. */
  probe(audio: Blob, options?: { signal?: AbortSignal }): Promise<AudioInfo>;
  /** A 16 kHz mono copy small enough to upload for transcription (used when the original is over 25 MB). */
  compactAudio(audio: Blob, options?: { signal?: AbortSignal }): Promise<CompactAudio>;
  /**
   * Renders every job's clip, in parallel; resolves with each job's outcome, in job order. A clip whose
   * engine crashed or ran out of memory is tried once more in a fresh worker; a clip that still fails
   * (or whose image cannot be decoded) fails alone: the others are rendered all the same. Rejects only
   * on abort, or with the error of an `onClip`/`onClipError` callback (e.g. a full disk), which stops the batch.
   */
  renderClips(jobs: ClipJob[], options?: RenderOptions): Promise<ClipOutcome[]>;
  /**
   * Concatenates the clips (no re-encoding) and muxes the original audio into the final MP4: copied
   * bit-for-bit for AAC, MP3, Opus and FLAC, else AAC. Rejects with `OutputTooLargeError` before any
   * work when the MP4 could not be written inside the engine's 2 GB memory.
   */
  assemble(input: AssembleInput, options?: AssembleOptions): Promise<Blob>;
  /** Terminates all workers; the pool starts new ones if used again. */
  dispose(): void;
}
