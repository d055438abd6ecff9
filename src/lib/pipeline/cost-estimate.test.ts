import { describe, expect, it } from 'vitest';
import { estimateCost, formatRange } from './cost-estimate';
import { segmentTranscript } from './segment';

describe('what a recording will buy, from its length', () => {
  it('a 40 s narration: about six scenes, so six images and seven prompt requests (one writes the guide)', () => {
    const cost = estimateCost(40);
    expect(cost.scenes).toEqual({ low: 5, likely: 6, high: 8 });
    expect(cost.images).toEqual(cost.scenes);
    expect(cost.prompts).toEqual({ low: 6, likely: 7, high: 9 });
    expect(cost).toMatchObject({ transcriptions: 1, guideRequests: 1 });
  });

  it('a short clip is one scene; an hour reads its guide in pieces', () => {
    expect(estimateCost(3).scenes).toEqual({ low: 1, likely: 1, high: 1 });
    expect(estimateCost(Number.NaN).scenes).toEqual({ low: 1, likely: 1, high: 1 });
    const hour = estimateCost(3600);
    expect(hour.scenes).toEqual({ low: 450, likely: 554, high: 720 });
    expect(hour.guideRequests).toBe(6);
  });

  it('brackets the scenes the segmenter really makes of steady speech', () => {
    for (const duration of [12, 33, 61, 125]) {
      const words = Array.from({ length: Math.floor(duration / 0.4) }, (_, i) => ({
        word: i % 12 === 11 ? 'end.' : 'word',
        start: i * 0.4,
        end: i * 0.4 + 0.3,
      }));
      const made = segmentTranscript(words, { duration, fps: 30 }).length;
      const { low, high } = estimateCost(duration).scenes;
      expect(made, `${duration} s`).toBeGreaterThanOrEqual(low);
      expect(made, `${duration} s`).toBeLessThanOrEqual(high);
    }
  });

  it('says a range as people read it', () => {
    expect(formatRange({ low: 5, high: 5 })).toBe('5');
    expect(formatRange({ low: 4, high: 6 })).toBe('4 to 6');
  });
});
