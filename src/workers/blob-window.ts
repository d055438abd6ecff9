// Reading a mounted Blob a window at a time. Emscripten's WORKERFS slices the Blob and reads the slice
// synchronously on every read ffmpeg makes (32 KB or one packet at a time): for the final assembly of
// an hour (560 clips, 1.1 GB, and the audio decoded twice) some 21 000 Blobs registered with the browser
// and as many buffers. Reading a few megabytes at once (a whole clip) made that assembly 3.5 times as
// fast and halved what it adds to memory (`npm run bench -- assemble`: 40.9 s and +102 MB, from 142.8 s
// and +213 MB). ffmpeg reads its inputs front to back, so a window is rarely read twice.

/** Bytes read at once: a whole clip (a 1080p scene is 2-4 MB), a few reads for a long audio file. */
export const READ_WINDOW = 4 * 1024 * 1024;

/** Bytes that can be read synchronously: in a worker, a Blob through `FileReaderSync` (see `blobBytes`). */
export interface SyncBytes {
  readonly size: number;
  read(start: number, end: number): ArrayBuffer;
}

/** A worker's `FileReaderSync`. */
export interface SyncReader {
  readAsArrayBuffer(blob: Blob): ArrayBuffer;
}

/**
 * A new `FileReaderSync` (workers only), named through `globalThis`: the page's type check, which sees
 * this file through the worker's API type, has no WebWorker library.
 */
export function syncReader(): SyncReader {
  const { FileReaderSync } = globalThis as unknown as { FileReaderSync: new () => SyncReader };
  return new FileReaderSync();
}

/** A Blob's bytes, read synchronously through `reader`. */
export function blobBytes(blob: Blob, reader: SyncReader): SyncBytes {
  return { size: blob.size, read: (start, end) => reader.readAsArrayBuffer(blob.slice(start, end)) };
}

export class BlobWindow {
  #start = 0;
  #bytes: Uint8Array | undefined;

  constructor(
    private readonly source: SyncBytes,
    private readonly window = READ_WINDOW,
  ) {}

  /** Copies the bytes at `position` into `target` (as many as fit and exist); 0 at the end. */
  readInto(target: Uint8Array, position: number): number {
    const length = Math.max(0, Math.min(target.length, this.source.size - position));
    if (length === 0) return 0;
    if (!this.#bytes || position < this.#start || position + length > this.#start + this.#bytes.length) {
      const end = Math.min(this.source.size, position + Math.max(length, this.window));
      this.#bytes = new Uint8Array(this.source.read(position, end));
      this.#start = position;
    }
    const from = position - this.#start;
    target.set(this.#bytes.subarray(from, from + length));
    return length;
  }
}
