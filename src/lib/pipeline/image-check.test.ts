import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../../tests/support/media';
import { decodeImageArgs, decoderComplaint, unreadableImage } from './image-check';

const run = promisify(execFile);

/** Runs the arguments in Debian's ffmpeg (the same 5.1 decoders as ffmpeg.wasm): exit code and log. */
async function decode(path: string): Promise<{ code: number; log: string }> {
  try {
    const { stderr } = await run('ffmpeg', decodeImageArgs(path));
    return { code: 0, log: stderr };
  } catch (error) {
    const { code, stderr } = error as { code: number; stderr: string };
    return { code, log: stderr };
  }
}

describe('image check', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'voiceframe-image-check-'));
    await makeImage('testsrc2', 320, 180, join(dir, 'good.png'));
    const bytes = await readFile(join(dir, 'good.png'));
    // Still a PNG by its signature and header (what the proxy checks), but cut off mid-picture.
    await writeFile(join(dir, 'half.png'), bytes.subarray(0, bytes.length >> 1));
    await writeFile(join(dir, 'text.png'), 'not a picture at all');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('decodes a good image and refuses a truncated or fake one, saying why', async () => {
    expect((await decode(join(dir, 'good.png'))).code).toBe(0);
    const half = await decode(join(dir, 'half.png'));
    expect(half.code).not.toBe(0);
    expect(decoderComplaint(half.log)).toBe('png: chunk too big');
    const text = await decode(join(dir, 'text.png'));
    expect(text.code).not.toBe(0);
    expect(decoderComplaint(text.log)).toMatch(/^png: Invalid PNG signature/);
  });

  it('falls back to the last line, and names the scene counting from one', () => {
    expect(decoderComplaint('Error while decoding stream #0:0: Invalid data found when processing input.\n')).toBe(
      'Error while decoding stream #0:0: Invalid data found when processing input',
    );
    expect(decoderComplaint('')).toBe('unknown error');
    const error = unreadableImage(2, '[mjpeg @ 0x55d] overread 8\n', new Error('exit 1'));
    expect(error.name).toBe('UnreadableImageError');
    expect(error.message).toBe(
      'The image of scene 3 is damaged or not a picture ffmpeg can decode (mjpeg: overread 8).',
    );
  });
});
