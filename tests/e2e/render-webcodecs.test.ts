// The WebCodecs clip renderer in real Chromium: clips with the ffmpeg.wasm clips' codec parameters and
// BT.709 limited-range colour, the same picture and motion (jitter bar), and a final assembly that
// concatenates clips of both engines by stream copy and decodes without an error.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MOTION_KINDS,
  chooseMotion,
  planMotion,
  type MotionKind,
  type RenderPlan,
} from '../../src/lib/pipeline/kenburns';
import type { FormatId } from '../../src/lib/pipeline/formats';
import { ROOT } from './harness';
import { sharedHarness } from './shared-rig';
import { openWebCodecsHarness } from './webcodecs-harness/session';
import { ffprobe, keyframes, makeImage, nativeFfmpeg, psnr, ssim } from '../support/media';

const run = promisify(execFile);
const BIG = { maxBuffer: 1 << 30 };
const OUT = join(ROOT, 'test-results/render-webcodecs');
const JITTER_BAR_PX = 0.1;
const DOTS: Record<'youtube' | 'tiktok', string> = { youtube: 'dot.png', tiktok: 'dot-portrait.png' };
/** What the same plan must look like in both engines (x264 CRF 23 vs the browser's encoder at the same cap). */
const MIN_PSNR_DB = 32;
const MIN_SSIM = 0.96;

const harness = sharedHarness(openWebCodecsHarness);

function plan(kind: MotionKind, format: FormatId, seconds: number, scale = 1): RenderPlan {
  const index = MOTION_KINDS.map((_, i) => i).find((i) => chooseMotion(i).kind === kind) as number;
  return planMotion({ index, start: 0, end: seconds }, format, { scale });
}

function save(clips: string[], prefix: string): string[] {
  return clips.map((clip, n) => {
    const file = join(OUT, `${prefix}-${n}.mp4`);
    writeFileSync(file, Buffer.from(clip, 'base64'));
    return file;
  });
}

async function renderWebCodecs(image: string, plans: RenderPlan[], prefix: string): Promise<string[]> {
  const result = await harness.page.evaluate(([i, p]) => window.wc.render(i, p), [image, plans] as const);
  return save(result.clips, prefix);
}

async function renderWasm(image: string, plans: RenderPlan[], prefix: string): Promise<string[]> {
  const result = await harness.page.evaluate(([i, p]) => window.vf.clips([i], p), [image, plans] as const);
  return save(result.clips, prefix);
}

/** The first video stream as ffprobe reports it, with the fields the shared ProbeStream type leaves out. */
async function videoStream(file: string): Promise<Record<string, unknown>> {
  const stream = (await ffprobe(file, true)).streams.find((s) => s.codec_type === 'video');
  return stream as unknown as Record<string, unknown>;
}

/** Everything ffmpeg complains about while decoding the whole file (empty when it decodes cleanly). */
async function decodeErrors(file: string): Promise<string> {
  const { stdout, stderr } = await run('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-'], BIG);
  return `${stdout}${stderr}`;
}

/** Colour fields of the H.264 sequence parameter set (the bitstream's own VUI, not the MP4's colr box). */
async function spsColour(file: string): Promise<Record<string, number>> {
  const args = [
    '-v',
    'trace',
    '-i',
    file,
    '-c',
    'copy',
    '-bsf:v',
    'trace_headers',
    '-frames:v',
    '1',
    '-f',
    'null',
    '-',
  ];
  const { stderr } = await run('ffmpeg', args, BIG);
  const fields = ['video_full_range_flag', 'colour_primaries', 'transfer_characteristics', 'matrix_coefficients'];
  return Object.fromEntries(
    fields.map((field) => [field, Number(new RegExp(`\\b${field}\\s+\\d+ = (\\d+)`).exec(stderr)?.[1])]),
  );
}

/** MD5 of every decoded video frame, in order. */
async function frameHashes(file: string): Promise<string[]> {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:v:0', '-f', 'framemd5', '-'], BIG);
  return stdout
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split(',').at(-1)?.trim() as string);
}

/** The types of an MP4's top-level boxes, in file order. */
function topBoxes(file: string): string[] {
  const bytes = readFileSync(file);
  const types: string[] = [];
  for (let at = 0; at + 8 <= bytes.length;) {
    let size = bytes.readUInt32BE(at);
    if (size === 1) size = Number(bytes.readBigUInt64BE(at + 8));
    types.push(bytes.toString('latin1', at + 4, at + 8));
    if (size < 8) break; // 0: the box runs to the end of the file.
    at += size;
  }
  return types;
}

async function jitter(file: string): Promise<{ rms: number; frames: number; missing: number }> {
  const { stdout } = await run('node', [join(ROOT, 'tests/tools/kenburns-jitter.mjs'), file]);
  const value = (key: string) => Number(new RegExp(`${key}=([\\d.]+)`).exec(stdout)?.[1]);
  return { rms: value('jitter_rms_px'), frames: value('frames'), missing: value('frames_without_square') };
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  for (const name of Object.values(DOTS)) copyFileSync(join(ROOT, 'tests/fixtures', name), join(harness.inputs, name));
  // Sharp edges, fine text and noise: the hardest picture for two different resamplers and encoders.
  await makeImage('testsrc2', 1024, 1024, join(harness.inputs, 'picture.png'));
});

