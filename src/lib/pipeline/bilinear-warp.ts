// The Ken Burns camera applied to I420 planes: bilinear resampling of a window of the picture onto the
// whole frame, as ffmpeg's `perspective` filter (interpolation=linear) does for the x264 clips. Done on
// the planes directly, so a frame costs one pass over its pixels and never a canvas readback.
import type { Rect } from './canvas-camera';

/** Fraction bits of the sample weights: 1/1024 px steps, far finer than the jitter bar. */
const BITS = 10;
const ONE = 1 << BITS;
const HALF_SQUARED = 1 << (2 * BITS - 1);

/**
 * Source pixel index and weight of each output position along one axis: output pixel centre i + 0.5
 * maps to `start + (i + 0.5) * span / count` in continuous coordinates (pixel index minus 0.5).
 * Positions beyond the edge take the edge pixel.
 */
function axis(start: number, span: number, count: number, size: number): { index: Int32Array; weight: Int32Array } {
  const index = new Int32Array(count);
  const weight = new Int32Array(count);
  const step = span / count;
  for (let i = 0; i < count; i++) {
    const position = Math.min(Math.max(start + (i + 0.5) * step - 0.5, 0), size - 1);
    // Never the last pixel as the left/top one, so its neighbour always exists (weight 1 reaches it).
    const whole = Math.min(Math.floor(position), size - 2);
    index[i] = whole;
    weight[i] = Math.round((position - whole) * ONE);
  }
  return { index, weight };
}

/**
 * Resamples the `window` (in `source` pixels, fractions kept) of a `width` x `height` plane onto a
 * `outWidth` x `outHeight` plane written at `out[offset]`.
 */
export function warpPlane(
  source: Uint8Array,
  width: number,
  height: number,
  window: Rect,
  out: Uint8Array,
  offset: number,
  outWidth: number,
  outHeight: number,
): void {
  if (width < 2 || height < 2) throw new RangeError(`planes need 2x2 pixels at least, got ${width}x${height}`);
  const columns = axis(window.x, window.width, outWidth, width);
  const rows = axis(window.y, window.height, outHeight, height);
  const { index: xs, weight: wx } = columns;
  for (let y = 0; y < outHeight; y++) {
    const top = (rows.index[y] as number) * width;
    const bottom = top + width;
    const fy = rows.weight[y] as number;
    const gy = ONE - fy;
    let target = offset + y * outWidth;
    for (let x = 0; x < outWidth; x++) {
      const left = xs[x] as number;
      const fx = wx[x] as number;
      const gx = ONE - fx;
      const upper = (source[top + left] as number) * gx + (source[top + left + 1] as number) * fx;
      const lower = (source[bottom + left] as number) * gx + (source[bottom + left + 1] as number) * fx;
      out[target++] = (upper * gy + lower * fy + HALF_SQUARED) >> (2 * BITS);
    }
  }
}

/**
 * Warps an I420 picture (`width` x `height`, even sizes) into `out`: luma through `window`, each
 * chroma plane through the same window at half scale (the planes cover the same picture).
 */
export function warpI420(source: Uint8Array, width: number, height: number, window: Rect, out: Uint8Array): void {
  const lumaSize = width * height;
  const chromaWidth = width / 2;
  const chromaHeight = height / 2;
  const chromaSize = chromaWidth * chromaHeight;
  const half = { x: window.x / 2, y: window.y / 2, width: window.width / 2, height: window.height / 2 };
  warpPlane(source.subarray(0, lumaSize), width, height, window, out, 0, width, height);
  for (const plane of [lumaSize, lumaSize + chromaSize]) {
    const chroma = source.subarray(plane, plane + chromaSize);
    warpPlane(chroma, chromaWidth, chromaHeight, half, out, plane, chromaWidth, chromaHeight);
  }
}
