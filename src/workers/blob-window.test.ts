import { describe, expect, it } from 'vitest';
import { BlobWindow, type SyncBytes } from './blob-window';

/** Bytes 0, 1, 2, ... (mod 256), recording every read made. */
function counted(size: number): SyncBytes & { reads: [number, number][] } {
  const bytes = Uint8Array.from({ length: size }, (_, i) => i % 256);
  const reads: [number, number][] = [];
  return {
    size,
    reads,
    read(start, end) {
      reads.push([start, end]);
      return bytes.slice(start, end).buffer;
    },
  };
}

/** What ffmpeg's file calls would get: `length` bytes at `position`. */
function readAt(window: BlobWindow, position: number, length: number): number[] {
  const target = new Uint8Array(length);
  return [...target.subarray(0, window.readInto(target, position))];
}

describe('BlobWindow', () => {
  it('reads a file front to back a window at a time, whatever size the reads are', () => {
    const source = counted(1000);
    const window = new BlobWindow(source, 400);
    const got: number[] = [];
    for (let at = 0; at < 1000; at += 32) got.push(...readAt(window, at, 32));
    expect(got).toEqual(Array.from({ length: 1000 }, (_, i) => i % 256));
    // A read that crosses the window's end starts the next window where it begins.
    expect(source.reads).toEqual([
      [0, 400],
      [384, 784],
      [768, 1000],
    ]);
  });

  it('gives the bytes that exist at the end, then 0', () => {
    const source = counted(100);
    const window = new BlobWindow(source, 64);
    expect(readAt(window, 90, 32)).toEqual([90, 91, 92, 93, 94, 95, 96, 97, 98, 99]);
    expect(readAt(window, 100, 32)).toEqual([]);
    expect(readAt(window, 250, 32)).toEqual([]);
  });

  it('reads again only when a seek leaves the window, and a read larger than the window whole', () => {
    const source = counted(10_000);
    const window = new BlobWindow(source, 1000);
    readAt(window, 5000, 10);
    expect(readAt(window, 5500, 4)).toEqual([5500 % 256, 5501 % 256, 5502 % 256, 5503 % 256]);
    expect(source.reads).toEqual([[5000, 6000]]);
    readAt(window, 0, 10);
    expect(readAt(window, 2000, 3000)).toHaveLength(3000);
    expect(source.reads).toEqual([
      [5000, 6000],
      [0, 1000],
      [2000, 5000],
    ]);
  });
});
