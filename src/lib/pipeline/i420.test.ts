import { describe, expect, it } from 'vitest';
import { i420Size, rgbaRowsToI420, rgbaToI420 } from './i420';

/** A width x height RGBA picture of one colour. */
function solid(width: number, height: number, [r, g, b]: number[]): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i += 4) rgba.set([r as number, g as number, b as number, 255], i);
  return rgba;
}

function convert(width: number, height: number, rgba: Uint8Array) {
  const out = new Uint8Array(i420Size(width, height));
  rgbaToI420(rgba, width, height, out);
  const u = width * height;
  const v = u + (width / 2) * (height / 2);
  return { out, y: out.subarray(0, u), u: out.subarray(u, v), v: out.subarray(v) };
}

describe('rgbaToI420', () => {
  // The BT.709 limited-range code values of the primaries and the extremes (as swscale and x264 see them).
  it.each([
    { name: 'black', rgb: [0, 0, 0], yuv: [16, 128, 128] },
    { name: 'white', rgb: [255, 255, 255], yuv: [235, 128, 128] },
    { name: 'red', rgb: [255, 0, 0], yuv: [63, 102, 240] },
    { name: 'green', rgb: [0, 255, 0], yuv: [173, 42, 26] },
    { name: 'blue', rgb: [0, 0, 255], yuv: [32, 240, 118] },
    { name: 'mid grey', rgb: [128, 128, 128], yuv: [126, 128, 128] },
  ])('maps $name to Y/U/V $yuv', ({ rgb, yuv }) => {
    const { y, u, v } = convert(4, 2, solid(4, 2, rgb));
    expect(new Set(y)).toEqual(new Set([yuv[0]]));
    expect(new Set(u)).toEqual(new Set([yuv[1]]));
    expect(new Set(v)).toEqual(new Set([yuv[2]]));
  });

  it('keeps luma per pixel and averages chroma over each 2x2 block', () => {
    // Left block: black and white columns; right block: all red.
    const rgba = solid(4, 2, [255, 0, 0]);
    for (const row of [0, 1]) {
      rgba.set([0, 0, 0, 255], row * 16);
      rgba.set([255, 255, 255, 255], row * 16 + 4);
    }
    const { y, u, v } = convert(4, 2, rgba);
    expect([...y]).toEqual([16, 235, 63, 63, 16, 235, 63, 63]);
    expect([...u]).toEqual([128, 102]);
    expect([...v]).toEqual([128, 240]);
  });

  it('refuses odd sizes and short buffers', () => {
    expect(() => rgbaToI420(new Uint8Array(36), 3, 3, new Uint8Array(100))).toThrow(RangeError);
    expect(() => rgbaToI420(new Uint8Array(8), 2, 2, new Uint8Array(6))).toThrow(RangeError);
    expect(() => rgbaToI420(new Uint8Array(16), 2, 2, new Uint8Array(5))).toThrow(RangeError);
  });
});

describe('rgbaRowsToI420', () => {
  /** A width x height picture whose every byte differs from its neighbours (no two rows alike). */
  function varied(width: number, height: number): Uint8Array {
    const rgba = new Uint8Array(width * height * 4);
    for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 7919 + ((i * i) >> 5)) & 255;
    return rgba;
  }

  it.each([2, 4, 6, 10])('converted %i rows at a time, writes what the whole picture converts to', (band) => {
    const [width, height] = [12, 10];
    const rgba = varied(width, height);
    const whole = convert(width, height, rgba).out;
    const banded = new Uint8Array(i420Size(width, height));
    for (let row = 0; row < height; row += band) {
      const rows = Math.min(band, height - row);
      rgbaRowsToI420(rgba.subarray(row * width * 4, (row + rows) * width * 4), width, height, row, banded);
    }
    expect(banded).toEqual(whole);
  });

  it('refuses a band that is odd, starts on an odd row or runs past the picture', () => {
    const out = new Uint8Array(i420Size(4, 4));
    expect(() => rgbaRowsToI420(new Uint8Array(4 * 4 * 3), 4, 4, 0, out)).toThrow(RangeError);
    expect(() => rgbaRowsToI420(new Uint8Array(4 * 4 * 2), 4, 4, 1, out)).toThrow(RangeError);
    expect(() => rgbaRowsToI420(new Uint8Array(4 * 4 * 2), 4, 4, 4, out)).toThrow(RangeError);
    expect(() => rgbaRowsToI420(new Uint8Array(4 * 4 * 2 + 4), 4, 4, 0, out)).toThrow(RangeError);
  });
});
