// A project's videos (its clips and the final MP4) on the browser's disk, the Origin Private File System:
// the render worker writes each one there as it is produced (src/workers/disk-file.ts), the page reads
// them back as Files, which the browser reads from disk when played, downloaded or assembled, so no
// video is ever held whole in memory. Projects saved before kept their videos in IndexedDB, where
// `getBlob` still finds them.
import { UNFINISHED_SUFFIX, type DiskPath } from '../pipeline/disk-path';
import { KEY_VERSION } from './db';

/** The folder of every project's files; versioned like the IndexedDB keys. */
const ROOT = `voiceframe-${KEY_VERSION}`;

/** Where the worker writes a project's file: folder names from the OPFS root, then the file's name. */
export function diskPath(projectId: string, key: string): DiskPath {
  return [ROOT, projectId, key];
}

let usable: Promise<boolean> | undefined;

/**
 * Whether this browser can keep videos on disk: the OPFS, with `move()` to name a file once whole
 * (Chromium 110+, Firefox 111+). Some private windows refuse the OPFS; videos then stay in IndexedDB.
 */
export function diskUsable(): Promise<boolean> {
  usable ??= (async () => {
    if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory) return false;
    if (typeof FileSystemFileHandle === 'undefined' || !('move' in FileSystemFileHandle.prototype)) return false;
    try {
      await navigator.storage.getDirectory();
      return true;
    } catch {
      return false;
    }
  })();
  return usable;
}

function isNotFound(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'NotFoundError' || name === 'TypeError';
}

/** The project's folder, or undefined when it has none (or there is no disk). */
async function projectDir(projectId: string): Promise<FileSystemDirectoryHandle | undefined> {
  if (!(await diskUsable())) return undefined;
  try {
    const root = await (await navigator.storage.getDirectory()).getDirectoryHandle(ROOT);
    return await root.getDirectoryHandle(projectId);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** A complete file of the project, read from disk when used; undefined when there is none. */
export async function readDiskFile(projectId: string, key: string): Promise<File | undefined> {
  const dir = await projectDir(projectId);
  if (!dir) return undefined;
  try {
    return await (await dir.getFileHandle(key)).getFile();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Every complete file of the project on disk, by key. */
export async function diskFiles(projectId: string): Promise<[string, File][]> {
  const dir = await projectDir(projectId);
  if (!dir) return [];
  const files: [string, File][] = [];
  for await (const [name, handle] of dir.entries()) {
    if (handle.kind === 'file' && !name.endsWith(UNFINISHED_SUFFIX)) files.push([name, await handle.getFile()]);
  }
  return files;
}

/**
 * Deletes the project's files on disk but those in `keep` (all of them, and its folder, without `keep`).
 * An unfinished file a worker is writing is left alone: it is locked, and takes its name when done.
 */
export async function deleteDiskFiles(projectId: string, keep?: ReadonlySet<string>): Promise<number> {
  const dir = await projectDir(projectId);
  if (!dir) return 0;
  if (!keep) {
    const root = await (await navigator.storage.getDirectory()).getDirectoryHandle(ROOT);
    await root.removeEntry(projectId, { recursive: true }).catch(() => undefined);
    return 0;
  }
  let deleted = 0;
  for (const [name] of await diskFiles(projectId)) {
    if (keep.has(name)) continue;
    await dir.removeEntry(name).then(
      () => (deleted += 1),
      () => undefined,
    );
  }
  return deleted;
}
