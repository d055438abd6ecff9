// The caption choice per format: defaults, remembered per format, and anything unreadable ignored.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captionChoiceKey, rememberCaptionStyle, rememberedCaptionStyle } from './caption-choice';
import { stubBlockedStorage, stubLocalStorage } from './storage.fixture';

describe('caption choice', () => {
  let items: Map<string, string>;
  beforeEach(() => {
    items = stubLocalStorage();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('offers word by word for TikTok and Square and none for YouTube until a choice is made', () => {
    expect(['tiktok', 'square', 'youtube'].map((f) => rememberedCaptionStyle(f as 'tiktok'))).toEqual([
      'word',
      'word',
      'none',
    ]);
  });

  it('remembers the last choice of each format separately', () => {
    rememberCaptionStyle('youtube', 'classic');
    rememberCaptionStyle('tiktok', 'karaoke');
    rememberCaptionStyle('tiktok', 'none');
    expect(rememberedCaptionStyle('youtube')).toBe('classic');
    expect(rememberedCaptionStyle('tiktok')).toBe('none');
    expect(rememberedCaptionStyle('square')).toBe('word');
  });

  it('ignores a stored value it does not know, and works where storage throws', () => {
    items.set(captionChoiceKey('square'), 'sparkles');
    expect(rememberedCaptionStyle('square')).toBe('word');
    stubBlockedStorage();
    expect(() => rememberCaptionStyle('tiktok', 'classic')).not.toThrow();
    expect(rememberedCaptionStyle('tiktok')).toBe('word');
  });
});
