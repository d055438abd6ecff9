// A scene's pictures under the person's control: a paid redraw (the style's model or Flux, with a seed),
// the earlier versions kept, and going back to one of them for free.
import { hash } from './key-hash';
import type { ImageModel, ImageRequest } from './api-contract';
import { imageRequest, type Project, type SceneImage, type SceneRecord } from './project';

/** Earlier pictures kept per scene: enough to compare and go back, not a growing pile of blobs. */
export const KEPT_VERSIONS = 4;

export const MODEL_NAMES: Record<ImageModel, string> = {
  style: 'the project’s style',
  'flux-dev': 'Flux dev',
  'flux-pro': 'Flux pro',
};

function changeScene(project: Project, index: number, change: (scene: SceneRecord) => SceneRecord): Project {
  return { ...project, scenes: project.scenes?.map((scene) => (scene.index === index ? change(scene) : scene)) };
}

/** The person asked for another picture of scene `index` (a paid call, made by the run). */
export function askRedraw(project: Project, index: number, model: ImageModel, seed?: number): Project {
  return changeScene(project, index, (scene) => {
    const n = (scene.redrawn ?? 0) + 1;
    return { ...scene, redrawn: n, redraw: { model, n, ...(seed !== undefined ? { seed } : {}) }, failure: undefined };
  });
}

/** What `/api/image` is asked for a scene: its prompt in the project's size and style, and a pending redraw's model and seed. */
export function sceneImageRequest(project: Project, scene: SceneRecord): ImageRequest {
  const request: ImageRequest = imageRequest(project, scene.prompt?.text ?? '');
  const redraw = scene.redraw;
  if (redraw && redraw.model !== 'style') request.model = redraw.model;
  if (redraw?.seed !== undefined) request.seed = redraw.seed;
  return request;
}

/** The storage key of a redrawn picture: its request and which redraw it is, so no two redraws share a blob. */
export function redrawKey(request: ImageRequest, n: number): string {
  return `image-${hash({ v: 1, ...request, redraw: n })}`;
}

/** The picture `image` becomes the scene's; the one it replaces is kept first among the versions. */
export function withImage(scene: SceneRecord, image: SceneImage): SceneRecord {
  const earlier = [scene.image, ...(scene.versions ?? [])].filter(
    (version): version is SceneImage => !!version && version.key !== image.key,
  );
  const { redraw: _done, ...rest } = scene;
  return { ...rest, image, versions: earlier.slice(0, KEPT_VERSIONS), failure: undefined };
}

/**
 * Takes back an earlier picture: no call, only the clip is rendered again. It is kept for the scene's
 * current prompt (a picture from an older prompt is what the person wants now).
 */
export function restoreVersion(project: Project, index: number, key: string): Project {
  return changeScene(project, index, (scene) => {
    const version = scene.versions?.find((v) => v.key === key);
    if (!version) return scene;
    const chosen: SceneImage = {
      ...version,
      source: version.source ?? 'style',
      ...(version.source === 'own' ? {} : { prompt: scene.prompt?.text ?? '' }),
    };
    const { redraw: _dropped, ...rest } = withImage(scene, chosen);
    return rest;
  });
}
