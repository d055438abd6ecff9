// The project model: what a creator's project holds, and the content-derived keys of its pieces.
import { hash, hashPerOwner } from './key-hash';
import { FORMATS, DEFAULT_FPS, type FormatId } from './formats';
import type { ImageModel, ImageStyle } from './api-contract';
import { DEFAULT_STYLE } from './image-styles';
import { sceneCaptionsKey } from './captions/project-captions';
import type { CaptionStyleId } from './captions/styles';
import type { MotionChoice } from './kenburns';
import type { Word } from './transcript';
import {
  activeCuts,
  cutsSignature,
  tightenedProject,
  tightenedScene,
  type TightenChoice,
} from './tighten/project-tighten';
import { sceneFrames } from './timeline';

export const PROJECT_VERSION = 5;

/** The steps of the pipeline, in the order they run. */
export const STEPS = ['transcribe', 'scenes', 'prompts', 'images', 'clips', 'final'] as const;
export type StepId = (typeof STEPS)[number];
/** Steps done once per scene (the others are done once per project). */
export type SceneStep = 'prompts' | 'images' | 'clips';
export const SCENE_STEPS: readonly SceneStep[] = ['prompts', 'images', 'clips'];

/** `blocked`: waiting on a failure at an earlier step of the same scene (counted there, not here). */
export type PieceStatus = 'pending' | 'working' | 'done' | 'failed' | 'blocked';

interface Failure {
  message: string;
  /** False when retrying with the same input cannot help (e.g. a blocked image). */
  retryable: boolean;
}

export interface AudioInfo {
  name: string;
  type: string;
  size: number;
  duration: number;
  codec: string;
}

/** A misheard word fixed by the person (`text`), or removed (`text` empty); `word` indexes the scene's words. */
export interface WordCorrection {
  word: number;
  text: string;
}

/** Where a picture came from: the project's style model, Flux, or the person's own file. */
export type ImageSource = ImageModel | 'own';

/**
 * A scene's picture. One drawn by the run from the prompt has only `key` and `type`; one the person
 * chose (a redraw, an earlier version taken back, their own file) says where it came from and, except
 * their own, the prompt it was chosen for: it stays the scene's picture until that prompt changes.
 */
export interface SceneImage {
  key: string;
  type: string;
  source?: ImageSource;
  prompt?: string;
  seed?: number;
}

export interface SceneRecord {
  index: number;
  start: number;
  end: number;
  text: string;
  words: Word[];
  /** Read by captions and subtitles only: `text` (what the prompt was written from) stays as heard. */
  corrections?: WordCorrection[];
  /**
   * `key` is the key of the inputs the prompt was written from; `guide` the revision of the visual
   * guide it was written with (absent: none, or before guides existed).
   */
  prompt?: { text: string; key: string; model?: string; edited?: boolean; guide?: number };
  /** The image blob is stored under `key`, derived from the prompt and the output size (see SceneImage). */
  image?: SceneImage;
  /** Earlier pictures of the scene, newest first (a few): going back to one buys nothing. */
  versions?: SceneImage[];
  /** A redraw the person asked for and paid for, not made yet; `n` names it (its own request key). */
  redraw?: { model: ImageModel; seed?: number; n: number };
  /** How many redraws the person has asked for: each one is another paid call. */
  redrawn?: number;
  /** Images of this scene found damaged and dropped: each redraw asks the service anew (another request key). */
  redraws?: number;
  /** The camera move the person picked; absent: the varied, deterministic choice by scene index. */
  motion?: MotionChoice;
  /**
   * The number the automatic camera move is chosen from, when not `index`: a scene that kept its words
   * through a merge or split before it keeps the move (and the clip) it had at its old index.
   */
  motionIndex?: number;
  /** The clip blob is stored under `key`, derived from the image and the scene's timing. */
  clip?: { key: string };
  failure?: Failure & { step: SceneStep };
}

/**
 * What a scene had bought (its prompt, its picture and the picture's versions) when new cuts gave its
 * words to other scenes: a scene cut around the same words again takes them back instead of buying them
 * again. `first` and `count` are its words' place in the transcript (all scenes' words in order).
 */