describe('the picture a clip is drawn from', () => {
  // The worker reads the cropped picture a band of rows at a time (a small buffer, not 8 MB per clip).
  it.each([
    { size: [1920, 1080], rows: 64 },
    { size: [1080, 1920], rows: 6 },
  ])('is read by bands of $rows rows exactly as getImageData reads it whole ($size)', async ({ size, rows }) => {
    const [width, height] = size as [number, number];
    const read = await harness.page.evaluate(([w, h, r]) => window.wc.pictureReads('/in/picture.png', w, h, r), [
      width,
      height,
      rows,
    ] as const);
    expect(read.distinct).toBeGreaterThan(200);
    expect(read.differing).toBe(0);
  });
});

describe('a WebCodecs clip of a 1080p30 plan', () => {
  const full = plan('zoom-in', 'youtube', 2.5);
  let web: string;
  let wasm: string;

  beforeAll(async () => {
    [web] = (await renderWebCodecs('/in/picture.png', [full], 'web-1080p')) as [string];
    [wasm] = (await renderWasm('/in/picture.png', [full], 'wasm-1080p')) as [string];
  });

  it('has the exact frame count, the plan size and rate, BT.709 limited-range tags', async () => {
    expect(await videoStream(web)).toMatchObject({
      codec_name: 'h264',
      profile: 'High',
      pix_fmt: 'yuv420p',
      color_range: 'tv',
      color_space: 'bt709',
      color_transfer: 'bt709',
      color_primaries: 'bt709',
      width: full.width,
      height: full.height,
      r_frame_rate: `${full.fps}/1`,
      avg_frame_rate: `${full.fps}/1`,
      nb_read_frames: String(full.frames),
    });
    // BT.709 (code 1) and limited range in the stream itself, which decoders and players trust first.
    expect(await spsColour(web)).toEqual({
      video_full_range_flag: 0,
      colour_primaries: 1,
      transfer_characteristics: 1,
      matrix_coefficients: 1,
    });
  });

  it('has the codec parameters of the ffmpeg.wasm clip of the same plan', async () => {
    const pick = (stream: Record<string, unknown>) => {
      const keys = ['codec_name', 'profile', 'level', 'pix_fmt', 'color_range', 'color_space', 'color_transfer'];
      const more = ['color_primaries', 'width', 'height', 'time_base', 'r_frame_rate', 'nb_read_frames', 'start_pts'];
      return Object.fromEntries([...keys, ...more].map((key) => [key, stream[key]]));
    };
    expect(pick(await videoStream(web))).toEqual(pick(await videoStream(wasm)));
  });

  it('starts with a keyframe and decodes without an error', async () => {
    expect((await keyframes(web))[0]).toBe(0);
    expect(await decodeErrors(web)).toBe('');
  });

  it(`shows the same picture as the ffmpeg.wasm clip (PSNR >= ${MIN_PSNR_DB} dB, SSIM >= ${MIN_SSIM})`, async () => {
    expect(await psnr(web, wasm)).toBeGreaterThanOrEqual(MIN_PSNR_DB);
    expect(await ssim(web, wasm)).toBeGreaterThanOrEqual(MIN_SSIM);
  });
});

describe.each([
  { format: 'youtube' as const, kind: 'pan-left' as const },
  { format: 'tiktok' as const, kind: 'zoom-in' as const },
])('smoothness of a WebCodecs clip, $format $kind', ({ format, kind }) => {
  it(`moves the dot with jitter_rms_px <= ${JITTER_BAR_PX} at full size`, async () => {
    const [file] = (await renderWebCodecs(`/in/${DOTS[format]}`, [plan(kind, format, 4)], `dot-${format}`)) as [string];
    const measured = await jitter(file);
    expect(measured).toMatchObject({ frames: 120, missing: 0 });
    expect(measured.rms).toBeLessThanOrEqual(JITTER_BAR_PX);
  });
});

