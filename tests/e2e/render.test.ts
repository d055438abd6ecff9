// The render engine in real Chromium: three odd-length scenes with narration, in 16:9 and 9:16,
// checked with ffprobe/ffmpeg; audio copied bit-for-bit or re-encoded to AAC; probe, compact copy, cancel.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './harness';
import { openHarness, type HarnessSession } from './render-harness/session';
import {
  audioBitrate,
  audioPacketHashes,
  ffprobe,
  fitAudio,
  keyframes,
  makeImage,
  pcm,
  sceneCuts,
  speak,
  topLevelBoxes,
  transcode,
  type Probe,
} from '../support/media';

const OUT = join(ROOT, 'test-results/render');
const ENDS = [5.23, 13.14, 19.51];
/** round(end * 30) of each boundary: the planned cuts and the total. */
const CUT_FRAMES = [157, 394];
const TOTAL_FRAMES = 585;
const NARRATION =
  'Once upon a time, a small red fox lived at the edge of a quiet forest. Every morning she walked ' +
  'down to the river to watch the light on the water. One day she found a tiny boat made of bark, ' +
  'and she decided to follow the river all the way to the sea.';

let harness: HarnessSession;

function save(name: string, base64: string): string {
  const path = join(OUT, name);
  writeFileSync(path, Buffer.from(base64, 'base64'));
  return path;
}

function stream(probe: Probe, type: 'audio' | 'video') {
  const found = probe.streams.find((s) => s.codec_type === type);
  if (!found) throw new Error(`no ${type} stream`);
  return found;
}

/** Pearson correlation of two signals over their common length. */
function correlation(a: Int16Array, b: Int16Array): number {
  const n = Math.min(a.length, b.length);
  let sa = 0,
    sb = 0,
    saa = 0,
    sbb = 0,
    sab = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    sa += x;
    sb += y;
    saa += x * x;
    sbb += y * y;
    sab += x * y;
  }
  return (sab - (sa * sb) / n) / Math.sqrt((saa - (sa * sa) / n) * (sbb - (sb * sb) / n));
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  harness = await openHarness();
  const input = (name: string) => join(harness.inputs, name);
  await speak(NARRATION, input('speech.wav'), { wpm: 150 });
  await fitAudio(input('speech.wav'), 19.51, input('narration.wav'));
  await transcode(input('narration.wav'), input('narration.m4a'), ['-c:a', 'aac', '-b:a', '96k']);
  await transcode(input('narration.wav'), input('narration-stereo.wav'), ['-ac', '2', '-ar', '44100']);
  await fitAudio(input('speech.wav'), 19.3, input('narration-short.wav'));
  await transcode(input('narration.wav'), input('narration.mp3'), ['-c:a', 'libmp3lame', '-b:a', '128k']);
  await transcode(input('narration.wav'), input('narration.ogg'), ['-c:a', 'libopus']);
  await transcode(input('narration.wav'), input('narration.flac'), ['-c:a', 'flac']);
  await transcode(input('narration.wav'), input('narration-alac.m4a'), ['-c:a', 'alac']);
  // A phone video: a picture track plus the narration as AAC.
  await transcode(input('narration.m4a'), input('phone.mp4'), [
    ...['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=30', '-map', '1:v', '-map', '0:a'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'copy', '-shortest'],
  ]);
  await transcode(input('narration.wav'), input('live.webm'), ['-c:a', 'libopus', '-f', 'webm', '-live', '1']);
  await makeImage('color=c=0xd03020', 300, 200, input('red.png'));
  await makeImage('testsrc2', 800, 600, input('pattern.png'));
  await makeImage('mandelbrot', 640, 900, input('fractal.jpg'));
});

