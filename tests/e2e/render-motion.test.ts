// Ken Burns motion quality: never an edge of the picture in view, and sub-pixel smooth movement
// (jitter bar) in ffmpeg.wasm and, for every motion, in native ffmpeg running the same arguments.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  MOTION_KINDS,
  chooseMotion,
  planMotion,
  type MotionKind,
  type RenderPlan,
} from '../../src/lib/pipeline/kenburns';
import { clipArgs } from '../../src/lib/pipeline/kenburns-filter';
import type { FormatId } from '../../src/lib/pipeline/formats';
import { ROOT } from './harness';
import { openHarness } from './render-harness/session';
import { sharedHarness } from './shared-rig';
import { ffprobe, grayFrames, makeImage, nativeFfmpeg, psnr } from '../support/media';

const OUT = join(ROOT, 'test-results/render-motion');
const JITTER_BAR_PX = 0.15;
const DOTS: Record<'youtube' | 'tiktok', string> = { youtube: 'dot.png', tiktok: 'dot-portrait.png' };

const harness = sharedHarness(openHarness);

/** The scene index that gets `kind` (motions cycle through all six kinds). */
function indexOf(kind: MotionKind): number {
  return MOTION_KINDS.map((_, i) => i).find((i) => chooseMotion(i).kind === kind) as number;
}

function plan(kind: MotionKind, format: FormatId, seconds: number, scale = 1): RenderPlan {
  const index = indexOf(kind);
  return planMotion({ index, start: 0, end: seconds }, format, { scale });
}

async function jitter(file: string): Promise<{ rms: number; frames: number; missing: number }> {
  const { stdout } = await promisify(execFile)('node', [join(ROOT, 'tests/tools/kenburns-jitter.mjs'), file]);
  const value = (key: string) => Number(new RegExp(`${key}=([\\d.]+)`).exec(stdout)?.[1]);
  return { rms: value('jitter_rms_px'), frames: value('frames'), missing: value('frames_without_square') };
}

async function renderInBrowser(images: string[], plans: RenderPlan[], prefix: string): Promise<string[]> {
  const result = await harness.page.evaluate(([i, p]) => window.vf.clips(i, p), [images, plans] as const);
  return result.clips.map((clip, n) => {
    const file = join(OUT, `${prefix}-${n}.mp4`);
    writeFileSync(file, Buffer.from(clip, 'base64'));
    return file;
  });
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  for (const name of Object.values(DOTS)) copyFileSync(join(ROOT, 'tests/fixtures', name), join(harness.inputs, name));
  // Solid pictures of the other orientation, of awkward sizes: any size must cover the frame.
  await makeImage('color=c=0x2e9e57', 37, 91, join(harness.inputs, 'tall.png'));
  await makeImage('color=c=0x2e9e57', 3001, 999, join(harness.inputs, 'wide.jpg'));
});

describe.each([
  { format: 'youtube' as const, image: 'tall.png' },
  { format: 'tiktok' as const, image: 'wide.jpg' },
])('cover-crop in $format from $image', ({ format, image }) => {
  it('fills every frame of every motion to the edges: no letterbox, no black border', async () => {
    const plans = MOTION_KINDS.map((kind) => plan(kind, format, 1, 0.1));
    const files = await renderInBrowser([`/in/${image}`], plans, `edges-${format}`);
    for (const [n, file] of files.entries()) {
      const { width, height, frames } = await grayFrames(file);
      expect(frames).toHaveLength(30);
      const centre = (frames[0] as Buffer)[(height >> 1) * width + (width >> 1)] as number;
      expect(centre).toBeGreaterThan(60);
      for (const [f, frame] of frames.entries()) {
        const edge: number[] = [];
        for (let x = 0; x < width; x++) edge.push(frame[x] as number, frame[(height - 1) * width + x] as number);
        for (let y = 0; y < height; y++) edge.push(frame[y * width] as number, frame[y * width + width - 1] as number);
        const worst = Math.max(...edge.map((v) => Math.abs(v - centre)));
        if (worst > 6) throw new Error(`${MOTION_KINDS[n]} frame ${f}: edge pixel ${worst} away from the picture`);
      }
    }
  });
});

describe.each([
  { format: 'youtube' as const, kind: 'pan-left' as const },
  { format: 'tiktok' as const, kind: 'zoom-in' as const },
])('smoothness in ffmpeg.wasm, $format $kind', ({ format, kind }) => {
  let file: string;
  const full = plan(kind, format, 4);

  beforeAll(async () => {
    [file] = (await renderInBrowser([`/in/${DOTS[format]}`], [full], `wasm-${format}`)) as [string];
  });

  it(`moves the dot with jitter_rms_px <= ${JITTER_BAR_PX} at full size`, async () => {
    const video = (await ffprobe(file)).streams[0];
    expect(video).toMatchObject({ width: full.width, height: full.height });
    const measured = await jitter(file);
    expect(measured).toMatchObject({ frames: 120, missing: 0 });
    expect(measured.rms).toBeLessThanOrEqual(JITTER_BAR_PX);
  });

  it('renders the same picture as native ffmpeg running the same arguments', async () => {
    const native = join(OUT, `native-same-${format}.mp4`);
    await nativeFfmpeg(clipArgs(full, join(ROOT, 'tests/fixtures', DOTS[format]), native));
    expect(await psnr(file, native)).toBeGreaterThan(40);
  });
});

describe.each(['youtube', 'tiktok'] as const)('smoothness of every motion, native ffmpeg, %s', (format) => {
  it.each([...MOTION_KINDS])(`%s stays under the jitter bar`, async (kind) => {
    const file = join(OUT, `native-${format}-${kind}.mp4`);
    await nativeFfmpeg(clipArgs(plan(kind, format, 3), join(ROOT, 'tests/fixtures', DOTS[format]), file));
    const measured = await jitter(file);
    expect(measured).toMatchObject({ frames: 90, missing: 0 });
    expect(measured.rms).toBeLessThanOrEqual(JITTER_BAR_PX);
  });
});

describe('a picked move with a focus point, native ffmpeg running the engine’s arguments, youtube', () => {
  it.each([...MOTION_KINDS])(`%s towards an off-centre focus stays under the jitter bar`, async (kind) => {
    const file = join(OUT, `native-picked-${kind}.mp4`);
    const motion = { kind, travel: 0.15, focus: { x: 0.56, y: 0.45 } };
    const picked = planMotion({ index: 0, start: 0, end: 3 }, 'youtube', { motion });
    expect(picked.motion.kind).toBe(kind);
    await nativeFfmpeg(clipArgs(picked, join(ROOT, 'tests/fixtures', DOTS.youtube), file));
    const measured = await jitter(file);
    expect(measured).toMatchObject({ frames: 90, missing: 0 });
    expect(measured.rms).toBeLessThanOrEqual(JITTER_BAR_PX);
  });
});
