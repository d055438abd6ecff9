// WebCodecs H.264 settings for Ken Burns clips that concatenate with the x264 clips without re-encoding:
// High profile, the same bitrate ceiling, 4:2:0 BT.709 limited range, the same MP4 timescale.
import type { RenderPlan } from './kenburns';
import { h264Args } from './kenburns-filter';

/** H.264 levels (idc, most macroblocks per frame, most macroblocks per second), lowest first. */
const LEVELS: [number, number, number][] = [
  [30, 1620, 40500],
  [31, 3600, 108000],
  [32, 5120, 216000],
  [40, 8192, 245760],
  [42, 8704, 522240],
  [50, 22080, 589824],
  [51, 36864, 983040],
  [52, 36864, 2073600],
  [60, 139264, 4177920],
];
const HIGH_PROFILE = '6400';

/** The lowest level whose limits hold `width` x `height` at `fps` (as x264 chooses it for its clips). */
export function avcLevel(width: number, height: number, fps: number): number {
  const macroblocks = Math.ceil(width / 16) * Math.ceil(height / 16);
  const level = LEVELS.find(([, frame, second]) => macroblocks <= frame && macroblocks * fps <= second);
  if (!level) throw new RangeError(`${width}x${height} at ${fps} fps is beyond H.264 level 6`);
  return level[0];
}

/**
 * The codec string: High profile at the plan's level. `avc3` says the parameter sets travel in-band
 * (before every keyframe), which is what lets clips of different encoders share one stream.
 */
export function avcCodec(plan: Pick<RenderPlan, 'width' | 'height' | 'fps'>, entry: 'avc1' | 'avc3' = 'avc1'): string {
  const level = avcLevel(plan.width, plan.height, plan.fps).toString(16).padStart(2, '0');
  return `${entry}.${HIGH_PROFILE}${level}`;
}

/** Bits per second: the ceiling the x264 clips are held to (read from their shared settings). */
export function clipBitrate(plan: Pick<RenderPlan, 'width' | 'height' | 'fps' | 'maxKbps'>): number {
  const args = h264Args(plan.width, plan.height, plan.fps, plan.maxKbps);
  const kbps = Number.parseFloat(args[args.indexOf('-maxrate') + 1] ?? '');
  if (!(kbps > 0)) throw new Error('the x264 settings name no -maxrate');
  return kbps * 1000;
}

/** A VideoEncoderConfig, spelled out so this module needs no DOM types. */
export interface AvcEncoderConfig {
  codec: string;
  width: number;
  height: number;
  framerate: number;
  bitrate: number;
  bitrateMode: 'variable';
  latencyMode: 'quality';
  hardwareAcceleration: 'prefer-hardware' | 'prefer-software';
  avc: { format: 'annexb' };
}

/**
 * The configurations to try, best first: the device's hardware encoder, then a software one.
 * Annex B output carries SPS/PPS before every keyframe (in-band), see `avcCodec`.
 */
export function avcEncoderConfigs(plan: RenderPlan): AvcEncoderConfig[] {
  const base = {
    codec: avcCodec(plan),
    width: plan.width,
    height: plan.height,
    framerate: plan.fps,
    bitrate: clipBitrate(plan),
    bitrateMode: 'variable',
    latencyMode: 'quality',
    avc: { format: 'annexb' },
  } as const;
  return [
    { ...base, hardwareAcceleration: 'prefer-hardware' },
    { ...base, hardwareAcceleration: 'prefer-software' },
  ];
}

/**
 * The MP4 track timescale ffmpeg's muxer gives a stream of `fps` (doubled until at least 10000, e.g.
 * 15360 for 30 fps): clips of both engines then have the same time base and whole-tick frame times.
 */
export function mp4Timescale(fps: number): number {
  if (!Number.isInteger(fps) || fps <= 0) throw new RangeError(`fps must be a positive integer, got ${fps}`);
  let timescale = fps;
  while (timescale < 10000) timescale *= 2;
  return timescale;
}
