// The render engine in real Chromium: three odd-length scenes with narration, in 16:9 and 9:16,
// checked with ffprobe/ffmpeg (streams, frames, cuts, keyframes, duration, audio), played; cancel.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RenderPlan } from '../../src/lib/pipeline/kenburns';
import { ROOT } from './harness';
import { ENDS, SCENE_FRAMES, TOTAL_FRAMES, openNarrationHarness, saveBase64 } from './render-harness/narration';
import { sharedHarness } from './shared-rig';
import {
  audioBitrate,
  audioPacketHashes,
  correlation,
  ffprobe,
  keyframes,
  makeImage,
  nativeFfmpeg,
  pcm,
  sceneCuts,
  streamOf,
  topLevelBoxes,
  transcode,
  videoTimestamps,
} from '../support/media';

const OUT = join(ROOT, 'test-results/render');
/** The planned cuts: round(end * 30) of the inner boundaries. */
const CUT_FRAMES = [157, 394];

const harness = sharedHarness(() => openNarrationHarness(OUT));
const save = (name: string, base64: string) => saveBase64(OUT, name, base64);

beforeAll(async () => {
  const input = (name: string) => join(harness.inputs, name);
  await transcode(input('narration.wav'), input('narration-stereo.wav'), ['-ac', '2', '-ar', '44100']);
  await makeImage('color=c=0xd03020', 300, 200, input('red.png'));
  await makeImage('testsrc2', 800, 600, input('pattern.png'));
  await makeImage('mandelbrot', 640, 900, input('fractal.jpg'));
});

describe.each([
  { format: 'youtube' as const, audio: 'narration.m4a', width: 640, height: 360 },
  { format: 'tiktok' as const, audio: 'narration-stereo.wav', width: 360, height: 640 },
])('a three-scene $format video', ({ format, audio, width, height }) => {
  let final: string;
  let result: Awaited<ReturnType<typeof window.vf.video>>;

  beforeAll(async () => {
    const spec = {
      audio: `/in/${audio}`,
      images: ['/in/red.png', '/in/pattern.png', '/in/fractal.jpg'],
      ends: ENDS,
      format,
      plan: { scale: 1 / 3 },
    };
    result = await harness.page.evaluate((s) => window.vf.video(s), spec);
    final = save(`${format}.mp4`, result.final);
  });

  it('renders each clip with exactly its planned frames, starting on a keyframe', async () => {
    expect(result.clips).toHaveLength(3);
    for (const [i, clip] of result.clips.entries()) {
      const file = save(`${format}-clip${i}.mp4`, clip);
      const video = streamOf(await ffprobe(file, true), 'video');
      expect(video.nb_read_frames).toBe(String(SCENE_FRAMES[i]));
      expect((await keyframes(file))[0]).toBe(0);
    }
  });

  it('is H.264 High yuv420p at 30 fps with exactly round(duration * 30) frames', async () => {
    const probe = await ffprobe(final, true);
    expect(probe.streams).toHaveLength(2);
    const video = streamOf(probe, 'video');
    expect(video).toMatchObject({ codec_name: 'h264', profile: 'High', pix_fmt: 'yuv420p', width, height });
    expect(video.r_frame_rate).toBe('30/1');
    expect(video.nb_read_frames).toBe(String(TOTAL_FRAMES));
  });

  it('lasts as long as the audio, within one frame, with moov first (+faststart)', async () => {
    const probe = await ffprobe(final);
    const audioDuration = Number((await ffprobe(join(harness.inputs, audio))).format.duration);
    expect(Math.abs(Number(probe.format.duration) - audioDuration)).toBeLessThanOrEqual(1 / 30);
    expect(Math.abs(Number(streamOf(probe, 'video').duration) - audioDuration)).toBeLessThanOrEqual(1 / 30);
    const boxes = topLevelBoxes(readFileSync(final));
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
  });

  it('cuts to the next picture exactly on the planned frames, each a keyframe', async () => {
    const cuts = await sceneCuts(final);
    expect(cuts.map((t) => Math.round(t * 30))).toEqual(CUT_FRAMES);
    const keys = await keyframes(final);
    expect(keys).toEqual(expect.arrayContaining([0, ...CUT_FRAMES]));
  });

  it('keeps every frame on the 30 fps grid across the cuts (no clip adds a fraction of a millisecond)', async () => {
    const { pts, ticksPerSecond } = await videoTimestamps(final);
    expect(pts).toHaveLength(TOTAL_FRAMES);
    expect(pts.map((tick) => (tick * 30) / ticksPerSecond)).toEqual(pts.map((_, frame) => frame));
  });

  it('reports progress per clip and overall up to the last frame', () => {
    const { progress } = result;
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.at(-1)).toMatchObject({ total: TOTAL_FRAMES });
    expect(Math.max(...progress.map((p) => p.done))).toBe(TOTAL_FRAMES);
    for (const job of [0, 1, 2]) {
      const counts = progress.filter((p) => p.job === job).map((p) => p.clipFrames);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
    }
    expect([...result.finished].sort()).toEqual([0, 1, 2]);
    expect(result.fractions.at(-1)).toBe(1);
  });

  if (format === 'youtube') {
    it('carries the AAC narration bit-for-bit', async () => {
      expect(streamOf(await ffprobe(final), 'audio').codec_name).toBe('aac');
      expect(await audioPacketHashes(final)).toBe(await audioPacketHashes(join(harness.inputs, audio)));
    });
  } else {
    it('encodes WAV narration to AAC of at least 192 kb/s that sounds the same', async () => {
      const audioStream = streamOf(await ffprobe(final), 'audio');
      expect(audioStream).toMatchObject({ codec_name: 'aac', channels: 2, sample_rate: '44100' });
      // Where someone speaks (the narration ends in silence, which AAC stores in next to nothing).
      expect(await audioBitrate(final, 0, 15)).toBeGreaterThanOrEqual(192_000);
      const original = await pcm(join(harness.inputs, audio), 22050);
      const muxed = await pcm(final, 22050);
      expect(Math.abs(muxed.length - original.length)).toBeLessThan(22050 / 30);
      expect(correlation(original, muxed)).toBeGreaterThan(0.99);
    });
  }

  it('plays in Chromium', async () => {
    const played = await harness.page.evaluate(() => window.vf.play());
    expect(played).toMatchObject({ width, height });
    expect(played.duration).toBeCloseTo(19.51, 1);
    expect(played.currentTime).toBeGreaterThan(0.3);
    expect(played.framesShown).toBeGreaterThan(5);
  });
});

