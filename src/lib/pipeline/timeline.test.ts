import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frameOf, sceneFrames } from './timeline';

describe('sceneFrames', () => {
  it('counts whole frames between rounded boundaries', () => {
    expect(sceneFrames({ start: 0, end: 5.23 }, 30)).toBe(157);
    expect(sceneFrames({ start: 5.23, end: 13.14 }, 30)).toBe(237);
  });

  it('adds up to exactly round(duration * fps) for any tiling of the audio', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 20, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.constantFrom(24, 25, 30, 60),
        (lengths, fps) => {
          let start = 0;
          let sum = 0;
          for (const length of lengths) {
            sum += sceneFrames({ start, end: start + length }, fps);
            start += length;
          }
          expect(sum).toBe(frameOf(start, fps));
        },
      ),
    );
  });
});