afterAll(async () => {
  expect(harness?.errors ?? []).toEqual([]);
  await harness?.close();
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
    const planned = [157, 237, 191];
    for (const [i, clip] of result.clips.entries()) {
      const file = save(`${format}-clip${i}.mp4`, clip);
      const video = stream(await ffprobe(file, true), 'video');
      expect(video.nb_read_frames).toBe(String(planned[i]));
      expect((await keyframes(file))[0]).toBe(0);
    }
  });

  it('is H.264 High yuv420p at 30 fps with exactly round(duration * 30) frames', async () => {
    const probe = await ffprobe(final, true);
    expect(probe.streams).toHaveLength(2);
    const video = stream(probe, 'video');
    expect(video).toMatchObject({ codec_name: 'h264', profile: 'High', pix_fmt: 'yuv420p', width, height });
    expect(video.r_frame_rate).toBe('30/1');
    expect(video.nb_read_frames).toBe(String(TOTAL_FRAMES));
  });

  it('lasts as long as the audio, within one frame, with moov first (+faststart)', async () => {
    const probe = await ffprobe(final);
    const audioDuration = Number((await ffprobe(join(harness.inputs, audio))).format.duration);
    expect(Math.abs(Number(probe.format.duration) - audioDuration)).toBeLessThanOrEqual(1 / 30);
    expect(Math.abs(Number(stream(probe, 'video').duration) - audioDuration)).toBeLessThanOrEqual(1 / 30);
    const { readFileSync } = await import('node:fs');
    const boxes = topLevelBoxes(readFileSync(final));
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
  });

  it('cuts to the next picture exactly on the planned frames, each a keyframe', async () => {
    const cuts = await sceneCuts(final);
    expect(cuts.map((t) => Math.round(t * 30))).toEqual(CUT_FRAMES);
    const keys = await keyframes(final);
    expect(keys).toEqual(expect.arrayContaining([0, ...CUT_FRAMES]));
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
      expect(stream(await ffprobe(final), 'audio').codec_name).toBe('aac');
      expect(await audioPacketHashes(final)).toBe(await audioPacketHashes(join(harness.inputs, audio)));
    });
  } else {
    it('encodes WAV narration to AAC of at least 192 kb/s that sounds the same', async () => {
      const audioStream = stream(await ffprobe(final), 'audio');
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

describe('audio of every kind', () => {
  it.each([
    ['narration.mp3', 'mp3'],
    ['narration.ogg', 'opus'],
    ['narration.flac', 'flac'],
    ['phone.mp4', 'aac'],
  ])('copies %s into the MP4 untouched (%s)', async (file, codec) => {
    const result = await harness.page.evaluate((url) => window.vf.assemble(url), `/in/${file}`);
    if ('error' in result) throw new Error(result.error.message);
    const final = save(`copy-${file}.mp4`, result.final);
    const probe = await ffprobe(final, true);
    expect(stream(probe, 'audio').codec_name).toBe(codec);
    expect(stream(probe, 'video').nb_read_frames).toBe(String(TOTAL_FRAMES));
    expect(await audioPacketHashes(final)).toBe(await audioPacketHashes(join(harness.inputs, file)));
    // And it sounds as long: the decoded audio matches within a frame (containers trim priming differently).
    const original = await pcm(join(harness.inputs, file), 22050);
    expect(Math.abs((await pcm(final, 22050)).length - original.length)).toBeLessThan(22050 / 30);
  });

  it('cuts the video to audio a few frames shorter than the scenes', async () => {
    const result = await harness.page.evaluate(() => window.vf.assemble('/in/narration-short.wav'));
    if ('error' in result) throw new Error(result.error.message);
    const probe = await ffprobe(save('short.mp4', result.final), true);
    expect(stream(probe, 'video').nb_read_frames).toBe(String(Math.round(19.3 * 30)));
    expect(Number(probe.format.duration)).toBeCloseTo(19.3, 1);
    // The cut happens on the video side only: all of the audio is there.
    const original = await pcm(join(harness.inputs, 'narration-short.wav'), 22050);
    expect(Math.abs((await pcm(join(OUT, 'short.mp4'), 22050)).length - original.length)).toBeLessThan(22050 / 30);
  });

  it('re-encodes ALAC (which Chromium cannot play from MP4) to AAC, and the result plays', async () => {
    const result = await harness.page.evaluate(() => window.vf.assemble('/in/narration-alac.m4a'));
    if ('error' in result) throw new Error(result.error.message);
    const audio = stream(await ffprobe(save('alac.mp4', result.final)), 'audio');
    expect(audio.codec_name).toBe('aac');
    expect((await harness.page.evaluate(() => window.vf.play())).framesShown).toBeGreaterThan(5);
  });

  it('refuses audio whose length does not match the scenes, rather than drift out of sync', async () => {
    const result = await harness.page.evaluate(() => window.vf.assemble('/in/speech.wav'));
    expect(result).toMatchObject({ error: { name: 'TimelineMismatchError' } });
    expect('error' in result && result.error.message).toMatch(/585 frames but the audio lasts \d+\.\d+ s/);
  });
});

describe('probe', () => {
  it.each([
    ['narration.wav', 'pcm_s16le', 22050, 1],
    ['narration.m4a', 'aac', 22050, 1],
    ['narration.mp3', 'mp3', 22050, 1],
    ['phone.mp4', 'aac', 22050, 1],
    ['live.webm', 'opus', 48000, 1],
  ])('reads %s: codec, rate, channels and duration', async (file, codec, sampleRate, channels) => {
    const result = await harness.page.evaluate((url) => window.vf.probe(url), `/in/${file}`);
    if (!('info' in result) || !result.info) throw new Error(JSON.stringify(result));
    expect(result.info).toMatchObject({ codec, sampleRate, channels });
    expect(result.info.duration).toBeGreaterThan(19.4);
    expect(result.info.duration).toBeLessThan(19.6);
  });

  it('says clearly when a file has no audio or is not media', async () => {
    await makeImage('testsrc2', 64, 48, join(harness.inputs, 'still.png'));
    writeFileSync(
      join(harness.inputs, 'notes.bin'),
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)),
    );
    const still = await harness.page.evaluate(() => window.vf.probe('/in/still.png', 'holiday.png'));
    expect(still).toMatchObject({
      error: { name: 'NoAudioStreamError', message: expect.stringMatching(/holiday.png has no audio/) },
    });
    const text = await harness.page.evaluate(() => window.vf.probe('/in/notes.bin', 'notes.bin'));
    expect(text).toMatchObject({
      error: {
        name: 'UnreadableMediaError',
        message: expect.stringMatching(/notes.bin could not be read as audio or video/),
      },
    });
  });
});

it('makes a 16 kHz mono Opus copy for transcription', async () => {
  const compact = await harness.page.evaluate(() => window.vf.compact('/in/narration.wav'));
  expect(compact).toMatchObject({ fileName: 'audio.ogg', mimeType: 'audio/ogg' });
  const file = save('compact.ogg', compact.bytes);
  const probe = await ffprobe(file);
  expect(stream(probe, 'audio')).toMatchObject({ codec_name: 'opus', channels: 1 });
  expect(Number(probe.format.duration)).toBeCloseTo(19.51, 1);
  expect(Buffer.from(compact.bytes, 'base64').length).toBeLessThan(120_000);
  expect(correlation(await pcm(join(harness.inputs, 'narration.wav'), 16000), await pcm(file, 16000))).toBeGreaterThan(
    0.9,
  );
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
