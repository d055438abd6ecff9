import { describe, expect, it } from 'vitest';
import { cameraWindow, coverSource } from './canvas-camera';
import { MOTION_KINDS, chooseMotion, planMotion } from './kenburns';
import { perspectiveCorners } from './kenburns-filter';

describe('coverSource', () => {
  it('keeps the whole image when it has the frame aspect', () => {
    expect(coverSource(3840, 2160, 1920, 1080)).toEqual({ x: 0, y: 0, width: 3840, height: 2160 });
  });

  it('crops a square image for a wide frame at the centre, on an even row of the scaled picture', () => {
    // Scaled to 1920x1920, cropped 420 rows from the top; the image is 1024 px, so 1024/1920 per row.
    const rect = coverSource(1024, 1024, 1920, 1080);
    expect(rect.x).toBe(0);
    expect(rect.width).toBeCloseTo(1024, 9);
    expect(rect.y).toBeCloseTo((420 * 1024) / 1920, 9);
    expect(rect.height).toBeCloseTo((1080 * 1024) / 1920, 9);
  });

  it('covers a tall frame from a wide image of an awkward size (rounded scale, even offset)', () => {
    // 3001x999 to 1080x1920: scaled to round(1920*3001/999)=5768 x 1920, crop x = 2344.
    const rect = coverSource(3001, 999, 1080, 1920);
    expect(rect.x).toBeCloseTo((2344 * 3001) / 5768, 9);
    expect(rect.y).toBe(0);
    expect(rect.height).toBeCloseTo(999, 9);
    expect(rect.width).toBeCloseTo((1080 * 3001) / 5768, 9);
  });
});

/** Evaluates one of perspectiveCorners' expressions (ffmpeg syntax) at output frame `on`. */
function evaluate(expression: string, on: number): number {
  const js = expression
    .replaceAll('PI', 'Math.PI')
    .replace(/\b(exp|cos)\(/g, 'Math.$1(')
    .replaceAll('on', String(on));
  return Function(`return ${js}`)() as number;
}

describe('cameraWindow', () => {
  it.each([...MOTION_KINDS])('%s: samples the same source pixels as the ffmpeg perspective warp', (kind) => {
    const index = MOTION_KINDS.findIndex((_, i) => chooseMotion(i).kind === kind);
    const plan = planMotion({ index, start: 0, end: 2 }, 'youtube');
    const corners = perspectiveCorners(plan.motion, plan.width, plan.height, plan.frames);
    for (const frame of [0, 17, plan.frames - 1]) {
      const rect = cameraWindow(plan, frame);
      // The expressions carry 9 decimals, so agreement to 1e-4 px is all they can show (far below jitter).
      // drawImage maps output pixel centre i + 0.5 to source x + (i + 0.5) * width / plan.width,
      // which is pixel index x + (i + 0.5) * scale - 0.5 in perspective's coordinates.
      const sourceOf = (i: number, start: number, size: number, out: number) => start + ((i + 0.5) * size) / out - 0.5;
      expect(sourceOf(0, rect.x, rect.width, plan.width)).toBeCloseTo(evaluate(corners[0] as string, frame), 4);
      expect(sourceOf(0, rect.y, rect.height, plan.height)).toBeCloseTo(evaluate(corners[1] as string, frame), 4);
      // perspective's far corner is one pixel past the last pixel (size * scale from the near one).
      expect(sourceOf(plan.width, rect.x, rect.width, plan.width)).toBeCloseTo(
        evaluate(corners[2] as string, frame),
        4,
      );
      expect(sourceOf(plan.height, rect.y, rect.height, plan.height)).toBeCloseTo(
        evaluate(corners[5] as string, frame),
        4,
      );
    }
  });

  it('is the whole picture at zoom 1 (the first frame of a zoom-in)', () => {
    const index = MOTION_KINDS.findIndex((_, i) => chooseMotion(i).kind === 'zoom-in');
    const plan = planMotion({ index, start: 0, end: 1 }, 'square');
    expect(cameraWindow(plan, 0)).toEqual({ x: 0, y: 0, width: 1080, height: 1080 });
  });
});
