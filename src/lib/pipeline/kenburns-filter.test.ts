import { describe, expect, it } from 'vitest';
import { chooseMotion, frameProgress, planMotion, viewAt, type Motion } from './kenburns';
import { clipArgs, clipFilterGraph, num, perspectiveCorners } from './kenburns-filter';

/** Evaluates one of our ffmpeg expressions the way ffmpeg's evaluator would (only what we emit). */
function evaluate(expression: string, on: number): number {
  const js = expression
    .replace(/\bon\b/g, String(on))
    .replace(/\bPI\b/g, 'Math.PI')
    .replace(/\b(cos|exp)\(/g, 'Math.$1(');
  expect(js).toMatch(/^[-+*/().\d\sMathPIcosexp]+$/);
  return Function(`return ${js}`)() as number;
}

/** Source coordinates the output corners should sample, from `viewAt`, with pixel centres on pixel centres. */
function expectedCorners(motion: Motion, w: number, h: number, frame: number, frames: number): number[] {
  const view = viewAt(motion, frameProgress(frame, frames));
  const s = 1 / view.zoom;
  const left = w * view.x - ((w - 1) / 2) * s - 0.5;
  const top = h * view.y - ((h - 1) / 2) * s - 0.5;
  return [left, top, left + w * s, top, left, top + h * s, left + w * s, top + h * s];
}

describe('perspectiveCorners', () => {
  it('follows viewAt on every frame of every motion', () => {
    for (let index = 0; index < 6; index++) {
      const motion = chooseMotion(index, 11);
      const corners = perspectiveCorners(motion, 1080, 1920, 157);
      for (const frame of [0, 1, 40, 78, 155, 156]) {
        const got = corners.map((c) => evaluate(c, frame));
        const want = expectedCorners(motion, 1080, 1920, frame, 157);
        got.forEach((value, i) => expect(value).toBeCloseTo(want[i] as number, 4));
      }
    }
  });

  it('is the identity at zoom 1, so an un-zoomed frame is the picture itself', () => {
    const wide = { zoom: 1, x: 0.5, y: 0.5 };
    const corners = perspectiveCorners({ kind: 'zoom-in', travel: 0.1, from: wide, to: wide }, 640, 360, 10);
    expect(corners.map((c) => evaluate(c, 5))).toEqual(
      [0, 0, 640, 0, 0, 360, 640, 360].map((v) => expect.closeTo(v, 9)),
    );
  });

  it('handles a one-frame clip', () => {
    const motion = chooseMotion(0);
    expect(perspectiveCorners(motion, 64, 36, 1).map((c) => evaluate(c, 0))).toEqual(
      expectedCorners(motion, 64, 36, 0, 1).map((v) => expect.closeTo(v, 9)),
    );
  });
});

describe('clip arguments', () => {
  const plan = planMotion({ index: 2, start: 5.23, end: 13.14 }, 'youtube', { scale: 0.5 });

  it('cover-crops the image to the output size and loops one decoded frame', () => {
    const graph = clipFilterGraph(plan);
    expect(graph).toContain('scale=960:540:force_original_aspect_ratio=increase');
    expect(graph).toContain('crop=960:540');
    expect(graph).toContain('loop=loop=236:size=1');
    expect(graph).not.toMatch(/pad=|zoompan/);
  });

  it('asks for exactly the planned frames as H.264 High in MP4', () => {
    const args = clipArgs(plan, '/in/image.png', '/out/clip.mp4');
    expect(args[args.indexOf('-i') + 1]).toBe('/in/image.png');
    expect(args.at(-1)).toBe('/out/clip.mp4');
    expect(args[args.indexOf('-frames:v') + 1]).toBe('237');
    expect(args[args.indexOf('-profile:v') + 1]).toBe('high');
    // 960x540 at 30 fps: capped near 0.78 Mb/s, with two seconds of buffer.
    expect(args[args.indexOf('-maxrate') + 1]).toBe('778k');
    expect(args[args.indexOf('-bufsize') + 1]).toBe('1556k');
  });

  it('draws captions last, over the moving picture, with fonts only from the given folder', () => {
    const captions = { assPath: '/in3/captions.ass', fontsDir: '/in1' };
    const graph = clipFilterGraph(plan, captions);
    expect(graph).toMatch(/perspective=[^,]*eval=frame,ass=filename=\/in3\/captions\.ass:fontsdir=\/in1\[v\]$/);
    expect(clipArgs(plan, '/i', '/o', captions)).toContain(graph);
    expect(clipFilterGraph(plan)).not.toContain('ass=');
  });

  it('takes a long recording’s lower ceiling, never a higher one than the usual cap', () => {
    const scene = { index: 0, start: 0, end: 5 };
    const maxrate = (maxKbps?: number) => {
      const args = clipArgs(planMotion(scene, 'youtube', { maxKbps }), '/i', '/o');
      return [args[args.indexOf('-maxrate') + 1], args[args.indexOf('-bufsize') + 1]];
    };
    expect(maxrate()).toEqual(['3110k', '6220k']);
    expect(maxrate(1200)).toEqual(['1200k', '2400k']);
    expect(maxrate(50_000)).toEqual(['3110k', '6220k']);
  });

  it('formats numbers without exponents', () => {
    expect(num(1e-9)).toBe('0.000000001');
    expect(num(-0.0000000001)).toBe('0');
    expect(num(12)).toBe('12');
    expect(num(-0.25)).toBe('-0.25');
  });
});
