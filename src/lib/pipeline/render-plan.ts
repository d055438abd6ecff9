// What the runner asks the render engine for, made from the project: each clip's plan (motion, frames,
// bitrate ceiling) and the final video's input (clips in scene order with their exact frames).
import { sceneCaptions } from './captions/project-captions';
import { planMotion, type RenderPlan } from './kenburns';
import type { Project, SceneRecord } from './project';
import { sceneFrames } from './timeline';
import { videoKbpsBudget } from './video-budget';

/** One scene's clip: its image (PNG, JPEG, WebP... of any size, cropped to cover the frame) and plan. */
export interface ClipInput {
  image: Blob;
  plan: RenderPlan;
}

export interface AssembleInput {
  /**
   * Clips in scene order; their frames should add up to round(duration * fps) of the audio. Up to 0.5 s
   * of difference is absorbed (extra frames are cut without re-encoding; a shorter video holds its last
   * picture); more rejects with `TimelineMismatchError`.
   */
  clips: { blob: Blob; frames: number }[];
  /** The user's original audio file, muxed unchanged when MP4 can carry its codec. */
  audio: Blob;
  fps: number;
}

/**
 * A scene's render plan in the project's format and frame rate, under the bitrate ceiling that lets the
 * whole video fit the engine's memory (a long recording gets a lower one from its first clip), with the
 * captions it shows: its slice of the whole narration's track, so groups run on across cuts.
 */
export function clipPlan(project: Project, scene: SceneRecord): RenderPlan {
  const plan = planMotion(scene, project.format, {
    fps: project.fps,
    maxKbps: videoKbpsBudget(project.audio),
    ...(scene.motion ? { motion: scene.motion } : {}),
  });
  const captions = sceneCaptions(project, scene);
  return captions === undefined ? plan : { ...plan, captions };
}

/** The final video's input: each scene's clip (in scene order) with the frames its scene spans. */
export function assembleInput(project: Project, clips: Blob[], audio: Blob): AssembleInput {
  const scenes = project.scenes ?? [];
  return {
    clips: clips.map((blob, i) => ({ blob, frames: sceneFrames(scenes[i] ?? { start: 0, end: 0 }, project.fps) })),
    audio,
    fps: project.fps,
  };
}
