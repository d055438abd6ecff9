// What each step of a run is given: the project to read and update, the engine, and ways to report.
import type { Project, SceneRecord, StepId } from '../pipeline/project';
import { isAccessDenied, type RequestOptions } from '../api/client';
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

export function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error instanceof Error && error.name === 'AbortError');
}

/**
 * Errors that stop the whole run instead of failing one piece: a cancel, a full disk, or a server
 * that wants its access token (every other piece would be refused the same way).
 */
export function stopsTheRun(error: unknown, signal: AbortSignal): boolean {
  return isAbort(error, signal) || (error as Error).name === 'StorageFullError' || isAccessDenied(error);
}

/** A failure as the user reads it: the message of a known error, else a generic sentence. */
export function failureOf(error: unknown): { message: string; retryable: boolean } {
  if (error instanceof Error) {
    const retryable = (error as { retryable?: unknown }).retryable;
    return { message: error.message || error.name, retryable: typeof retryable === 'boolean' ? retryable : true };
  }
  return { message: String(error), retryable: true };
}
