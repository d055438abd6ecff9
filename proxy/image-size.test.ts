import { describe, expect, it } from 'vitest';
import { isMultipleOf16, smallerSizeMultipleOf16 } from './image-size';

describe('smallerSizeMultipleOf16', () => {
  it.each([
    [1920, 1080, 1792, 1008],
    [1080, 1920, 1008, 1792],
    [1080, 1080, 1072, 1072],
    [1000, 700, 960, 672],
  ])('%ix%i -> %ix%i, same aspect ratio, never larger', (width, height, w, h) => {
    const size = smallerSizeMultipleOf16(width, height);
    expect(size).toEqual({ width: w, height: h });
    expect(size.width / size.height).toBeCloseTo(width / height, 6);
    expect(isMultipleOf16(size.width, size.height)).toBe(true);
  });

  it('approximates the ratio when the exact one would be far too small', () => {
    const size = smallerSizeMultipleOf16(1001, 700);
    expect(size).toEqual({ width: 992, height: 688 });
    expect(size.width / size.height).toBeCloseTo(1001 / 700, 1);
  });
});
