import { describe, expect, it } from 'vitest';
import { NoAudioStreamError, TimelineMismatchError, UnreadableMediaError } from './errors';
import {
  assembleArgs,
  audibleDuration,
  audioCodecArgs,
  compactAudioArgs,
  concatList,
  framesToKeep,
  lastClipOutpoint,
  measureDurationArgs,
  parseDecodedDuration,
  parseProbe,
} from './media-args';

/** The shape ffprobe -print_format json prints (trimmed to what matters). */
function probeJson(streams: object[], format: object = { format_name: 'ogg', duration: '3.345417' }): string {
  return JSON.stringify({ streams, format: { filename: '/in1/audio.ogg', nb_streams: streams.length, ...format } });
}

const opus = { codec_type: 'audio', codec_name: 'opus', sample_rate: '48000', channels: 1, duration: '3.345417' };
const aacStream = { ...opus, codec_name: 'aac', bit_rate: '128003' };

describe('parseProbe', () => {
  it('reads duration, codec, sample rate and channels of the audio stream', () => {
    expect(parseProbe(probeJson([opus]), 'talk.ogg')).toEqual({
      duration: 3.345417,
      codec: 'opus',
      sampleRate: 48000,
      channels: 1,
      container: 'ogg',
      copyable: true,
    });
  });

  it('takes the audio track of a video file, and the container duration when the stream has none', () => {
    const video = { codec_type: 'video', codec_name: 'h264', duration: '9.5' };
    const aac = { codec_type: 'audio', codec_name: 'aac', sample_rate: '44100', channels: 2 };
    const info = parseProbe(probeJson([video, aac], { format_name: 'mov,mp4,m4a', duration: '9.48' }), 'clip.mp4');
    expect(info).toMatchObject({ codec: 'aac', duration: 9.48, channels: 2, copyable: true });
  });

  it('reads the audio bitrate when the file states it', () => {
    expect(parseProbe(probeJson([aacStream]), 'a.m4a').bitRate).toBe(128003);
    expect(parseProbe(probeJson([opus]), 'a.ogg')).not.toHaveProperty('bitRate');
  });

  it('gives NaN when nothing states a duration (live-recorded WebM), for the caller to measure', () => {
    expect(
      parseProbe(probeJson([{ ...opus, duration: undefined }], { format_name: 'matroska,webm' }), 'a').duration,
    ).toBeNaN();
  });

  it('marks only codecs that MP4 carries and browsers play as copyable', () => {
    const copyable = (codec_name: string) => parseProbe(probeJson([{ ...opus, codec_name }]), 'a').copyable;
    expect(['aac', 'mp3', 'opus', 'flac'].map(copyable)).toEqual([true, true, true, true]);
    expect(['pcm_s16le', 'alac', 'vorbis', 'amr_nb'].map(copyable)).toEqual([false, false, false, false]);
  });

  it('names the file when it has no audio or is not media at all', () => {
    const silent = probeJson([{ codec_type: 'video', codec_name: 'png' }]);
    expect(() => parseProbe(silent, 'photo.png')).toThrow(NoAudioStreamError);
    expect(() => parseProbe(silent, 'photo.png')).toThrow('photo.png has no audio track');
    expect(() => parseProbe('not json', 'notes.txt')).toThrow(UnreadableMediaError);
    expect(() => parseProbe('{}', 'notes.txt')).toThrow('notes.txt could not be read as audio or video');
  });
});

