// What each step of a run is given: the project to read and update, the engine, and ways to report.
import type { Project, SceneRecord, StepId } from '../pipeline/project';
import type { RequestOptions } from '../api/client';
import {
  ApiError,
  AppUpdatedError,
  EngineOfflineError,
  isAccessDenied,
  StorageFullError,
  VoiceframeError,
} from '../pipeline/errors';
import type { Engine } from '../render/types';

/** The in-browser media engine (ffmpeg.wasm workers), described once in render/types.ts. */
export type { Engine };

export interface RunContext {
  signal: AbortSignal;
  engine: Engine;
  /** Options for every proxy call (retry policy, base URL...), the signal added by the step. */
  api: Omit<RequestOptions, 'signal'>;
  concurrency: number;
  project(): Project;
  /** Applies a change to the project and saves it; resolves once it is on disk. */
  update(change: (project: Project) => Project): Promise<void>;
  working(id: string, on: boolean): void;
  /** Work units done / total of the running step (pieces, or frames while rendering). */
  progress(step: StepId, done: number, total: number): void;
  /** A passing remark shown beside the step ("rate limited, retrying in 5 s"). */
  notice(step: StepId, message: string | undefined): void;
}

export function withScene(project: Project, index: number, change: (scene: SceneRecord) => SceneRecord): Project {
  return { ...project, scenes: project.scenes?.map((scene) => (scene.index === index ? change(scene) : scene)) };
}

/** A cancel: the run's own signal, or an `AbortError` (the DOM's, known only by its name). */
function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error instanceof Error && error.name === 'AbortError');
}

/**
 * Errors that stop the whole run instead of failing one piece: a cancel, a full disk, a server
 * that wants its access token, or a page whose code was replaced by an update (every other piece
 * would fail the same way).
 */
export function stopsTheRun(error: unknown, signal: AbortSignal): boolean {
  return (
    isAbort(error, signal) ||
    error instanceof StorageFullError ||
    error instanceof AppUpdatedError ||
    isAccessDenied(error)
  );
}

/**
 * A call that failed because the browser is offline (after its retries), or a video engine that could
 * not be fetched offline: the run stops and waits for the connection (the run controller carries on
 * when it is back) rather than recording a failure.
 */
export function isOffline(error: unknown): boolean {
  return (error instanceof ApiError && error.code === 'offline') || error instanceof EngineOfflineError;
}

/**
 * A failure as the user reads it: the app's errors say whether trying again may help; anything
 * else (a bug, a browser error) is offered a retry, since nothing says it would fail the same way.
 */
export function failureOf(error: unknown): { message: string; retryable: boolean } {
  const retryable = error instanceof VoiceframeError ? error.retryable : true;
  return { message: error instanceof Error ? error.message || error.name : String(error), retryable };
}
