import { describe, expect, it } from 'vitest';
import { checkAudioFile, checkProbe, extensionOf } from './audio-file';

describe('checkAudioFile', () => {
  it('accepts audio and video types, and known extensions when the browser guessed no type', () => {
    expect(checkAudioFile({ name: 'talk.mp3', type: 'audio/mpeg', size: 10 })).toBeUndefined();
    expect(checkAudioFile({ name: 'clip.mov', type: 'video/quicktime', size: 10 })).toBeUndefined();
    expect(checkAudioFile({ name: 'voice.OPUS', type: '', size: 10 })).toBeUndefined();
  });

  it('refuses empty files and files that are not audio, saying why', () => {
    expect(checkAudioFile({ name: 'a.wav', type: 'audio/wav', size: 0 })).toMatch(/“a.wav” is empty/);
    expect(checkAudioFile({ name: 'notes.txt', type: 'text/plain', size: 5 })).toMatch(
      /“notes.txt” \(text\/plain\) is not an audio file/,
    );
  });
});

describe('checkProbe', () => {
  it('refuses unreadable, too short and too long recordings', () => {
    expect(checkProbe('x.mp3', { duration: Number.NaN })).toMatch(/no playable audio/);
    expect(checkProbe('x.mp3', { duration: 0.4 })).toMatch(/shorter than a second/);
    expect(checkProbe('x.mp3', { duration: 4 * 3600 })).toMatch(/lasts 4.0 hours; .* up to 3 hours/);
    expect(checkProbe('x.mp3', { duration: 40 })).toBeUndefined();
  });

  it('reads extensions case-insensitively', () => {
    expect(extensionOf('A.B.M4A')).toBe('m4a');
    expect(extensionOf('noext')).toBe('');
  });
});
