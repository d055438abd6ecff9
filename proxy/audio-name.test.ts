import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { speak, transcode } from '../tests/support/media';
import { groqFilename } from './audio-name';

let dir: string;
const files: Record<string, Uint8Array> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'audio-name-'));
  await speak('One two three.', join(dir, 'a.wav'));
  const outputs: [string, string[]][] = [
    ['a.mp3', []],
    ['a.m4a', ['-c:a', 'aac']],
    ['a.ogg', ['-c:a', 'libvorbis']],
    ['a.opus', ['-c:a', 'libopus']],
    ['a.webm', ['-c:a', 'libopus']],
    ['a.flac', []],
    ['a.aac', ['-c:a', 'aac', '-f', 'adts']],
  ];
  for (const [name, args] of outputs) await transcode(join(dir, 'a.wav'), join(dir, name), args);
  for (const name of ['a.wav', ...outputs.map(([name]) => name)]) files[name] = await readFile(join(dir, name));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('groqFilename', () => {
  it.each([
    ['a.wav', 'audio.wav'],
    ['a.mp3', 'audio.mp3'],
    ['a.m4a', 'audio.m4a'],
    ['a.ogg', 'audio.ogg'],
    ['a.opus', 'audio.opus'],
    ['a.webm', 'audio.webm'],
    ['a.flac', 'audio.flac'],
  ])('names %s by its content, whatever the browser called it', async (name, expected) => {
    expect(await groqFilename(files[name]!, 'application/octet-stream', 'recording.weba')).toBe(expected);
  });

  it('falls back to the declared type, then to an accepted extension, for bytes it cannot identify', async () => {
    const unknown = new Uint8Array(64).fill(1);
    expect(await groqFilename(unknown, 'audio/x-m4a', 'voice')).toBe('audio.m4a');
    expect(await groqFilename(unknown, '', 'take 3.MP3')).toBe('audio.mp3');
  });

  it('refuses raw AAC, images and unknown files with a 415 listing what works', async () => {
    await expect(groqFilename(files['a.aac']!, 'audio/aac', 'a.aac')).rejects.toMatchObject({
      status: 415,
      code: 'unsupported_audio_format',
      message: expect.stringContaining('FLAC, MP3, M4A') as unknown,
    });
    const png = await readFile(new URL('../tests/fixtures/dot.png', import.meta.url));
    await expect(groqFilename(png, 'audio/mpeg', 'a.mp3')).rejects.toMatchObject({ status: 415 });
    await expect(groqFilename(new Uint8Array(64), '', 'notes.txt')).rejects.toThrow(/notes\.txt/);
  });
});
