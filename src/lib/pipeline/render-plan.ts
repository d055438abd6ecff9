// What the runner asks the render engine for, made from the project: each clip's plan (motion, frames,
// captions) and the final video's input (clips in scene order with their exact frames).
import { sceneCaptions } from './captions/project-captions';
import { subtitleTrack, type SubtitleTrack } from './captions/subtitle-track';
import { chooseMotion, planMotion, type RenderPlan } from './kenburns';
import type { StoredFile } from './disk-path';
import type { Project, SceneRecord } from './project';
import { activeCuts, tightenedProject, tightenedScene } from './tighten/project-tighten';
import type { Span } from './tighten/time-map';
import { sceneFrames } from './timeline';

/** One scene's clip: its image (PNG, JPEG, WebP... of any size, cropped to cover the frame) and plan. */
export interface ClipInput {
  image: Blob;
  plan: RenderPlan;
}

export interface AssembleInput {
  /**
   * Clips in scene order; their frames should add up to round(duration * fps) of the audio. Up to 0.5 s
   * of difference is absorbed (extra frames are cut without re-encoding; a shorter video holds its last
   * picture); more rejects with `TimelineMismatchError`. A clip with its place on disk is read from there.
   */
  clips: (StoredFile & { frames: number })[];
  /** The user's original audio file, muxed unchanged when MP4 can carry its codec. */
  audio: Blob;
  fps: number;
  /** Stretches of the original audio to take out (filler words, long pauses), in order; absent: none. */
  cuts?: Span[];
  /** The captions as a soft subtitle track (`mov_text`), when the project has them. */
  subtitles?: SubtitleTrack;
}

/**
 * A scene's render plan in the project's format and frame rate, at the format's full bitrate however
 * long the recording (the video streams to disk), with the captions it shows: its slice of the whole
 * narration's track, so groups run on across cuts.
 */
export function clipPlan(project: Project, scene: SceneRecord): RenderPlan {
  const timed = tightenedScene(project, scene);
  const plan = planMotion(timed, project.format, {
    fps: project.fps,
    ...(scene.motion ? { motion: scene.motion } : {}),
  });
  // A scene moved by a merge or split before it keeps the automatic move it was first rendered with.
  const moved = !scene.motion && scene.motionIndex !== undefined ? { motion: chooseMotion(scene.motionIndex) } : {};
  const captions = sceneCaptions(tightenedProject(project), timed);
  return { ...plan, ...moved, ...(captions === undefined ? {} : { captions }) };
}

/**
 * The final video's input: each scene's clip (in scene order) with the frames its scene spans, the
 * cuts, and the captions' subtitle track.
 */
export function assembleInput(project: Project, clips: readonly StoredFile[], audio: Blob): AssembleInput {
  const scenes = tightenedProject(project).scenes ?? [];
  const cuts = activeCuts(project).map(({ start, end }) => ({ start, end }));
  const subtitles = subtitleTrack(project);
  return {
    clips: clips.map((clip, i) => ({ ...clip, frames: sceneFrames(scenes[i] ?? { start: 0, end: 0 }, project.fps) })),
    audio,
    fps: project.fps,
    ...(cuts.length > 0 ? { cuts } : {}),
    ...(subtitles && { subtitles }),
  };
}
