// Test equipment: the shapes of burned-in lettering, for scripts tesseract cannot read here (it has
// only English and French): connected blobs of lettering pixels, and how many different ones there are.
import type { PixelTest, RgbFrame } from './ocr';

export interface Blob {
  left: number;
  top: number;
  width: number;
  height: number;
  /** Pixels in the blob. */
  area: number;
}

/** Connected (8-neighbour) groups of the pixels passing `test`, left to right. */
export function blobs(frame: RgbFrame, test: PixelTest): Blob[] {
  const { width, height, pixels } = frame;
  const on = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) {
    on[i] = test(pixels[3 * i] as number, pixels[3 * i + 1] as number, pixels[3 * i + 2] as number) ? 1 : 0;
  }
  const found: Blob[] = [];
  const stack: number[] = [];
  for (let start = 0; start < on.length; start++) {
    if (!on[start]) continue;
    on[start] = 0;
    stack.push(start);
    let [left, top, right, bottom, area] = [Infinity, Infinity, -Infinity, -Infinity, 0];
    while (stack.length > 0) {
      const i = stack.pop() as number;
      const [x, y] = [i % width, Math.floor(i / width)];
      [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)];
      area++;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const [nx, ny] = [x + dx, y + dy];
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const j = ny * width + nx;
          if (on[j]) {
            on[j] = 0;
            stack.push(j);
          }
        }
      }
    }
    found.push({ left, top, width: right - left + 1, height: bottom - top + 1, area });
  }
  return found.sort((a, b) => a.left - b.left);
}

/** Blobs at least `share` of the largest one's area (letters and ideographs, not dots and marks). */
export function large(found: Blob[], share = 0.25): Blob[] {
  const biggest = Math.max(0, ...found.map((blob) => blob.area));
  return found.filter((blob) => blob.area >= biggest * share);
}

/**
 * Brighter than the test background in every channel: white lettering with its antialiased edges
 * (thin strokes, such as a .notdef box's, stay connected).
 */
export const isLight: PixelTest = (r, g, b) => r > 130 && g > 130 && b > 130;

/**
 * The share of the blobs that have the most common shape (exact size and ink): a row of .notdef
 * boxes is nearly all one shape however many characters it stands for; real lettering is not.
 */
export function sameShapeShare(found: Blob[]): number {
  const counts = new Map<string, number>();
  for (const blob of found) {
    const key = `${blob.width}x${blob.height}:${blob.area}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return found.length === 0 ? 0 : Math.max(...counts.values()) / found.length;
}
