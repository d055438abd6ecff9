// The video engine setting: Automatic until chosen, remembered, anything unreadable ignored.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ENGINE_CHOICE_KEY, rememberEngineChoice, rememberedEngineChoice } from './engine-choice';
import { stubBlockedStorage, stubLocalStorage } from './storage.fixture';

describe('engine choice', () => {
  let items: Map<string, string>;
  beforeEach(() => {
    items = stubLocalStorage();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('is Automatic until a choice is made, then the last choice', () => {
    expect(rememberedEngineChoice()).toBe('auto');
    rememberEngineChoice('ffmpeg');
    expect(rememberedEngineChoice()).toBe('ffmpeg');
    rememberEngineChoice('webcodecs');
    expect(rememberedEngineChoice()).toBe('webcodecs');
  });

  it('ignores a stored value it does not know, and works where storage throws', () => {
    items.set(ENGINE_CHOICE_KEY, 'gpu');
    expect(rememberedEngineChoice()).toBe('auto');
    stubBlockedStorage();
    expect(() => rememberEngineChoice('ffmpeg')).not.toThrow();
    expect(rememberedEngineChoice()).toBe('auto');
  });
});
