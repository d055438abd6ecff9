// An output written straight to the browser's disk (the Origin Private File System) as it is produced,
// through a sync access handle (dedicated workers only): ffmpeg's synchronous file calls can write,
// seek and read back into it, so a video never has to sit whole in the wasm heap or in a Blob.
// It is written under `<name>.part` and takes its name only once complete: a file under a stored key
// is always whole, whatever happened to the tab while it was being written.

import { UNFINISHED_SUFFIX as PART, type DiskPath } from '$lib/pipeline/disk-path';

/**
 * The synchronous calls ffmpeg's file device needs: a `FileSystemSyncAccessHandle`, described here since
 * the page's type check (which sees this file through the worker's API type) has no WebWorker library.
 */
export interface SyncFile {
  read(buffer: Uint8Array, options: { at: number }): number;
  write(buffer: Uint8Array, options: { at: number }): number;
  getSize(): number;
  truncate(size: number): void;
  flush(): void;
  close(): void;
}

export interface DiskFile {
  readonly sync: SyncFile;
  /** Closes the file, gives it its name, and returns it: a File read from disk, not held in memory. */
  commit(): Promise<File>;
  /** Closes and deletes the unfinished file (after a failure). */
  discard(): Promise<void>;
}

/**
 * `move()` renames within the OPFS (Chromium 110+, Firefox 111+); a sync access handle's `mode`
 * (Chromium 121+) lets several read a file at once (Firefox ESR 153 ignores it: the reader locks the file,
 * which its page can still read). TypeScript's libraries lack both.
 */
type MovableHandle = FileSystemFileHandle & {
  move(name: string): Promise<void>;
  createSyncAccessHandle(options?: { mode: 'read-only' }): Promise<SyncFile>;
};

function isNotFound(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'NotFoundError';
}

async function directory(names: readonly string[], create = true): Promise<FileSystemDirectoryHandle> {
  let dir = await navigator.storage.getDirectory();
  for (const name of names) dir = await dir.getDirectoryHandle(name, { create });
  return dir;
}

/** How long to wait for the lock of a tab that just closed (its worker lets go of the file as it ends). */
const LOCK_WAIT_MS = 5000;
const LOCK_POLL_MS = 100;

/** A sync access handle on `handle`, waiting briefly while a worker that is ending still holds it. */
async function lockedOpen(handle: MovableHandle): Promise<SyncFile> {
  for (let waited = 0; ; waited += LOCK_POLL_MS) {
    try {
      return await handle.createSyncAccessHandle();
    } catch (error) {
      const locked = (error as { name?: unknown } | null)?.name === 'NoModificationAllowedError';
      if (!locked || waited >= LOCK_WAIT_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
  }
}

/** Opens a new, empty output at `path` (an unfinished one left there by a closed tab is started over). */
export async function createDiskFile(path: DiskPath): Promise<DiskFile> {
  const name = path.at(-1);
  if (!name) throw new Error('An output needs a file name.');
  const dir = await directory(path.slice(0, -1));
  const handle = (await dir.getFileHandle(name + PART, { create: true })) as MovableHandle;
  const sync = await lockedOpen(handle);
  sync.truncate(0);
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    sync.flush();
    sync.close();
  };
  return {
    sync,
    async commit() {
      close();
      await dir.removeEntry(name).catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
      });
      await handle.move(name);
      return handle.getFile();
    },
    async discard() {
      try {
        close();
      } finally {
        await dir.removeEntry(name + PART).catch(() => undefined);
      }
    },
  };
}

/**
 * A complete file on disk opened for reading, or undefined if it cannot be (gone, held by a writer, or
 * not `size` bytes long): the caller then reads it as a Blob. ffmpeg reads from it straight into its
 * heap, where a Blob is read through new buffers that are garbage the moment they are copied.
 * Opened read-only where the browser has that mode, so other tabs can read it meanwhile.
 */
export async function openReader(path: DiskPath, size: number): Promise<SyncFile | undefined> {
  const name = path.at(-1);
  if (!name) return undefined;
  let reader: SyncFile | undefined;
  try {
    const dir = await directory(path.slice(0, -1), false);
    const handle = (await dir.getFileHandle(name)) as MovableHandle;
    reader = await handle.createSyncAccessHandle({ mode: 'read-only' });
    if (reader.getSize() === size) return reader;
  } catch {
    // Read as a Blob instead.
  }
  reader?.close();
  return undefined;
}

/** Writes all of `data` into `file` at byte `position` (a sync write may take fewer bytes than given). */
export function writeAt(file: SyncFile, data: Uint8Array, position: number): void {
  let done = 0;
  while (done < data.length) done += file.write(data.subarray(done), { at: position + done });
}

/**
 * A full disk as the page recognises it (`writing` in src/lib/store/db.ts turns it into the message
 * that asks to free space): errors cross the worker boundary by name and message.
 */
export function asQuotaError(error: unknown): unknown {
  if ((error as { name?: unknown } | null)?.name !== 'QuotaExceededError') return error;
  const full = new Error('The browser storage quota is exceeded.', { cause: error });
  full.name = 'QuotaExceededError';
  return full;
}
