// Test equipment: a project at any stage of the pipeline, built with the same keys the app uses.
import { clipKey, finalKey, imageKey, newProject, promptKey, type Project, type SceneRecord } from './project';
import { promptInput } from './project-plan';

const TEXTS = ['Galileo was a space probe.', 'It studied Jupiter and its moons.', '', 'It ended in 2003.'];

/** Four scenes of 6 s (the third silent); `upTo` says how far the cached pieces go. */
export function fixtureProject(upTo: 'transcript' | 'prompts' | 'images' | 'clips' | 'final'): Project {
  const project: Project = {
    ...newProject({
      id: 'p1',
      name: 'Galileo',
      format: 'youtube',
      language: 'en',
      audio: { name: 'galileo.mp3', type: 'audio/mpeg', size: 1000, duration: 24, codec: 'mp3' },
      now: 0,
    }),
    transcript: { model: 'whisper-large-v3-turbo', language: 'en', words: 14 },
  };
  if (upTo === 'transcript') return project;
  const scenes: SceneRecord[] = TEXTS.map((text, index) => ({
    index,
    start: index * 6,
    end: index * 6 + 6,
    text,
    words: [],
  }));
  project.scenes = scenes;
  // Made without a visual guide (as projects made before guides existed are read).
  project.guide = { text: '', revision: 0 };
  const stages = ['prompts', 'images', 'clips', 'final'];
  const reach = stages.indexOf(upTo);
  for (const scene of scenes) {
    if (reach >= 0) {
      const text = `photo ${scene.index}`;
      scene.prompt = { text, key: promptKey(promptInput(scenes, scene.index)) };
    }
    if (reach >= 1) scene.image = { key: imageKey(scene.prompt?.text ?? '', project), type: 'image/png' };
    if (reach >= 2) scene.clip = { key: clipKey(scene, scene.image?.key ?? '', project) };
  }
  if (reach >= 3)
    project.final = {
      key: finalKey(
        project,
        scenes.map((s) => s.clip?.key ?? ''),
      ),
      size: 5,
    };
  return project;
}

/**
 * The project with one scene changed, as a new project (as every change in the app makes one): a project
 * is never changed in place once its pieces have been checked, since the answers are remembered per project.
 */
export function withScene(project: Project, index: number, change: Partial<SceneRecord>): Project {
  return {
    ...project,
    scenes: project.scenes?.map((scene) => (scene.index === index ? { ...scene, ...change } : scene)),
  };
}
