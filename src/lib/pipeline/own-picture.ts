// The person's own picture for a scene: which files are taken (what the render's decoder reads), why
// one is refused, and its content-derived key. The bytes are read and decoded by the browser adapter.
import { hash } from './key-hash';
import type { Project, SceneImage } from './project';
import { withImage } from './scene-images';

/** Larger files would crowd the browser storage and the render's memory for no visible gain. */
export const MAX_OWN_PICTURE_BYTES = 40_000_000;

/** More pixels than this are refused: decoding them costs the render more memory than it has to spare. */
export const MAX_OWN_PICTURE_PIXELS = 50_000_000;

export type PictureFormat = 'png' | 'jpeg' | 'webp';

const MIME: Record<PictureFormat, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };

/** The format the file's first bytes say it is (its name and stated type can lie), or undefined. */
export function pictureFormat(head: Uint8Array): PictureFormat | undefined {
  const starts = (bytes: number[], at = 0) => bytes.every((byte, i) => head[at + i] === byte);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  return undefined;
}

export const mimeOf = (format: PictureFormat): string => MIME[format];

/** Why a file cannot be a scene's picture, before decoding it; undefined when it may be one. */
export function ownPictureProblem(file: { name: string; size: number }, head: Uint8Array): string | undefined {
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (file.size > MAX_OWN_PICTURE_BYTES) {
    return `“${file.name}” is larger than ${MAX_OWN_PICTURE_BYTES / 1_000_000} MB: use a smaller copy of the picture.`;
  }
  if (!pictureFormat(head)) return `“${file.name}” is not a PNG, JPEG or WebP picture.`;
  return undefined;
}

/** Why a decoded picture is refused for its size, or undefined. */
export function ownPictureSizeProblem(name: string, width: number, height: number): string | undefined {
  if (width < 16 || height < 16) return `“${name}” is only ${width}×${height} pixels: too small to fill a frame.`;
  if (width * height > MAX_OWN_PICTURE_PIXELS) {
    return `“${name}” has ${Math.round((width * height) / 1_000_000)} megapixels: use a copy of at most ${MAX_OWN_PICTURE_PIXELS / 1_000_000}.`;
  }
  return undefined;
}

/** The key of an own picture: its bytes (their SHA-256), so the same file is stored once. */
export function ownPictureKey(sha256: string): string {
  return `image-own-${hash({ v: 1, sha256 })}`;
}

/** The person's picture becomes scene `index`'s; the one it replaces is kept among the versions. */
export function useOwnPicture(project: Project, index: number, image: Pick<SceneImage, 'key' | 'type'>): Project {
  const own: SceneImage = { ...image, source: 'own' };
  return {
    ...project,
    scenes: project.scenes?.map((scene) => (scene.index === index ? withImage(scene, own) : scene)),
  };
}