export interface RetiredScene extends Pick<
  SceneRecord,
  'text' | 'prompt' | 'image' | 'versions' | 'redrawn' | 'redraws'
> {
  first: number;
  count: number;
}

/**
 * The project's visual guide: the recurring people, places and objects with fixed descriptions, the
 * era and the palette, given to every scene's prompt request. `text` is empty for projects made before
 * guides existed. `revision` counts the guide's versions: prompts remember the one they were written
 * with, so after an edit the scenes drawn with an older one can be offered a redraw (never redrawn unasked).
 */
export interface VisualGuide {
  text: string;
  revision: number;
  model?: string;
  /** Written or changed by the person. */
  edited?: boolean;
}

export interface Project {
  version: typeof PROJECT_VERSION;
  id: string;
  name: string;
  format: FormatId;
  /** How the images are drawn; absent in projects made before there was a choice (the default style). */
  style?: ImageStyle;
  /** Captions burned into the video; absent in projects made before there was a choice (none). */
  captions?: CaptionStyleId;
  language: string;
  fps: number;
  createdAt: number;
  updatedAt: number;
  audio: AudioInfo;
  transcript?: { model: string; language: string; words: number };
  /** Times the transcription service heard no speech: Try again asks it anew (another request key). */
  silentAnswers?: number;
  /** Filler words and long pauses cut out (absent: the recording plays as it is). */
  tighten?: TightenChoice;
  scenes?: SceneRecord[];
  /** Scenes new cuts took apart, newest first (a few), kept for when their words come back (see RetiredScene). */
  retired?: RetiredScene[];
  /** Written after the scenes, before any prompt. */
  guide?: VisualGuide;
  final?: { key: string; size: number };
  /** A failure of a project-wide step (transcription, assembly). */
  failure?: Failure & { step: 'transcribe' | 'scenes' | 'final' };
}

export function newProject(input: {
  id: string;
  name: string;
  format: FormatId;
  style?: ImageStyle;
  captions?: CaptionStyleId;
  tighten?: TightenChoice;
  language: string;
  audio: AudioInfo;
  now: number;
}): Project {
  const { now, ...rest } = input;
  return { version: PROJECT_VERSION, fps: DEFAULT_FPS, createdAt: now, updatedAt: now, ...rest };
}

/**
 * The same recording in another format, as a new project: the transcript's scenes and their prompts
 * are kept (the words and timing do not depend on the frame), and so are the person's own pictures
 * (cover-cropped to any frame; their blobs are copied, see `ownPictureKeys`), while generated images,
 * clips and the video are made again at the new size. A prompt that failed is asked for again.
 */
export function inAnotherFormat(source: Project, change: { id: string; format: FormatId; now: number }): Project {
  // Retired scenes' pictures have the other format's size: they are not kept.
  const { final: _final, failure: _failure, scenes, retired: _retired, ...rest } = source;
  const { now, ...identity } = change;
  return {
    ...rest,
    ...identity,
    createdAt: now,
    updatedAt: now,
    scenes: scenes?.map(({ index, start, end, text, words, prompt, image, motion, motionIndex }) => ({
      index,
      start,
      end,
      text,
      words,
      ...(prompt ? { prompt } : {}),
      ...(image?.source === 'own' ? { image } : {}),
      ...(motion ? { motion } : {}),
      ...(motionIndex !== undefined ? { motionIndex } : {}),
    })),
  };
}

/** Images a version in another format buys: one per scene, except scenes showing the person's own picture. */
export function imagesForAnotherFormat(project: Pick<Project, 'scenes'>): number {
  return (project.scenes ?? []).filter((scene) => scene.image?.source !== 'own').length;
}

/** The keys of the person's own pictures that a project's scenes show (blobs no service can make again). */
export function ownPictureKeys(project: Pick<Project, 'scenes'>): string[] {
  const keys = (project.scenes ?? []).flatMap((scene) => (scene.image?.source === 'own' ? [scene.image.key] : []));
  return [...new Set(keys)];
}

/** A project's name from its file name: the extension and path noise removed. */
export function projectName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return base.trim() || 'Untitled';
}

