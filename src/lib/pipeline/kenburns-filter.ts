// ffmpeg arguments that render a RenderPlan: the same strings run in ffmpeg.wasm and in native ffmpeg.
import type { Motion, RenderPlan } from './kenburns';
import { captionsFilter, type CaptionFiles } from './captions/ass-filter';

/** Decimal without exponent notation, short enough to read in a log. */
export function num(value: number): string {
  const fixed = value.toFixed(9).replace(/\.?0+$/, '');
  return fixed === '-0' ? '0' : fixed;
}

/**
 * Per-frame expressions for the `perspective` filter (variable `on` = output frame number) giving
 * the source position of the output corners. Mirrors `viewAt`: the same ease, geometric zoom, linear centre.
 * Pixel centres map to pixel centres, so zoom 1 is the identity and positions stay sub-pixel exact.
 */
export function perspectiveCorners(motion: Motion, width: number, height: number, frames: number): string[] {
  const { from, to } = motion;
  const t = `on/${frames - 1}`;
  const e = frames > 1 ? `(0.5*${t}+0.25-0.25*cos(PI*${t}))` : '0';
  // 1/zoom = exp(-ln(z0) - ln(z1/z0) * e)
  const inverseZoom = `exp(${num(-Math.log(from.zoom))}-(${num(Math.log(to.zoom / from.zoom))})*${e})`;
  const axis = (size: number, start: number, end: number) => {
    const centre = `(${num(start)}+(${num(end - start)})*${e})`;
    const near = `(${size}*${centre}-${num((size - 1) / 2)}*${inverseZoom}-0.5)`;
    return { near, far: `(${near}+${size}*${inverseZoom})` };
  };
  const x = axis(width, from.x, to.x);
  const y = axis(height, from.y, to.y);
  // Corners in perspective's order: top-left, top-right, bottom-left, bottom-right.
  return [x.near, y.near, x.far, y.near, x.near, y.far, x.far, y.far];
}

/**
 * The filter graph of one clip. The image is decoded, cover-scaled, cropped and converted once,
 * then `loop` repeats that one frame, so every frame only costs the sub-pixel warp and the encode.
 * Captions, when given, are drawn last, over the moving picture.
 */
export function clipFilterGraph(plan: RenderPlan, captions?: CaptionFiles): string {
  const { width: w, height: h, fps, frames, motion } = plan;
  const corners = perspectiveCorners(motion, w, h, frames);
  const names = ['x0', 'y0', 'x1', 'y1', 'x2', 'y2', 'x3', 'y3'];
  const warp = names.map((name, i) => `${name}=${corners[i]}`).join(':');
  const last = captions ? `,${captionsFilter(captions)}[v]` : '[v]';
  return [
    `[0:v]scale=${w}:${h}:force_original_aspect_ratio=increase:flags=lanczos:out_color_matrix=bt709:out_range=tv`,
    `crop=${w}:${h}`,
    'setsar=1',
    'format=yuv420p',
    `loop=loop=${frames - 1}:size=1:start=0`,
    `settb=1/${fps}`,
    'setpts=N',
    `perspective=${warp}:interpolation=linear:sense=source:eval=frame${last}`,
  ].join(',');
}

/**
 * Bits per pixel the bitrate is capped at (3.1 Mb/s at 1080p30): a slow camera over a still needs
 * little, while grainy detail would take ten times more. A plan may ask for a lower ceiling
 * (`RenderPlan.maxKbps`); the app's never do: the final MP4 streams to disk, whatever its length.
 */
const MAX_BITS_PER_PIXEL = 0.05;

/**
 * H.264 settings shared by every clip, so clips can be concatenated without re-encoding. x264's
 * ultrafast preset (wasm has no SIMD, every cycle counts) with 8x8 transforms for High profile, and
 * three things ultrafast drops but a capped bitrate needs: the deblocking filter and adaptive
 * quantisation (no blocks in smooth skies) and CABAC (10-15 % fewer bits); together they cost about
 * 10 % more time. No B-frames keeps timestamps trivial to concatenate. The bitrate cap keeps grainy
 * pictures (whose every frame is new detail once resampled) from ballooning the file.
 */
export function h264Args(width: number, height: number, fps: number, maxKbps = Infinity): string[] {
  const maxrate = Math.round(Math.min((width * height * fps * MAX_BITS_PER_PIXEL) / 1000, maxKbps));
  return [
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-profile:v', 'high'],
    ...['-x264-params', `8x8dct=1:deblock=1:aq-mode=1:cabac=1:bframes=0:keyint=${fps * 4}:scenecut=0`],
    ...['-crf', '23', '-maxrate', `${maxrate}k`, '-bufsize', `${2 * maxrate}k`, '-pix_fmt', 'yuv420p'],
    ...['-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709'],
  ];
}

/** Arguments (after `ffmpeg`) that turn the image at `input` into the plan's clip at `output` (MP4). */
export function clipArgs(plan: RenderPlan, input: string, output: string, captions?: CaptionFiles): string[] {
  return [
    // Progress several times a second, for a smooth bar.
    '-stats_period',
    '0.2',
    '-i',
    input,
    '-filter_complex',
    clipFilterGraph(plan, captions),
    '-map',
    '[v]',
    '-frames:v',
    String(plan.frames),
    '-r',
    String(plan.fps),
    ...h264Args(plan.width, plan.height, plan.fps, plan.maxKbps),
    '-an',
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    output,
  ];
}
