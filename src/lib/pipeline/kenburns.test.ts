import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MOTION_KINDS, chooseMotion, ease, frameProgress, maxOffset, planMotion, viewAt } from './kenburns';

describe('planMotion', () => {
  it('takes size and exact frame count from the format and the scene boundaries', () => {
    const plan = planMotion({ index: 1, start: 5.23, end: 13.14 }, 'youtube');
    expect(plan).toMatchObject({ index: 1, width: 1920, height: 1080, fps: 30, frames: 237 });
    expect(planMotion({ index: 0, start: 0, end: 5.23 }, 'tiktok')).toMatchObject({ width: 1080, height: 1920 });
  });

  it('scales down to even sizes for previews and tests', () => {
    expect(planMotion({ index: 0, start: 0, end: 1 }, 'youtube', { scale: 1 / 3 })).toMatchObject({
      width: 640,
      height: 360,
    });
    expect(planMotion({ index: 0, start: 0, end: 1 }, 'square', { scale: 0.1 })).toMatchObject({ width: 108 });
    expect(() => planMotion({ index: 0, start: 0, end: 1 }, 'square', { scale: 0 })).toThrow(/scale/);
  });

  it('refuses a scene shorter than one frame with a clear message', () => {
    expect(() => planMotion({ index: 3, start: 2, end: 2.01 }, 'youtube')).toThrow(/scene 3 is shorter than one frame/);
  });

  it('is repeatable and changes with the seed', () => {
    const scene = { index: 4, start: 0, end: 6 };
    expect(planMotion(scene, 'square', { seed: 9 })).toEqual(planMotion(scene, 'square', { seed: 9 }));
    const kinds = (seed: number) => [0, 1, 2, 3, 4, 5].map((i) => chooseMotion(i, seed).kind).join();
    expect(new Set([1, 2, 3, 4, 5, 6, 7, 8].map(kinds)).size).toBeGreaterThan(1);
  });
});

describe('chooseMotion', () => {
  it('uses every kind and never gives two neighbouring scenes the same one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (index, seed) => {
        expect(chooseMotion(index + 1, seed).kind).not.toBe(chooseMotion(index, seed).kind);
      }),
    );
    expect(new Set([0, 1, 2, 3, 4, 5].map((i) => chooseMotion(i).kind))).toEqual(new Set(MOTION_KINDS));
  });

  it('travels 8-15 %: zooms change zoom by that much, pans move the centre that far with a slight zoom', () => {
    for (let index = 0; index < 60; index++) {
      const motion = chooseMotion(index, 3);
      expect(motion.travel).toBeGreaterThanOrEqual(0.08);
      expect(motion.travel).toBeLessThanOrEqual(0.15);
      const { from, to, kind } = motion;
      if (kind === 'zoom-in') expect(to.zoom / from.zoom).toBeCloseTo(1 + motion.travel);
      if (kind === 'zoom-out') expect(from.zoom / to.zoom).toBeCloseTo(1 + motion.travel);
      if (kind.startsWith('pan')) {
        expect(Math.hypot(to.x - from.x, to.y - from.y)).toBeCloseTo(motion.travel);
        expect(to.zoom / from.zoom).toBeGreaterThan(1);
        expect(to.zoom / from.zoom).toBeLessThan(1.1);
      }
      const dx = to.x - from.x;
      const dy = to.y - from.y;
      if (kind === 'pan-left') expect(dx).toBeLessThan(0);
      if (kind === 'pan-right') expect(dx).toBeGreaterThan(0);
      if (kind === 'pan-up') expect(dy).toBeLessThan(0);
      if (kind === 'pan-down') expect(dy).toBeGreaterThan(0);
    }
  });

  it('keeps the view inside the picture at every moment, so no frame can show an edge', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (index, seed, t) => {
        const view = viewAt(chooseMotion(index, seed), t);
        expect(view.zoom).toBeGreaterThanOrEqual(1);
        expect(Math.abs(view.x - 0.5)).toBeLessThanOrEqual(maxOffset(view.zoom) + 1e-12);
        expect(Math.abs(view.y - 0.5)).toBeLessThanOrEqual(maxOffset(view.zoom) + 1e-12);
      }),
    );
  });
});

describe('easing', () => {
  it('starts and ends at half speed and goes from the first view to the last', () => {
    expect(ease(0)).toBe(0);
    expect(ease(1)).toBe(1);
    expect(ease(0.5)).toBeCloseTo(0.5, 12);
    expect(ease(0.001) / 0.001).toBeCloseTo(0.5, 2);
    expect((1 - ease(0.999)) / 0.001).toBeCloseTo(0.5, 2);
    expect((ease(0.51) - ease(0.49)) / 0.02).toBeCloseTo(0.5 + Math.PI / 4, 3);
    expect(frameProgress(0, 157)).toBe(0);
    expect(frameProgress(156, 157)).toBe(1);
    expect(frameProgress(0, 1)).toBe(0);
    const motion = chooseMotion(2);
    expect(viewAt(motion, 0)).toEqual(motion.from);
    const end = viewAt(motion, 1);
    expect(end.zoom).toBeCloseTo(motion.to.zoom, 12);
    expect(end.x).toBeCloseTo(motion.to.x, 12);
  });
});
