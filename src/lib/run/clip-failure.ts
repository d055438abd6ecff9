// A scene whose clip failed for good: the sentence the user reads, and what its Retry will redo.
import {
  EngineCrashError,
  EngineLoadError,
  EngineMemoryError,
  FfmpegExitError,
  UnreadableImageError,
} from '../pipeline/errors';
import type { SceneRecord } from '../pipeline/project';
import { deleteBlob } from '../store/projects';
import { withScene, type RunContext } from './context';

export type SceneFailure = NonNullable<SceneRecord['failure']>;

/** What the user reads for the render engine's failures; their own messages carry ffmpeg's log. */
const REASONS: [new (...args: never[]) => Error, string][] = [
  [
    UnreadableImageError,
    'the picture the image service sent is damaged, so it could not be decoded. Retry draws a new one.',
  ],
  [
    EngineMemoryError,
    'the video engine ran out of memory on this scene, twice. Close other tabs or apps, then retry to render it again.',
  ],
  [EngineCrashError, 'the video engine crashed on this scene, twice. Retry renders it again.'],
  [EngineLoadError, 'the video engine could not start in this browser. Reload the page, then retry.'],
  [FfmpegExitError, 'the video engine could not render this scene. Retry renders it again.'],
];

/** The first line of a message, capitalised as a sentence (never a log or a stack). */
function sentence(message: string): string {
  const line = message.split('\n')[0]?.trim() || 'The clip could not be rendered.';
  return line.charAt(0).toUpperCase() + line.slice(1);
}

/**
 * How a clip failure is recorded on its scene. A damaged image is the image step's failure and must
 * be drawn again (`redraw`: the runner drops it); anything else is the clip's, and Retry renders again.
 */
export function clipFailure(error: Error): { failure: SceneFailure; redraw: boolean } {
  const redraw = error instanceof UnreadableImageError;
  const reason = REASONS.find(([Class]) => error instanceof Class)?.[1];
  return {
    failure: {
      step: redraw ? 'images' : 'clips',
      message: reason ? sentence(reason) : sentence(error.message),
      retryable: true,
    },
    redraw,
  };
}

/** Marks the scene failed; a damaged image is also deleted, so that Retry draws a new one rather than read it back. */
export async function recordClipFailure(ctx: RunContext, scene: SceneRecord, error: Error): Promise<void> {
  // The user reads a sentence; ffmpeg's log tail stays in the console for whoever looks into it.
  console.warn(`Scene ${scene.index + 1}: ${error.name}: ${error.message}`);
  const { failure, redraw } = clipFailure(error);
  const image = redraw ? scene.image?.key : undefined;
  // The blob first: a crash in between leaves a manifest naming a missing image, which is drawn again.
  if (image) await deleteBlob(ctx.project().id, image);
  await ctx.update((p) =>
    withScene(p, scene.index, (s) => ({
      ...s,
      failure,
      // Counted so the redraw is a new request to the service, not the damaged picture remembered by the server.
      ...(image ? { image: undefined, redraws: (s.redraws ?? 0) + 1 } : {}),
    })),
  );
}
