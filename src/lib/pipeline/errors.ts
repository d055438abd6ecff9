// Every error the render engine throws, known by `name` on both sides of a worker (comlink keeps only
// name, message and stack), so the page can tell a bad file from a crash worth retrying.

/** Base class: subclasses set a stable `name` that survives the trip through postMessage. */
export class RenderError extends Error {
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

/** The final MP4 would not fit in the engine's memory (it is written inside the 2 GB wasm heap). */
export class OutputTooLargeError extends RenderError {
  override name = 'OutputTooLargeError';
}

/** A rendered clip did not come out as planned (frame count, size). */
export class ClipMismatchError extends RenderError {
  override name = 'ClipMismatchError';
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
  OutputTooLargeError,
  ClipMismatchError,
};

const RETRYABLE = new Set(['EngineCrashError', 'EngineMemoryError', 'EngineLoadError']);

/** Errors worth one more try in a fresh worker (a crash, memory, or a core that failed to load). */
export function isRetryable(error: unknown): boolean {
  return error instanceof Error && RETRYABLE.has(error.name);
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
