import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audioCut, cutAudioCodecArgs } from './audio-cut-args';

const run = promisify(execFile);
const RATE = 48_000;

/** Amplitude of `hz` in a stretch of samples (Goertzel), 0..1 of full scale. */
function tone(samples: Float32Array, hz: number): number {
  const k = (2 * Math.PI * hz) / RATE;
  let [a, b] = [0, 0];
  for (const x of samples) [a, b] = [x + 2 * Math.cos(k) * a - b, a];
  return (2 * Math.sqrt(a * a + b * b - 2 * Math.cos(k) * a * b)) / samples.length;
}

describe('the cut audio (Debian ffmpeg 5.1, as ffmpeg.wasm)', () => {
  let dir = '';
  // 2 s of 440 Hz "speech", a 0.5 s 1500 Hz "filler", 2 s of speech, 2 s of silence, 2 s of speech.
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cut-'));
    const part = (name: string, ...synth: string[]) =>
      run('sox', ['-n', '-r', String(RATE), '-c', '1', '-b', '16', join(dir, name), ...synth]);
    await part('speech.wav', 'synth', '2', 'sine', '440', 'vol', '0.5');
    await part('filler.wav', 'synth', '0.5', 'sine', '1500', 'vol', '0.5');
    await part('pause.wav', 'trim', '0', '2');
    const parts = ['speech', 'filler', 'speech', 'pause', 'speech'].map((p) => join(dir, `${p}.wav`));
    await run('sox', [...parts, join(dir, 'in.wav')]);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function cutOf(cuts: { start: number; end: number }[]): Promise<{ samples: Float32Array; duration: number }> {
    const cut = audioCut(cuts, 8.5, RATE, 0);
    const out = join(dir, 'out.raw');
    await run(
      'ffmpeg',
      ['-v', 'error', '-y', '-i', join(dir, 'in.wav'), '-filter_complex', cut.filter].concat([
        '-map',
        '[cut]',
        '-f',
        'f32le',
        '-ac',
        '1',
        out,
      ]),
    );
    const bytes = await readFile(out);
    return { samples: new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4), duration: cut.duration };
  }

  it('lasts exactly the kept samples, with the filler gone and the speech kept', async () => {
    const { samples, duration } = await cutOf([
      { start: 2, end: 2.5 },
      { start: 4.7, end: 6.3 },
    ]);
    expect(duration).toBeCloseTo(8.5 - 0.5 - 1.6, 9);
    expect(samples.length).toBe(Math.round(duration * RATE));
    const window = (from: number, to: number) => samples.subarray(Math.round(from * RATE), Math.round(to * RATE));
    // Around where the filler was (now the join at 2 s), no 1500 Hz; the speech is there on both sides.
    expect(tone(window(1.8, 2.2), 1500)).toBeLessThan(0.01);
    expect(tone(window(1.5, 1.95), 440)).toBeGreaterThan(0.4);
    expect(tone(window(2.05, 2.5), 440)).toBeGreaterThan(0.4);
    // The pause is 0.4 s now (4.0-4.4), and the last speech lasts its full 2 s to the end.
    expect(Math.max(...window(4.02, 4.38).map(Math.abs))).toBeLessThan(0.01);
    expect(tone(window(4.45, 6.4), 440)).toBeGreaterThan(0.4);
  });

  it('joins with a crossfade: no sample jumps more than the tone itself does', async () => {
    const { samples } = await cutOf([{ start: 1.013, end: 1.517 }]);
    const steepest = (2 * Math.PI * 440 * 0.5) / RATE;
    let worst = 0;
    // Around the join (1.013 s), inside the first speech: the only 440 Hz stretch of the cut.
    for (let i = Math.round(0.9 * RATE); i < 1.2 * RATE; i++)
      worst = Math.max(worst, Math.abs(samples[i]! - samples[i - 1]!));
    // A hard cut mid-cycle would jump by up to the full amplitude (0.5); the fade keeps it smooth.
    expect(worst).toBeLessThan(steepest * 1.5);
  });

  it('keeps lossless sound lossless and encodes anything else as AAC of at least 192 kb/s', () => {
    expect(cutAudioCodecArgs({ codec: 'flac', sampleRate: 44_100, channels: 2 })).toEqual(
      expect.arrayContaining(['-c:a', 'flac']),
    );
    const aac = cutAudioCodecArgs({ codec: 'mp3', sampleRate: 44_100, channels: 1 });
    expect(aac).toEqual(expect.arrayContaining(['-c:a', 'aac']));
    expect(parseInt(aac[aac.indexOf('-b:a') + 1]!, 10)).toBeGreaterThanOrEqual(192);
  });
});
