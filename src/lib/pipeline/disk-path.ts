// Where the render engine writes what it makes on the browser's disk (the Origin Private File System).

/**
 * Where the engine writes a clip or video as it makes it: folder names from the root of the browser's
 * disk storage (OPFS), then the file's name. Without one, the result comes back in memory.
 */
export type DiskPath = readonly string[];

/** What a file on disk is called while it is written: it takes its own name once whole. */
export const UNFINISHED_SUFFIX = '.part';

/** A stored clip or video: its bytes, and where they are on disk when they are there (not in IndexedDB). */
export interface StoredFile {
  blob: Blob;
  disk?: DiskPath;
}
