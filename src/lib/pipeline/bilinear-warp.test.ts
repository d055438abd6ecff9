import { describe, expect, it } from 'vitest';
import { warpI420, warpPlane } from './bilinear-warp';
import { i420Size } from './i420';

/** A plane whose value is `f(x, y)` at each pixel. */
function plane(width: number, height: number, f: (x: number, y: number) => number): Uint8Array {
  return Uint8Array.from({ length: width * height }, (_, i) => f(i % width, Math.floor(i / width)));
}

function warp(
  source: Uint8Array,
  width: number,
  height: number,
  rect: [number, number, number, number],
  size: [number, number],
) {
  const out = new Uint8Array(size[0] * size[1]);
  warpPlane(source, width, height, { x: rect[0], y: rect[1], width: rect[2], height: rect[3] }, out, 0, ...size);
  return out;
}

describe('warpPlane', () => {
  const ramp = plane(16, 8, (x, y) => 10 * x + y);

  it('copies the plane unchanged through the whole-picture window', () => {
    expect(warp(ramp, 16, 8, [0, 0, 16, 8], [16, 8])).toEqual(ramp);
  });

  it('shifts by a fraction of a pixel by blending neighbours (a ramp stays a ramp)', () => {
    const out = warp(ramp, 16, 8, [0.25, 0.5, 16, 8], [16, 8]);
    // Inside the picture each value is the ramp at the shifted position: 10 * (x + 0.25) + (y + 0.5).
    expect(out[2 * 16 + 3]).toBe(Math.round(10 * 3.25 + 2.5));
    expect(out[5 * 16 + 10]).toBe(Math.round(10 * 10.25 + 5.5));
  });

  it('zooms about the window: output pixel centres land on the window scaled to the frame', () => {
    // Window 8x4 from (4, 2) onto 16x8: output pixel centre i + 0.5 sees source 4 + (i + 0.5) / 2 - 0.5.
    const out = warp(ramp, 16, 8, [4, 2, 8, 4], [16, 8]);
    const source = (i: number, start: number) => start + (i + 0.5) / 2 - 0.5;
    for (const [x, y] of [
      [0, 0],
      [7, 3],
      [15, 7],
    ] as const) {
      expect(out[y * 16 + x]).toBe(Math.round(10 * source(x, 4) + source(y, 2)));
    }
  });

  it('repeats the edge where the window reaches past it', () => {
    const out = warp(ramp, 16, 8, [-1, 0, 16, 8], [16, 8]);
    expect(out[0]).toBe(ramp[0]);
    expect(warp(ramp, 16, 8, [1, 0, 16, 8], [16, 8])[15]).toBe(ramp[15]);
  });

  it('refuses planes too small to interpolate', () => {
    expect(() => warp(new Uint8Array(2), 2, 1, [0, 0, 2, 1], [2, 1])).toThrow(RangeError);
  });
});

describe('warpI420', () => {
  it('moves chroma with luma at half scale', () => {
    const width = 8;
    const height = 4;
    const source = new Uint8Array(i420Size(width, height));
    source.set(plane(width, height, (x) => 20 * x));
    source.set(
      plane(4, 2, (x) => 100 + 10 * x),
      width * height,
    );
    source.set(
      plane(4, 2, (x) => 200 - 10 * x),
      width * height + 8,
    );
    const out = new Uint8Array(source.length);
    // One luma pixel to the right is half a chroma pixel.
    warpI420(source, width, height, { x: 1, y: 0, width, height }, out);
    expect([...out.subarray(0, 4)]).toEqual([20, 40, 60, 80]);
    expect([...out.subarray(32, 35)]).toEqual([105, 115, 125]);
    expect([...out.subarray(40, 43)]).toEqual([195, 185, 175]);
  });
});
