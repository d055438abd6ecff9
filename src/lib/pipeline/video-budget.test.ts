import { describe, expect, it } from 'vitest';
import { finalAudioBytes, MAX_OUTPUT_BYTES, MIN_VIDEO_KBPS, RATE_OVERSHOOT, videoKbpsBudget } from './video-budget';

const hours = (h: number) => h * 3600;

describe('videoKbpsBudget', () => {
  it('leaves a short recording far above the usual 1080p cap, a three-hour one within the heap', () => {
    const tenMinutes = { duration: 600, size: 9.6e6, codec: 'mp3' };
    expect(videoKbpsBudget(tenMinutes)).toBeGreaterThan(3110 * 4);
    for (const audio of [
      { duration: hours(3), size: hours(3) * 16_000, codec: 'mp3' },
      { duration: hours(3), size: hours(3) * 176_400, codec: 'pcm_s16le' },
      { duration: hours(3), size: hours(3) * 40_000, codec: 'aac' },
    ]) {
      const kbps = videoKbpsBudget(audio);
      expect(kbps).toBeGreaterThan(MIN_VIDEO_KBPS);
      // Every clip running over its ceiling as far as x264 lets it, plus the audio, still fits.
      const video = (kbps * 1000 * audio.duration * RATE_OVERSHOOT) / 8;
      expect(video + finalAudioBytes(audio)).toBeLessThanOrEqual(MAX_OUTPUT_BYTES);
    }
  });

  it('counts copied audio at its size and re-encoded audio as AAC', () => {
    expect(finalAudioBytes({ duration: 100, size: 5e6, codec: 'flac' })).toBe(5e6);
    // A file bigger than its stream (a video with sound) counts at most the copied-stream bound.
    expect(finalAudioBytes({ duration: 100, size: 5e9, codec: 'aac' })).toBe((100 * 1_500_000) / 8);
    expect(finalAudioBytes({ duration: 100, size: 17.6e6, codec: 'pcm_s16le' })).toBe((100 * 256_000) / 8);
  });
});
