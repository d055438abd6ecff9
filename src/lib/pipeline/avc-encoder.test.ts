import { describe, expect, it } from 'vitest';
import { avcCodec, avcEncoderConfigs, avcLevel, clipBitrate, mp4Timescale } from './avc-encoder';
import { planMotion } from './kenburns';

describe('avcLevel', () => {
  it.each([
    { size: [1920, 1080], fps: 30, level: 40 },
    { size: [1080, 1920], fps: 30, level: 40 },
    { size: [1080, 1080], fps: 30, level: 32 },
    { size: [1920, 1080], fps: 60, level: 42 },
    { size: [1280, 720], fps: 30, level: 31 },
    { size: [192, 108], fps: 30, level: 30 },
    { size: [3840, 2160], fps: 30, level: 51 },
  ])('$size at $fps fps needs level $level', ({ size, fps, level }) => {
    expect(avcLevel(size[0] as number, size[1] as number, fps)).toBe(level);
  });

  it('refuses sizes no level holds', () => {
    expect(() => avcLevel(16384, 16384, 30)).toThrow(RangeError);
  });
});

describe('avcEncoderConfigs', () => {
  const plan = planMotion({ index: 0, start: 0, end: 2 }, 'youtube');

  it('asks for High profile 1080p30 with in-band parameter sets, hardware first', () => {
    const configs = avcEncoderConfigs(plan);
    expect(configs.map((config) => config.hardwareAcceleration)).toEqual(['prefer-hardware', 'prefer-software']);
    expect(configs[0]).toMatchObject({
      codec: 'avc1.640028',
      width: 1920,
      height: 1080,
      framerate: 30,
      avc: { format: 'annexb' },
    });
    expect(avcCodec(plan, 'avc3')).toBe('avc3.640028');
  });

  it('holds the bitrate to the x264 clips ceiling, and to a long recording budget', () => {
    expect(clipBitrate(plan)).toBe(3_110_000);
    expect(clipBitrate({ ...plan, maxKbps: 1500 })).toBe(1_500_000);
  });
});

describe('mp4Timescale', () => {
  it('is the timescale ffmpeg muxes a clip of that rate with', () => {
    expect(mp4Timescale(30)).toBe(15360);
    expect(mp4Timescale(25)).toBe(12800);
    expect(mp4Timescale(24)).toBe(12288);
  });

  it('needs a whole frame rate', () => {
    expect(() => mp4Timescale(29.97)).toThrow(RangeError);
  });
});
