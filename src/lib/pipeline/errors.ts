// Every error class of the client (page, runner and render worker), each with a message a person can
// read and `retryable`: whether doing the same again may succeed, so the page offers Retry or Resume.
// Decisions are made with `instanceof`. Render errors cross a worker boundary, where comlink keeps only
// name, message and stack: they keep a stable `name`, and `reviveError` turns them back into classes.
import { ACCESS_DENIED } from './api-contract';

/** Base class of the app's errors; `retryable` unless a subclass knows better. */
export class VoiceframeError extends Error {
  override name = 'VoiceframeError';
  readonly retryable: boolean = true;
}

/** A call to the Voiceframe server failed; `code` is the server's (or `network`, `offline`...). */
export class ApiError extends VoiceframeError {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    override readonly retryable: boolean,
    readonly retryAfterMs?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The server wants its access token (none was sent, or the one sent is wrong). */
export function isAccessDenied(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === ACCESS_DENIED;
}

/** The transcription came back without a single word: trying the same recording again cannot help. */
export class NoSpeechError extends VoiceframeError {
  override name = 'NoSpeechError';
  override readonly retryable = false;
  constructor(fileName: string, languageName: string) {
    super(
      `No speech was found in “${fileName}”: the transcription came back without a single word. ` +
        `Voiceframe illustrates what is said, so check that this recording has speech in it, spoken in ${languageName} ` +
        '(the language chosen for it). Nothing else was requested.',
    );
  }
}

/** A picked file that cannot become a project; the message says why, to be shown as is. */
export class RejectedFileError extends VoiceframeError {
  override name = 'RejectedFileError';
  override readonly retryable = false;
}

/** The browser's storage is full; Resume works once space is freed. */
export class StorageFullError extends VoiceframeError {
  override name = 'StorageFullError';
}

/** A saved project that no longer validates (saved by another version): reading it again cannot help. */
export class UnreadableProjectError extends VoiceframeError {
  override name = 'UnreadableProjectError';
  override readonly retryable = false;
}

/**
 * A newer version of the app was deployed while the page was open, and this page's code (a worker
 * script, a chunk) is gone from the server: only a reload helps, and the project is kept.
 */
export class AppUpdatedError extends VoiceframeError {
  override name = 'AppUpdatedError';
  override readonly retryable = false;
  constructor(message = 'Voiceframe was updated while this page was open: reload the page to carry on.') {
    super(message);
  }
}

/** Base class of the render engine's errors: subclasses set a stable `name` that survives postMessage. */
export class RenderError extends VoiceframeError {
  override name = 'RenderError';
}

/** ffmpeg ran and exited with a non-zero code; `message` ends with the tail of its log. */
export class FfmpegExitError extends RenderError {
  override name = 'FfmpegExitError';
}

/** ffmpeg.wasm aborted (a crash inside the engine); a fresh worker may succeed. */
export class EngineCrashError extends RenderError {
  override name = 'EngineCrashError';
}

/** ffmpeg.wasm ran out of its memory (the wasm heap tops out at 2 GB); a fresh worker may succeed. */
export class EngineMemoryError extends RenderError {
  override name = 'EngineMemoryError';
}

/** The ffmpeg core could not be fetched or started in this browser (tried again once in a fresh worker). */
export class EngineLoadError extends RenderError {
  override name = 'EngineLoadError';
}

/**
 * The video engine (a render worker's script, or the ffmpeg core) could not be fetched while the browser
 * is offline: it has not been kept for offline use yet (the service worker keeps it after the first
 * visit; a private window has none). Nothing is wrong with the scene: the run waits for the connection.
 */
export class EngineOfflineError extends RenderError {
  override name = 'EngineOfflineError';
  constructor(options?: ErrorOptions) {
    super('The video engine is not saved in this browser yet, and the browser is offline.', options);
  }
}

/** The file is not audio or video that ffmpeg can read. */
export class UnreadableMediaError extends RenderError {
  override name = 'UnreadableMediaError';
}

/** A scene's image is damaged or not a picture ffmpeg can decode (retrying the render cannot help; a new image can). */
export class UnreadableImageError extends RenderError {
  override name = 'UnreadableImageError';
}

/** The file can be read but has no audio stream (e.g. a silent screen recording or an image). */
export class NoAudioStreamError extends RenderError {
  override name = 'NoAudioStreamError';
}

/** The clips' frames do not add up to the audio's length, so the video would drift out of sync. */
export class TimelineMismatchError extends RenderError {
  override name = 'TimelineMismatchError';
}

/** A rendered clip did not come out as planned (frame count, size). */
export class ClipMismatchError extends RenderError {
  override name = 'ClipMismatchError';
}

/**
 * The browser's own video encoder (WebCodecs) cannot render this clip here, and the engine setting
 * asks for it alone (in `auto` the clip falls back to ffmpeg.wasm instead). Retry helps once the
 * setting is changed: it is read for every clip.
 */
export class WebCodecsUnavailableError extends RenderError {
  override name = 'WebCodecsUnavailableError';
}

/** Keyed by the `name` strings (object keys survive minification; class names may not). */
const CLASSES: Record<string, new (message: string, options?: ErrorOptions) => RenderError> = {
  FfmpegExitError,
  EngineCrashError,
  EngineMemoryError,
  EngineLoadError,
  UnreadableMediaError,
  UnreadableImageError,
  NoAudioStreamError,
  TimelineMismatchError,
  ClipMismatchError,
  WebCodecsUnavailableError,
};

/**
 * Render errors worth one more try in a fresh worker (a crash, memory, or a core that failed to load):
 * the pool's own retry, before the failure reaches the user.
 */
export function isRetryable(error: unknown): boolean {
  return error instanceof EngineCrashError || error instanceof EngineMemoryError || error instanceof EngineLoadError;
}

/** Turns an error that crossed a worker boundary back into its class, so `instanceof` works on the page. */
export function reviveError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const Class = Object.hasOwn(CLASSES, error.name) ? CLASSES[error.name] : undefined;
  if (!Class || error instanceof Class) return error;
  const revived = new Class(error.message, { cause: error });
  if (error.stack) revived.stack = error.stack;
  return revived;
}