describe('audio in the final MP4', () => {
  it('copies copyable codecs (FLAC needs ffmpeg 5.1 to allow its MP4 mapping explicitly)', () => {
    expect(audioCodecArgs({ codec: 'aac', copyable: true, sampleRate: 44100, channels: 2 })).toEqual(['-c:a', 'copy']);
    expect(audioCodecArgs({ codec: 'flac', copyable: true, sampleRate: 44100, channels: 2 })).toContain('experimental');
  });

  it('encodes anything else to AAC of at least 192 kb/s, resampling rates AAC cannot reach that at', () => {
    expect(audioCodecArgs({ codec: 'pcm_s16le', copyable: false, sampleRate: 22050, channels: 1 })).toEqual([
      '-c:a',
      'aac',
      '-b:a',
      '256k',
      '-ar',
      '48000',
    ]);
    const six = audioCodecArgs({ codec: 'pcm_s24le', copyable: false, sampleRate: 48000, channels: 6 });
    expect(six).toEqual(['-c:a', 'aac', '-b:a', '768k']);
  });

  it('concatenates clips by stream copy and maps only the first audio stream', () => {
    const info = { codec: 'mp3', copyable: true, sampleRate: 44100, channels: 2, duration: 5, container: 'mp3' };
    const args = assembleArgs('/clips.txt', '/in/a.mp3', info, '/final.mp4');
    expect(args.join(' ')).toBe(
      '-y -f concat -safe 0 -i /clips.txt -i /in/a.mp3 -map 0:v:0 -map 1:a:0 -c:v copy -c:a copy -movflags +faststart -f mp4 /final.mp4',
    );
    // The captions as an MP4 text track, tagged with their language.
    expect(
      assembleArgs('/clips.txt', '/in/a.mp3', info, '/final.mp4', {
        subtitles: { path: '/in/s.srt', language: 'eng' },
      }),
    ).toEqual([
      '-y',
      ...['-f', 'concat', '-safe', '0', '-i', '/clips.txt', '-i', '/in/a.mp3', '-f', 'srt', '-i', '/in/s.srt'],
      ...['-map', '0:v:0', '-map', '1:a:0', '-c:v', 'copy', '-c:a', 'copy'],
      ...['-map', '2:s:0', '-c:s', 'mov_text', '-metadata:s:s:0', 'language=eng'],
      ...['-movflags', '+faststart', '-f', 'mp4', '/final.mp4'],
    ]);
    // Cut audio (a filter graph's output, encoded) beside the subtitle track: inputs keep their roles.
    const sound = { filter: '[1:a:0]anull[cut]', map: '[cut]', codec: ['-c:a', 'aac'] };
    const subtitles = { path: '/in/s.srt', language: 'fre' };
    expect(assembleArgs('/clips.txt', '/in/a.mp3', info, '/final.mp4', { sound, subtitles }).join(' ')).toBe(
      '-y -f concat -safe 0 -i /clips.txt -i /in/a.mp3 -f srt -i /in/s.srt -filter_complex [1:a:0]anull[cut] ' +
        '-map 0:v:0 -map [cut] -c:v copy -c:a aac -map 2:s:0 -c:s mov_text -metadata:s:s:0 language=fre ' +
        '-movflags +faststart -f mp4 /final.mp4',
    );
    expect(concatList(['/in/clip0.mp4', '/in/clip1.mp4'])).toBe(
      "ffconcat version 1.0\nfile '/in/clip0.mp4'\nfile '/in/clip1.mp4'\n",
    );
  });

  it('makes the transcription copy 16 kHz mono Opus in Ogg, at a bitrate that fits 25 MB', () => {
    expect(compactAudioArgs('/in/a.wav', '/c.ogg', 600).join(' ')).toBe(
      '-i /in/a.wav -map 0:a:0 -vn -ac 1 -ar 16000 -c:a libopus -b:a 32k /c.ogg',
    );
    const bitrate = (seconds: number) => {
      const args = compactAudioArgs('/in/a.wav', '/c.ogg', seconds);
      return Number(args[args.indexOf('-b:a') + 1]?.replace('k', ''));
    };
    expect(bitrate(3600)).toBe(32);
    expect(bitrate(3 * 3600)).toBe(17);
    expect((bitrate(3 * 3600) * 1000 * 3 * 3600) / 8).toBeLessThan(25_000_000);
    expect(bitrate(20 * 3600)).toBe(8);
    expect(bitrate(NaN)).toBe(32);
  });
});