/** A name for a downloaded file: characters that file systems reject replaced, never empty. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '_').trim() || 'voiceframe';
}

/** `<project name>-<format>.<extension>` (the video, its subtitles), with characters that file systems reject replaced. */
export function downloadName(
  project: Pick<Project, 'name' | 'format'>,
  extension: 'mp4' | 'srt' | 'vtt' = 'mp4',
): string {
  return `${safeFileName(project.name)}-${project.format}.${extension}`;
}

// Keys carry a step prefix so blobs of different kinds never collide, and a version so a change of
// meaning (new template, new motion) invalidates old pieces instead of reusing them.
export function promptKey(input: { text: string }): string {
  return `prompt-${hash({ v: 1, text: input.text })}`;
}

/** What `/api/image` is asked for a scene's prompt: the project's output size and style. */
export function imageRequest(
  project: Pick<Project, 'format' | 'style'>,
  prompt: string,
): { prompt: string; width: number; height: number; style: ImageStyle } {
  const { width, height } = FORMATS[project.format];
  return { prompt, width, height, style: project.style ?? DEFAULT_STYLE };
}

const imageHashes = hashPerOwner();
const clipHashes = hashPerOwner();

/** An image's key; `scene`, when given, remembers it (the project's scenes are checked at every change). */
export function imageKey(prompt: string, project: Pick<Project, 'format' | 'style'>, scene?: object): string {
  const { width, height, style } = imageRequest(project, prompt);
  // The default style stays out of the hash so images drawn before styles existed keep their keys.
  const fields = { v: 1, prompt, width, height, ...(style === DEFAULT_STYLE ? {} : { style }) };
  return `image-${scene ? imageHashes(scene, fields) : hash(fields)}`;
}

/**
 * A clip's key: its image, timing and frame, and the captions it shows. A clip without captions keeps
 * the key it had before captions existed; one with captions changes only when what it shows does.
 * With cuts applied the timing is the clip's length in frames: a cut earlier in the recording moves
 * the clip (by whole frames) without changing it, so only the clips a cut falls in are made again.
 */
export function clipKey(
  scene: Pick<SceneRecord, 'index' | 'start' | 'end' | 'motion' | 'motionIndex'>,
  image: string,
  project: Project,
): string {
  const { width, height } = FORMATS[project.format];
  const timed = tightenedScene(project, scene);
  const { start, end } = scene;
  // The number the automatic move is chosen from: a scene moved by a merge or split before it keeps its clip.
  const index = scene.motionIndex ?? scene.index;
  const shown = sceneCaptionsKey(tightenedProject(project), timed);
  const captions = shown === undefined ? {} : { captions: shown };
  const timing = timed === scene ? { start, end } : { frames: sceneFrames(timed, project.fps), tightened: true };
  // A picked move changes the clip; without one the key is the one clips had before moves could be picked.
  const motion = scene.motion ? { motion: scene.motion } : {};
  return `clip-${clipHashes(scene, { v: 1, image, index, ...timing, fps: project.fps, width, height, ...captions, ...motion })}`;
}

export function finalKey(project: Project, clips: string[]): string {
  const cuts = cutsSignature(activeCuts(project));
  return `final-${hash({ v: 1, audio: [project.id, project.audio.size], clips, ...(cuts ? { cuts } : {}) })}`;
}

/**
 * Every content-keyed blob the project refers to now (for pruning the ones it no longer needs). The
 * page asks on every change of the project, so this is one plain pass with nothing made on the way.
 */
export function referencedKeys(project: Project): string[] {
  const keys: string[] = [];
  const add = (key: string | undefined) => {
    if (key) keys.push(key);
  };
  const addPictures = (scene: Pick<SceneRecord, 'image' | 'versions'>) => {
    add(scene.image?.key);
    for (const version of scene.versions ?? []) add(version.key);
  };
  for (const scene of project.scenes ?? []) {
    addPictures(scene);
    add(scene.clip?.key);
  }
  // Kept for a scene cut around the same words again (see RetiredScene).
  for (const retired of project.retired ?? []) addPictures(retired);
  add(project.final?.key);
  return keys;
}
