// A project's captions: its words as corrected by the person, the caption track of the whole narration
// (built once, so groups continue across scene cuts) and each clip's slice of it: what it shows
// (`ClipCaptions`, drawn by either engine) and, for its key, that as an ASS document.
import { FORMATS } from '../formats';
import type { Project, SceneRecord, WordCorrection } from '../project';
import { frameOf } from '../timeline';
import type { Word } from '../transcript';
import { hash } from '../key-hash';
import { assDocument } from './ass';
import { captionCoverage, type CoverageDecision } from './coverage';
import { clipCaptions, type ClipCaptions } from './scene';
import { captionTrack, type CaptionTrack } from './track';

/** A scene's words as captions and subtitles show them: corrected, removed ones left out. */
export function sceneCaptionWords(scene: Pick<SceneRecord, 'words' | 'corrections'>): Word[] {
  const fixes = new Map((scene.corrections ?? []).map((fix) => [fix.word, fix.text.trim()]));
  return scene.words.flatMap((word, i) => {
    const text = fixes.get(i);
    if (text === undefined) return [word];
    return text === '' ? [] : [{ ...word, word: text }];
  });
}

/** Every word of the narration as captions and subtitles show it, in order. */
export function captionWords(project: Pick<Project, 'scenes'>): Word[] {
  return (project.scenes ?? []).flatMap(sceneCaptionWords);
}

/**
 * The scene with one word corrected (`text`) or removed (`''`); a correction back to the heard word
 * is dropped. Only captions and subtitles read corrections: the scene's text, from which its prompt
 * was written, stays as heard, so nothing is prompted or drawn again.
 */
export function correctWord(scene: SceneRecord, word: number, text: string): SceneRecord {
  const heard = scene.words[word];
  if (!heard) throw new RangeError(`No word ${word} in scene ${scene.index}`);
  const others = (scene.corrections ?? []).filter((fix) => fix.word !== word);
  const fixed = text.trim();
  const corrections: WordCorrection[] =
    fixed === heard.word ? others : [...others, { word, text: fixed }].sort((a, b) => a.word - b.word);
  const { corrections: _old, ...rest } = scene;
  return corrections.length > 0 ? { ...rest, corrections } : rest;
}

/** Whether the project burns captions in (projects made before the choice existed have none). */
function captionsOn(project: Pick<Project, 'captions'>): boolean {
  return project.captions !== undefined && project.captions !== 'none';
}

// Every clip's key and plan need the track; building it measures every group, so the last one is
// kept while the inputs it was built from (style, frame, rate and each scene's words) are the same.
// Each clip's captions and the hash of their ASS document are kept with it too (keys are checked for
// every scene at every change of the project).
interface ClipEntry {
  captions: ClipCaptions;
  /** The ASS document's hash, for the clip's key. */
  key: string;
}
interface TrackEntry {
  inputs: unknown[];
  track: CaptionTrack;
  clips: Map<string, ClipEntry | undefined>;
}
let last: TrackEntry | undefined;

// Which track a project object shows, found once per object: comparing the inputs walks every scene,
// and every scene's key asks (for an hour's 560 scenes, that walk per scene was most of the page's
// garbage while a run changes the project).
const tracks = new WeakMap<Project, TrackEntry | undefined>();

function trackInputs(project: Project): unknown[] {
  const scenes = project.scenes ?? [];
  return [
    project.captions,
    project.format,
    project.fps,
    scenes.length,
    ...scenes.flatMap((s) => [s.words, s.corrections]),
  ];
}

function cached(project: Project): TrackEntry | undefined {
  if (project.captions === undefined || project.captions === 'none') return undefined;
  if (tracks.has(project)) return tracks.get(project);
  const inputs = trackInputs(project);
  if (!(last && last.inputs.length === inputs.length && last.inputs.every((input, i) => input === inputs[i]))) {
    const { width, height } = FORMATS[project.format];
    const track = captionTrack(captionWords(project), project.captions, { width, height }, project.fps);
    last = { inputs, track, clips: new Map() };
  }
  tracks.set(project, last);
  return last;
}

function clipEntry(project: Project, scene: Pick<SceneRecord, 'start' | 'end'>): ClipEntry | undefined {
  const entry = cached(project);
  if (!entry) return undefined;
  const [from, to] = [frameOf(scene.start, project.fps), frameOf(scene.end, project.fps)];
  const id = `${from}-${to}`;
  if (!entry.clips.has(id)) {
    const captions = clipCaptions(entry.track, from, to);
    const ass = captions.states.length > 0 ? assDocument(captions) : undefined;
    entry.clips.set(id, ass === undefined ? undefined : { captions, key: hash(ass) });
  }
  return entry.clips.get(id);
}

/**
 * What a scene's clip shows: the part of the project's track within the scene's frames, in the
 * clip's own frames. Undefined without captions, or when the clip shows none (a long silence).
 */
export function sceneCaptions(project: Project, scene: Pick<SceneRecord, 'start' | 'end'>): ClipCaptions | undefined {
  return clipEntry(project, scene)?.captions;
}

/**
 * The hash of the clip's ASS document, for the clip's key: the document holds every field of the
 * description, so the key changes exactly when what the clip shows does (and clips made before keep
 * their keys).
 */
export function sceneCaptionsKey(project: Project, scene: Pick<SceneRecord, 'start' | 'end'>): string | undefined {
  return clipEntry(project, scene)?.key;
}

/**
 * Why the project's captions cannot be drawn, or undefined when they can (or are off). Checked before
 * any clip is rendered: a script no font of ours covers would otherwise come out as empty boxes.
 * Scripts the shipped font lacks are drawn with a fallback font, which each clip's document names.
 */
export function captionProblem(project: Project): string | undefined {
  if (!captionsOn(project) || !project.scenes) return undefined;
  const decision: CoverageDecision = captionCoverage(
    captionWords(project)
      .map((word) => word.word)
      .join(' '),
  );
  return decision.kind === 'unsupported' ? decision.message : undefined;
}
