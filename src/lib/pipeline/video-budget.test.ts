import { describe, expect, it } from 'vitest';
import { finalAudioBytes, finalVideoBytes, storageShortfall } from './video-budget';

const GB = 1e9;

describe('finalAudioBytes', () => {
  it('counts copied audio at its size and re-encoded audio as AAC', () => {
    expect(finalAudioBytes({ duration: 100, size: 5e6, codec: 'flac' })).toBe(5e6);
    // A file bigger than its stream (a video with sound) counts at most the copied-stream bound.
    expect(finalAudioBytes({ duration: 100, size: 5e9, codec: 'aac' })).toBe((100 * 1_500_000) / 8);
    expect(finalAudioBytes({ duration: 100, size: 17.6e6, codec: 'pcm_s16le' })).toBe((100 * 256_000) / 8);
  });

  it('counts cut MP3 as the AAC it is encoded to', () => {
    expect(finalAudioBytes({ duration: 100, size: 1.6e6, codec: 'mp3' }, true)).toBe((100 * 256_000) / 8);
  });
});

describe('finalVideoBytes', () => {
  it('is the clips plus the audio plus a little for the index, with no ceiling for long recordings', () => {
    const hourOfMp3 = { duration: 3600, size: 57.6e6, codec: 'mp3' };
    const bytes = finalVideoBytes(3 * GB, hourOfMp3);
    expect(bytes).toBeGreaterThan(3 * GB + 57.6e6);
    expect(bytes).toBeLessThan((3 * GB + 57.6e6) * 1.05);
  });
});

describe('storageShortfall', () => {
  it('says nothing when the quota has room, or when the browser does not tell', () => {
    expect(storageShortfall(2 * GB, { usage: 1 * GB, quota: 10 * GB })).toBeUndefined();
    expect(storageShortfall(2 * GB, undefined)).toBeUndefined();
    expect(storageShortfall(2 * GB, { usage: 0, quota: 0 })).toBeUndefined();
  });

  it('says plainly how much is needed, how much is free, and what to do', () => {
    expect(storageShortfall(2.14 * GB, { usage: 8.7 * GB, quota: 10 * GB })).toBe(
      'The video needs about 2.1 GB of browser storage and only 1.3 GB is free (this browser lets Voiceframe ' +
        'use 10 GB). Delete old projects or free disk space, then press Resume: the scenes made so far are kept.',
    );
    expect(storageShortfall(500e6, { usage: 11 * GB, quota: 10 * GB })).toMatch(/about 500 MB .* only 0.0 MB is free/);
  });
});
