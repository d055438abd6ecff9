// A layer drawn in RGBA (captions on a canvas) blended over an I420 picture in BT.709 limited range,
// the way ffmpeg blends libass's bitmaps into yuv420p: luma pixel by pixel, each chroma sample by the
// mean coverage of its 2x2 block. The layer is converted once and blended into every frame it shows on.
import { rgbToYuv709 } from './i420';

/** A layer ready to blend: its place in the picture (even numbers) and its colour premultiplied by coverage. */
export interface I420Overlay {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Per pixel: opacity 0-255, and luma x opacity. */
  alpha: Uint8Array;
  luma: Uint16Array;
  /** Per 2x2 block: the sum of its four opacities (0-1020), and of U and V each x its pixel's opacity. */
  chromaAlpha: Uint16Array;
  u: Uint32Array;
  v: Uint32Array;
}

/**
 * Converts an RGBA layer (not premultiplied, as `getImageData` returns it) of `width` x `height` that
 * sits at (`x`, `y`) in the picture. Position and size must be even, so its 2x2 blocks are the picture's.
 */
export function i420Overlay(
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  x: number,
  y: number,
): I420Overlay {
  if ([width, height, x, y].some((n) => n % 2 !== 0)) {
    throw new RangeError(`An I420 overlay needs even position and size, got ${width}x${height} at ${x},${y}`);
  }
  if (rgba.length < width * height * 4) throw new RangeError('rgba is smaller than width x height');
  const alpha = new Uint8Array(width * height);
  const luma = new Uint16Array(width * height);
  const blocks = (width / 2) * (height / 2);
  const chromaAlpha = new Uint16Array(blocks);
  const u = new Uint32Array(blocks);
  const v = new Uint32Array(blocks);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const pixel = row * width + col;
      const a = rgba[4 * pixel + 3] as number;
      if (a === 0) continue;
      const [yy, uu, vv] = rgbToYuv709(
        rgba[4 * pixel] as number,
        rgba[4 * pixel + 1] as number,
        rgba[4 * pixel + 2] as number,
      );
      alpha[pixel] = a;
      luma[pixel] = Math.round(yy * a);
      const block = (row >> 1) * (width / 2) + (col >> 1);
      chromaAlpha[block] = (chromaAlpha[block] as number) + a;
      u[block] = (u[block] as number) + Math.round(uu * a);
      v[block] = (v[block] as number) + Math.round(vv * a);
    }
  }
  return { x, y, width, height, alpha, luma, chromaAlpha, u, v };
}

/** Blends the overlay into `planes` (I420 of `width` x `height`), in place; it must lie inside the picture. */
export function blendI420Overlay(planes: Uint8Array, width: number, height: number, overlay: I420Overlay): void {
  const { x, y } = overlay;
  if (x < 0 || y < 0 || x + overlay.width > width || y + overlay.height > height) {
    throw new RangeError(
      `The overlay at ${x},${y} (${overlay.width}x${overlay.height}) leaves the ${width}x${height} picture`,
    );
  }
  for (let row = 0; row < overlay.height; row++) {
    let source = row * overlay.width;
    let target = (y + row) * width + x;
    for (let col = 0; col < overlay.width; col++, source++, target++) {
      const a = overlay.alpha[source] as number;
      if (a === 0) continue;
      planes[target] = ((planes[target] as number) * (255 - a) + (overlay.luma[source] as number) + 127) / 255;
    }
  }
  const chromaWidth = width / 2;
  const uPlane = width * height;
  const vPlane = uPlane + chromaWidth * (height / 2);
  const blocksWide = overlay.width / 2;
  for (let row = 0; row < overlay.height / 2; row++) {
    let source = row * blocksWide;
    let target = (y / 2 + row) * chromaWidth + x / 2;
    for (let col = 0; col < blocksWide; col++, source++, target++) {
      const a = overlay.chromaAlpha[source] as number;
      if (a === 0) continue;
      const keep = 1020 - a;
      planes[uPlane + target] =
        ((planes[uPlane + target] as number) * keep + (overlay.u[source] as number) + 510) / 1020;
      planes[vPlane + target] =
        ((planes[vPlane + target] as number) * keep + (overlay.v[source] as number) + 510) / 1020;
    }
  }
}

/** A pixel box (right and bottom exclusive). */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * The box grown to even edges (an overlay's 2x2 blocks are the picture's) and cut to the picture
 * (`width` x `height`, both even); undefined when nothing of it is inside.
 */
export function overlayBox(box: Box, width: number, height: number): Box | undefined {
  const down = (n: number) => 2 * Math.floor(n / 2);
  const up = (n: number) => 2 * Math.ceil(n / 2);
  const even = {
    left: Math.max(0, down(box.left)),
    top: Math.max(0, down(box.top)),
    right: Math.min(width, up(box.right)),
    bottom: Math.min(height, up(box.bottom)),
  };
  return even.right > even.left && even.bottom > even.top ? even : undefined;
}