it('cancels a render at once and renders again afterwards', async () => {
  const spec = { audio: '/in/narration.wav', images: ['/in/pattern.png'], ends: [10, 20], format: 'youtube' as const };
  const cancelled = await harness.page.evaluate((s) => window.vf.cancel(s), spec);
  expect(cancelled.error).toMatchObject({ name: 'AbortError' });
  expect(cancelled.settledMs).toBeLessThan(1000);
  const again = await harness.page.evaluate((s) => window.vf.clips(s.images, window.vf.plans(s).slice(0, 1)), {
    ...spec,
    ends: [0.5],
    plan: { scale: 0.25 },
  });
  expect(again.clips).toHaveLength(1);
  expect(again.progress.at(-1)).toMatchObject({ done: 15, total: 15 });
});

it('gives up with EngineMemoryError when ffmpeg.wasm runs out of memory, after a retry, and renders again', async () => {
  // A 12000x12000 frame needs more than the 2 GB wasm heap (the warp's coordinate table alone is 1.1 GB).
  const spec = { audio: '/in/narration.wav', images: ['/in/pattern.png'], ends: [0.2], format: 'youtube' as const };
  const [planned] = await harness.page.evaluate((s) => window.vf.plans(s), spec);
  const plan = { ...(planned as RenderPlan), width: 12000, height: 12000 };
  const result = await harness.page.evaluate(([i, p]) => window.vf.failingClips(i, [p]), [spec.images, plan] as const);
  expect(result.error).toMatchObject({ name: 'EngineMemoryError', message: expect.stringMatching(/out of memory/) });
  // The retry in a fresh worker shows as the clip's progress going back to zero (still counted in the total).
  expect(result.progress).toContainEqual(expect.objectContaining({ job: 0, clipFrames: 0, total: plan.frames }));
  const again = await harness.page.evaluate((s) => window.vf.clips(s.images, window.vf.plans(s), false), {
    ...spec,
    plan: { scale: 0.1 },
  });
  expect(again.clipBytes[0]).toBeGreaterThan(1000);
});

it('fails only the clip whose image is damaged, naming the image, and renders the others', async () => {
  const bytes = readFileSync(join(harness.inputs, 'pattern.png'));
  // Still a PNG by its signature and header (what the proxy checks), but cut off mid-picture.
  writeFileSync(join(harness.inputs, 'damaged.png'), bytes.subarray(0, bytes.length >> 1));
  const spec = { audio: '/in/narration.wav', ends: [0.2, 0.4, 0.6], format: 'square' as const, plan: { scale: 0.2 } };
  const images = ['/in/pattern.png', '/in/damaged.png', '/in/red.png'];
  const plans = await harness.page.evaluate((s) => window.vf.plans({ ...s, images: [] }), spec);
  const result = await harness.page.evaluate(([i, p]) => window.vf.failingClips(i, p), [images, plans] as const);
  expect(result.outcomes).toEqual(['ok', 'UnreadableImageError', 'ok']);
  expect(result.error?.message).toMatch(/^The image of scene 2 is damaged .*\(png: /);
  expect(result.progress.at(-1)).toMatchObject({ done: plans[0]!.frames + plans[2]!.frames });
  expect(result.progress.at(-1)?.total).toBe(result.progress.at(-1)?.done);
});

it('keeps a clip under a long recording’s lower bitrate ceiling in ffmpeg.wasm', async () => {
  // Grain makes every resampled frame new detail: the encoder spends all the cap allows.
  const grain = join(harness.inputs, 'grain.png');
  await nativeFfmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=960x540,noise=alls=100:allf=u', '-frames:v', '1', grain]);
  const spec = { audio: '/in/narration.wav', images: ['/in/grain.png'], ends: [4], format: 'youtube' as const };
  const rendered = (maxKbps?: number) =>
    harness.page.evaluate((s) => window.vf.clips(s.images, window.vf.plans(s), false), {
      ...spec,
      plan: { scale: 0.5, ...(maxKbps ? { maxKbps } : {}) },
    });
  const kbps = (bytes: number) => (bytes * 8) / 4 / 1000;
  const usual = kbps((await rendered()).clipBytes[0]!);
  const capped = kbps((await rendered(250)).clipBytes[0]!);
  // x264 may spend its 2-second rate buffer, which starts 90 % full, on top of the cap (RATE_OVERSHOOT).
  const most = (cap: number) => cap * (1 + (0.9 * 2) / 4) * 1.03;
  // 960x540 at 30 fps is usually capped at 778 kb/s; the grain takes all of it.
  expect(usual).toBeGreaterThan(778);
  expect(usual).toBeLessThan(most(778));
  expect(capped).toBeLessThan(most(250));
  expect(capped).toBeLessThan(usual / 2);
});
