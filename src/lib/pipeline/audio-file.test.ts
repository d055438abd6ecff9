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
  const mp3 = (seconds: number) => ({ name: 'x.mp3', size: seconds * 16_000 });

  it('refuses unreadable, too short and too long recordings', () => {
    expect(checkProbe(mp3(1), { duration: Number.NaN, codec: 'mp3' })).toMatch(/no playable audio/);
    expect(checkProbe(mp3(1), { duration: 0.4, codec: 'mp3' })).toMatch(/shorter than a second/);
    expect(checkProbe(mp3(4 * 3600), { duration: 4 * 3600, codec: 'mp3' })).toMatch(
      /lasts 4.0 hours; .* up to 3 hours/,
    );
    expect(checkProbe(mp3(40), { duration: 40, codec: 'mp3' })).toBeUndefined();
    // Three hours of 128 kb/s MP3, or of WAV (encoded to AAC), leave room for the pictures.
    expect(checkProbe(mp3(3 * 3600), { duration: 3 * 3600, codec: 'mp3' })).toBeUndefined();
    const wav = { name: 'x.wav', size: 3 * 3600 * 176_400 };
    expect(checkProbe(wav, { duration: 3 * 3600, codec: 'pcm_s16le' })).toBeUndefined();
  });

  it('takes lossless sound of any size up to three hours: the video is written to disk, not memory', () => {
    const flac = { name: 'talk.flac', size: 3 * 3600 * 130_000 };
    expect(checkProbe(flac, { duration: 3 * 3600, codec: 'flac' })).toBeUndefined();
  });

  it('reads extensions case-insensitively', () => {
    expect(extensionOf('A.B.M4A')).toBe('m4a');
    expect(extensionOf('noext')).toBe('');
  });
});
