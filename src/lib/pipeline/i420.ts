// RGBA pixels to I420 (yuv420p) in BT.709 limited ("tv") range, the colour of the x264 clips.
// A canvas frame handed to VideoEncoder is RGB, and Chromium's own conversion picks full range
// (yuvj420p): clips would not match the ffmpeg.wasm ones, so the encoder gets I420 planes from here.

const SCALE = 1 << 16;
const KR = 0.2126;
const KB = 0.0722;
const KG = 1 - KR - KB;
/** Limited range: luma spans 16-235 (219 steps), chroma 16-240 (224 steps) around 128. */
const LUMA = 219 / 255;
const CHROMA = 224 / 255;

const fixed = (value: number) => Math.round(value * SCALE);
const Y_R = fixed(KR * LUMA);
const Y_G = fixed(KG * LUMA);
const Y_B = fixed(KB * LUMA);
const U_R = fixed((-KR / (2 * (1 - KB))) * CHROMA);
const U_G = fixed((-KG / (2 * (1 - KB))) * CHROMA);
const U_B = fixed(0.5 * CHROMA);
const V_R = fixed(0.5 * CHROMA);
const V_G = fixed((-KG / (2 * (1 - KR))) * CHROMA);
const V_B = fixed((-KB / (2 * (1 - KR))) * CHROMA);
const Y_OFFSET = 16 * SCALE + SCALE / 2;
/** Chroma comes from the sum of a 2x2 block (four times the mean): two more bits of fraction. */
const C_OFFSET = 128 * 4 * SCALE + 2 * SCALE;

/** Bytes of an I420 picture: a full-size luma plane and two quarter-size chroma planes. */
export function i420Size(width: number, height: number): number {
  return width * height + 2 * (width / 2) * (height / 2);
}

/**
 * Converts `rgba` (width x height, alpha ignored) into `out` as I420: Y plane, then U, then V.
 * Each chroma sample is the mean of its 2x2 block of pixels (centred siting). Sizes must be even.
 */
export function rgbaToI420(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, out: Uint8Array): void {
  if (rgba.length < width * height * 4) throw new RangeError('rgba is smaller than width x height');
  rgbaRowsToI420(rgba.subarray(0, width * height * 4), width, height, 0, out);
}

/**
 * Converts a band of rows of a width x height RGBA picture into its place in `out` (the whole
 * picture's I420 planes, as `rgbaToI420` writes them): `rgba` holds the rows from `firstRow` on, an
 * even number of them, so a picture can be read and converted a band at a time in a small buffer.
 */
export function rgbaRowsToI420(
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  firstRow: number,
  out: Uint8Array,
): void {
  if (width % 2 || height % 2) throw new RangeError(`I420 needs even sizes, got ${width}x${height}`);
  const rows = rgba.length / (width * 4);
  if (!Number.isInteger(rows) || rows % 2 || firstRow % 2 || firstRow < 0 || firstRow + rows > height) {
    throw new RangeError(`rows ${firstRow} to ${firstRow + rows} are not an even band of a ${width}x${height} picture`);
  }
  if (out.length < i420Size(width, height)) throw new RangeError('out is smaller than the I420 picture');
  const chromaWidth = width / 2;
  const uPlane = width * height;
  const vPlane = uPlane + chromaWidth * (height / 2);
  for (let y = firstRow; y < firstRow + rows; y += 2) {
    let top = (y - firstRow) * width * 4;
    let bottom = top + width * 4;
    let luma = y * width;
    let chroma = (y / 2) * chromaWidth;
    for (let x = 0; x < width; x += 2) {
      const r0 = rgba[top] as number,
        g0 = rgba[top + 1] as number,
        b0 = rgba[top + 2] as number;
      const r1 = rgba[top + 4] as number,
        g1 = rgba[top + 5] as number,
        b1 = rgba[top + 6] as number;
      const r2 = rgba[bottom] as number,
        g2 = rgba[bottom + 1] as number,
        b2 = rgba[bottom + 2] as number;
      const r3 = rgba[bottom + 4] as number,
        g3 = rgba[bottom + 5] as number,
        b3 = rgba[bottom + 6] as number;
      out[luma] = (Y_R * r0 + Y_G * g0 + Y_B * b0 + Y_OFFSET) >> 16;
      out[luma + 1] = (Y_R * r1 + Y_G * g1 + Y_B * b1 + Y_OFFSET) >> 16;
      out[luma + width] = (Y_R * r2 + Y_G * g2 + Y_B * b2 + Y_OFFSET) >> 16;
      out[luma + width + 1] = (Y_R * r3 + Y_G * g3 + Y_B * b3 + Y_OFFSET) >> 16;
      const r = r0 + r1 + r2 + r3;
      const g = g0 + g1 + g2 + g3;
      const b = b0 + b1 + b2 + b3;
      out[uPlane + chroma] = (U_R * r + U_G * g + U_B * b + C_OFFSET) >> 18;
      out[vPlane + chroma] = (V_R * r + V_G * g + V_B * b + C_OFFSET) >> 18;
      top += 8;
      bottom += 8;
      luma += 2;
      chroma += 1;
    }
  }
}

/** One colour in BT.709 limited range, unrounded: [Y 16-235, U 16-240, V 16-240]. */
export function rgbToYuv709(r: number, g: number, b: number): [number, number, number] {
  return [
    (Y_R * r + Y_G * g + Y_B * b) / SCALE + 16,
    (U_R * r + U_G * g + U_B * b) / SCALE + 128,
    (V_R * r + V_G * g + V_B * b) / SCALE + 128,
  ];
}