describe('audibleDuration', () => {
  // Figures read with Debian's ffmpeg from 11.577 s of sound (510 546 samples at 44.1 kHz) encoded three ways.
  it('times a LAME VBR MP3 from its decoded sound, not its header (encoder delay and padding)', () => {
    expect(audibleDuration(11.62449, 11.577007)).toBe(11.577007);
    expect(Math.round(audibleDuration(11.62449, 11.577007) * 30)).toBe(347);
  });

  it('drops Opus pre-skip that the Ogg duration counts, and AAC padding that decoding runs into', () => {
    expect(audibleDuration(11.583521, 11.577021)).toBe(11.577021);
    expect(audibleDuration(11.578, 11.586757)).toBe(11.578);
  });

  it('takes the decoded length when the file states none (live WebM), the stated one when nothing decoded', () => {
    expect(audibleDuration(NaN, 19.51)).toBe(19.51);
    expect(audibleDuration(19.5, 0)).toBe(19.5);
  });

  it('reads the time decoding reached from ffmpeg -progress, to the microsecond', () => {
    expect(measureDurationArgs('/in/a.mp3')).toContain('pipe:1');
    // What Debian's ffmpeg 5.1 printed for the VBR MP3 (progress blocks, the last one at the end).
    const printed = [
      'bitrate=N/A',
      'out_time_us=5000000',
      'out_time_ms=5000000',
      'progress=continue',
      'total_size=N/A',
      'out_time_us=11577007',
      'out_time_ms=11577007',
      'out_time=00:00:11.577007',
      'speed= 758x',
      'progress=end',
    ].join('\n');
    expect(parseDecodedDuration(printed)).toBe(11.577007);
    expect(parseDecodedDuration('out_time_us=N/A\nprogress=end')).toBe(0);
    expect(parseDecodedDuration('')).toBe(0);
  });
});

describe('framesToKeep', () => {
  it('keeps every frame when the clips match the audio', () => {
    expect(framesToKeep(585, 19.51, 30)).toBe(585);
    expect(framesToKeep(585, 19.5, 30)).toBe(585);
  });

  it('absorbs encoder padding: cuts extra frames, keeps a slightly short video whole', () => {
    expect(framesToKeep(590, 19.51, 30)).toBe(585);
    expect(framesToKeep(585, 19.566, 30)).toBe(585);
  });

  it('refuses scenes planned for other audio, saying how to fix it', () => {
    expect(() => framesToKeep(585, 8.13, 30)).toThrow(TimelineMismatchError);
    expect(() => framesToKeep(585, 8.13, 30)).toThrow(/585 frames but the audio lasts 8.130 s \(244 frames\)/);
  });
});

describe('lastClipOutpoint', () => {
  it('ends the last clip half a frame before the first frame to drop, and leaves whole clips alone', () => {
    expect(lastClipOutpoint([157, 237, 191], 585, 30)).toBeUndefined();
    expect(lastClipOutpoint([157, 237, 191], 579, 30)).toBeCloseTo(184.5 / 30, 9);
    expect(concatList(['/a.mp4'], 184.5 / 30)).toBe("ffconcat version 1.0\nfile '/a.mp4'\noutpoint 6.150000\n");
    // Every clip but the last says its exact length (the file's own is rounded to the millisecond).
    expect(concatList(['/a.mp4', '/b.mp4', '/c.mp4'], 5, [197 / 30, 196 / 30, 150 / 30])).toBe(
      "ffconcat version 1.0\nfile '/a.mp4'\nduration 6.566666667\nfile '/b.mp4'\nduration 6.533333333\nfile '/c.mp4'\noutpoint 5.000000\n",
    );
    expect(() => lastClipOutpoint([157, 5], 150, 30)).toThrow(TimelineMismatchError);
  });
});
