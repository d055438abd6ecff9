// Reads a file the person gave as a scene's picture: refused with a reason unless it is a PNG, JPEG or
// WebP the browser can decode, of a sensible size; then stored under a key derived from its bytes.
import {
  mimeOf,
  ownPictureKey,
  ownPictureProblem,
  ownPictureSizeProblem,
  pictureFormat,
} from '../pipeline/own-picture';
import { putBlob } from '../store/projects';

export class OwnPictureError extends Error {
  override name = 'OwnPictureError';
}

const hex = (buffer: ArrayBuffer) =>
  [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, '0')).join('');

/** Checks, decodes and stores `file` for project `projectId`; returns what the scene records. */
export async function storeOwnPicture(projectId: string, file: File): Promise<{ key: string; type: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const problem = ownPictureProblem(file, bytes.subarray(0, 16));
  if (problem) throw new OwnPictureError(problem);
  const type = mimeOf(pictureFormat(bytes)!);
  const blob = new Blob([bytes], { type });
  let size: { width: number; height: number };
  try {
    const bitmap = await createImageBitmap(blob);
    size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
  } catch {
    throw new OwnPictureError(`“${file.name}” could not be read as a picture: it may be damaged.`);
  }
  const tooBig = ownPictureSizeProblem(file.name, size.width, size.height);
  if (tooBig) throw new OwnPictureError(tooBig);
  const key = ownPictureKey(hex(await crypto.subtle.digest('SHA-256', bytes)));
  await putBlob(projectId, key, blob);
  return { key, type };
}
