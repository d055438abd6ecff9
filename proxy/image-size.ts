// The size to ask for again when the image service refuses one: multiples of 16, same shape, not larger.

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * The largest size of multiples of 16 with exactly the requested aspect ratio that fits inside it
 * (1920x1080 -> 1792x1008); when the exact ratio would shrink it below `minSide`, the closest
 * ratio at the floored width instead. The render scales the image up to the video size.
 */
export function smallerSizeMultipleOf16(
  width: number,
  height: number,
  minSide = 256,
): { width: number; height: number } {
  const divisor = gcd(width, height);
  const [ratioW, ratioH] = [width / divisor, height / divisor];
  const steps = Math.floor(Math.min(width / (16 * ratioW), height / (16 * ratioH)));
  if (steps >= 1 && 16 * Math.min(ratioW, ratioH) * steps >= minSide) {
    return { width: 16 * ratioW * steps, height: 16 * ratioH * steps };
  }
  const w = Math.max(16, Math.floor(width / 16) * 16);
  const h = Math.max(16, Math.min(Math.floor(height / 16) * 16, Math.round((w * height) / width / 16) * 16));
  return { width: w, height: h };
}

export function isMultipleOf16(width: number, height: number): boolean {
  return width % 16 === 0 && height % 16 === 0;
}