describe('a final video from clips of both engines', () => {
  // Three scenes of a half-size video: ffmpeg.wasm, WebCodecs, ffmpeg.wasm.
  const ends = [1.1, 2.3, 3.2];
  const plans = ends.map((end, index) =>
    planMotion({ index, start: index ? (ends[index - 1] as number) : 0, end }, 'youtube', { scale: 0.5 }),
  );
  const frames = plans.map((p) => p.frames);
  const total = frames.reduce((sum, n) => sum + n, 0);
  let clips: string[];
  let final: string;
  let narration: string;

  beforeAll(async () => {
    narration = join(harness.inputs, 'narration.wav');
    const wasm = await renderWasm('/in/picture.png', [plans[0], plans[2]] as RenderPlan[], 'mixed-wasm');
    const [web] = await renderWebCodecs('/in/picture.png', [plans[1] as RenderPlan], 'mixed-web');
    clips = [wasm[0], web, wasm[1]] as string[];
    // The app's own final assembly in ffmpeg.wasm (concat demuxer, video stream copy) with a narration.
    await nativeFfmpeg(['-f', 'lavfi', '-i', `sine=frequency=440:duration=${total / 30}`, '-ac', '1', narration]);
    const bytes = clips.map((clip) => readFileSync(clip).toString('base64'));
    const result = await harness.page.evaluate(([c, f]) => window.wc.assemble(c, f, '/in/narration.wav', 30), [
      bytes,
      frames,
    ] as const);
    final = join(OUT, 'mixed-final.mp4');
    writeFileSync(final, Buffer.from(result, 'base64'));
  });

  it('decodes with no error and has the sum of the clips frames, a keyframe at each scene start', async () => {
    expect(await decodeErrors(final)).toBe('');
    expect((await videoStream(final)).nb_read_frames).toBe(String(total));
    const starts = [0, frames[0] as number, (frames[0] as number) + (frames[1] as number)];
    expect(await keyframes(final)).toEqual(expect.arrayContaining(starts));
  });

  it('shows every frame of every clip exactly as the clip alone decodes it (the video was copied)', async () => {
    const alone = (await Promise.all(clips.map(frameHashes))).flat();
    expect(alone).toHaveLength(total);
    expect(await frameHashes(final)).toEqual(alone);
  });
});

describe("the app's render pool picks the engine per clip", () => {
  const small = [planMotion({ index: 0, start: 0, end: 1 }, 'youtube', { scale: 0.25 })];

  afterAll(async () => {
    await harness.page.evaluate(() => window.vf.reset(undefined, 'ffmpeg'));
  });

  it('renders with the browser encoder in auto, with ffmpeg.wasm when the setting says so', async () => {
    for (const [choice, engine] of [
      ['auto', 'webcodecs'],
      ['ffmpeg', 'ffmpeg'],
      ['webcodecs', 'webcodecs'],
    ] as const) {
      const result = await harness.page.evaluate(
        async ([c, p]) => {
          window.vf.reset(1, c);
          return window.vf.clips(['/in/picture.png'], p);
        },
        [choice, small] as const,
      );
      expect(result.engines).toEqual([engine]);
      const [clip] = save(result.clips, `pool-${choice}`);
      expect((await videoStream(clip as string)).nb_read_frames).toBe(String(small[0]?.frames));
      // The WebCodecs clip carries its parameter sets in-band (avc3), the x264 one is plain avc1.
      expect((await videoStream(clip as string)).codec_tag_string).toBe(engine === 'webcodecs' ? 'avc3' : 'avc1');
    }
  });

  it('writes a clip into its file on disk as it is encoded: the frames made in memory, the index first', async () => {
    const rendered = await harness.page.evaluate(async (p) => {
      window.vf.reset(1, 'webcodecs');
      const inMemory = await window.vf.clips(['/in/picture.png'], p);
      const onDisk = await window.vf.clips(['/in/picture.png'], p, true, true);
      return { inMemory, onDisk, files: await window.vf.clipFiles() };
    }, small);
    expect(rendered.onDisk.engines).toEqual(['webcodecs']);
    const [memoryClip] = save(rendered.inMemory.clips, 'memory');
    const [diskClip] = save(rendered.onDisk.clips, 'disk');
    expect(rendered.files).toEqual(['clip0.mp4']);
    expect(await decodeErrors(diskClip as string)).toBe('');
    expect(await frameHashes(diskClip as string)).toEqual(await frameHashes(memoryClip as string));
    // The index (moov) before the samples (mdat), as in the x264 clips: the file starts playing at once.
    const boxes = topBoxes(diskClip as string);
    expect(boxes.indexOf('moov')).toBeGreaterThan(-1);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
  });

  it('leaves no unfinished file on disk when neither engine can make a clip', async () => {
    writeFileSync(join(harness.inputs, 'broken.png'), Buffer.from('\x89PNG\r\n\x1a\nnot really a picture'));
    const result = await harness.page.evaluate(async (p) => {
      window.vf.reset(1, 'auto');
      return { ...(await window.vf.failingClips(['/in/broken.png'], p, true)), files: await window.vf.clipFiles() };
    }, small);
    expect(result.engines).toEqual(['webcodecs', 'ffmpeg']);
    expect(result.outcomes).toEqual(['UnreadableImageError']);
    expect(result.files).toEqual([]);
  });

  it('falls back to ffmpeg.wasm for a clip the fast path fails on (here, an image it cannot decode)', async () => {
    writeFileSync(join(harness.inputs, 'broken.png'), Buffer.from('\x89PNG\r\n\x1a\nnot really a picture'));
    const result = await harness.page.evaluate(async (p) => {
      window.vf.reset(1, 'auto');
      return window.vf.failingClips(['/in/broken.png'], p);
    }, small);
    // Both engines tried it: the error is ffmpeg.wasm's verdict on the image, which the app explains.
    expect(result.engines).toEqual(['webcodecs', 'ffmpeg']);
    expect(result.outcomes).toEqual(['UnreadableImageError']);
  });
});
