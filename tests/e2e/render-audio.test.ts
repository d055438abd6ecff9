// Audio in the render engine, in real Chromium: every codec MP4 can carry is copied bit-for-bit,
// others become AAC; probe, the compact copy for transcription, and audio that does not fit the scenes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectedFrames, soundDuration } from './final-video';
import { ROOT } from './harness';
import { ENDS, TOTAL_FRAMES, openNarrationHarness, saveBase64 } from './render-harness/narration';
import { sharedHarness } from './shared-rig';
import {
  audioPacketHashes,
  correlation,
  ffprobe,
  fitAudio,
  makeImage,
  pcm,
  streamOf,
  transcode,
} from '../support/media';

const OUT = join(ROOT, 'test-results/render-audio');

const harness = sharedHarness(() => openNarrationHarness(OUT));
const save = (name: string, base64: string) => saveBase64(OUT, name, base64);

beforeAll(async () => {
  const input = (name: string) => join(harness.inputs, name);
  await transcode(input('narration.wav'), input('narration.mp3'), ['-c:a', 'libmp3lame', '-b:a', '128k']);
  await transcode(input('narration.wav'), input('narration.ogg'), ['-c:a', 'libopus']);
  await transcode(input('narration.wav'), input('narration.flac'), ['-c:a', 'flac']);
  await transcode(input('narration.wav'), input('narration-alac.m4a'), ['-c:a', 'alac']);
  await fitAudio(input('speech.wav'), 19.3, input('narration-short.wav'));
  // A LAME VBR MP3: its header counts encoder delay and padding the decoded sound does not have.
  await transcode(input('narration-short.wav'), input('short-vbr.mp3'), ['-c:a', 'libmp3lame', '-q:a', '4']);
  // A phone video: a picture track plus the narration as AAC.
  await transcode(input('narration.m4a'), input('phone.mp4'), [
    ...['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=30', '-map', '1:v', '-map', '0:a'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'copy', '-shortest'],
  ]);
  await transcode(input('narration.wav'), input('live.webm'), ['-c:a', 'libopus', '-f', 'webm', '-live', '1']);
  // Tiny clips for the three scenes: these tests are about the audio.
  await makeImage('testsrc2', 320, 180, input('pattern.png'));
  const spec = { audio: '/in/narration.wav', images: ['/in/pattern.png'], ends: ENDS, format: 'youtube' as const };
  await harness.page.evaluate((s) => window.vf.clips(s.images, window.vf.plans(s), false), {
    ...spec,
    plan: { scale: 0.1 },
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
    expect(streamOf(probe, 'audio').codec_name).toBe(codec);
    expect(streamOf(probe, 'video').nb_read_frames).toBe(String(TOTAL_FRAMES));
    expect(await audioPacketHashes(final)).toBe(await audioPacketHashes(join(harness.inputs, file)));
    // And it sounds as long: the decoded audio matches within a frame (containers trim priming differently).
    const original = await pcm(join(harness.inputs, file), 22050);
    expect(Math.abs((await pcm(final, 22050)).length - original.length)).toBeLessThan(22050 / 30);
  });

  it('cuts the video to audio a few frames shorter than the scenes', async () => {
    const result = await harness.page.evaluate(() => window.vf.assemble('/in/narration-short.wav'));
    if ('error' in result) throw new Error(result.error.message);
    const probe = await ffprobe(save('short.mp4', result.final), true);
    expect(streamOf(probe, 'video').nb_read_frames).toBe(String(Math.round(19.3 * 30)));
    expect(Number(probe.format.duration)).toBeCloseTo(19.3, 1);
    // The cut happens on the video side only: all of the audio is there.
    const original = await pcm(join(harness.inputs, 'narration-short.wav'), 22050);
    expect(Math.abs((await pcm(join(OUT, 'short.mp4'), 22050)).length - original.length)).toBeLessThan(22050 / 30);
  });

  it('times the video from the sound of a gapless VBR MP3, not its padded header', async () => {
    const file = join(harness.inputs, 'short-vbr.mp3');
    const stated = Number((await ffprobe(file)).format.duration);
    const sound = await soundDuration(file);
    // The case in point: the header's extra ~50 ms would make more frames than the sound has.
    expect(Math.round(stated * 30)).toBeGreaterThan(Math.round(sound * 30));
    const probed = await harness.page.evaluate(() => window.vf.probe('/in/short-vbr.mp3'));
    if (!('info' in probed) || !probed.info) throw new Error(JSON.stringify(probed));
    expect(probed.info.duration).toBeCloseTo(sound, 3);
    const result = await harness.page.evaluate(() => window.vf.assemble('/in/short-vbr.mp3'));
    if ('error' in result) throw new Error(result.error.message);
    const probe = await ffprobe(save('short-vbr.mp4', result.final), true);
    expect(streamOf(probe, 'audio').codec_name).toBe('mp3');
    expect(Number(streamOf(probe, 'video').nb_read_frames)).toBe(await expectedFrames(file, 30));
    expect(Number(streamOf(probe, 'video').nb_read_frames)).toBe(Math.round(19.3 * 30));
  });

  it('re-encodes ALAC (which Chromium cannot play from MP4) to AAC, and the result plays', async () => {
    const result = await harness.page.evaluate(() => window.vf.assemble('/in/narration-alac.m4a'));
    if ('error' in result) throw new Error(result.error.message);
    const audio = streamOf(await ffprobe(save('alac.mp4', result.final)), 'audio');
    expect(audio.codec_name).toBe('aac');
    expect((await harness.page.evaluate(() => window.vf.play())).framesShown).toBeGreaterThan(5);
  });

  it.each([
    ['narration.mp3', 'copied'],
    ['narration-alac.m4a', 're-encoded to AAC'],
  ])('writes the same MP4 straight to disk as in memory (%s, audio %s)', async (file) => {
    const url = `/in/${file}`;
    const inMemory = await harness.page.evaluate((u) => window.vf.assemble(u), url);
    const onDisk = await harness.page.evaluate((u) => window.vf.assemble(u, undefined, true), url);
    if ('error' in inMemory) throw new Error(inMemory.error.message);
    if ('error' in onDisk) throw new Error(onDisk.error.message);
    expect(onDisk.onDisk).toBe(Buffer.from(onDisk.final, 'base64').length);
    expect(onDisk.final).toBe(inMemory.final);
    // ffmpeg's second pass (+faststart) read the file back from disk: the index comes first.
    const probe = await ffprobe(save(`disk-${file}.mp4`, onDisk.final), true);
    expect(streamOf(probe, 'video').nb_read_frames).toBe(String(TOTAL_FRAMES));
    expect(Buffer.from(onDisk.final, 'base64').subarray(0, 64).includes('moov')).toBe(true);
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
  expect(streamOf(probe, 'audio')).toMatchObject({ codec_name: 'opus', channels: 1 });
  expect(Number(probe.format.duration)).toBeCloseTo(19.51, 1);
  expect(Buffer.from(compact.bytes, 'base64').length).toBeLessThan(120_000);
  expect(correlation(await pcm(join(harness.inputs, 'narration.wav'), 16000), await pcm(file, 16000))).toBeGreaterThan(
    0.9,
  );
});

it('reads clips kept on disk from their files there, and a clip whose file it cannot open from its Blob', async () => {
  const spec = { audio: '/in/narration.wav', images: ['/in/pattern.png'], ends: ENDS, format: 'youtube' as const };
  await harness.page.evaluate((s) => window.vf.clips(s.images, window.vf.plans(s), false, true), {
    ...spec,
    plan: { scale: 0.1 },
  });
  const asMade = await harness.page.evaluate(() => window.vf.assemble('/in/narration.mp3'));
  if ('error' in asMade) throw new Error(asMade.error.message);
  // Each clip's Blob is zeros now: the same MP4 can only come from the files on disk.
  const fromDisk = await harness.page.evaluate(() => window.vf.assembleFromDiskOnly('/in/narration.mp3', 'kept'));
  if ('error' in fromDisk) throw new Error(fromDisk.error.message);
  expect(fromDisk.final).toBe(asMade.final);
  expect(Number(streamOf(await ffprobe(save('from-disk.mp4', fromDisk.final), true), 'video').nb_read_frames)).toBe(
    TOTAL_FRAMES,
  );
  // With the files gone, the engine reads the Blobs, whose zeros are no video.
  const lost = await harness.page.evaluate(() => window.vf.assembleFromDiskOnly('/in/narration.mp3', 'lost'));
  expect(lost).toMatchObject({ error: { name: 'FfmpegExitError' } });
});
