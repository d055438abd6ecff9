// One scene clip rendered with the browser's own H.264 encoder (WebCodecs) instead of ffmpeg.wasm:
// the image is drawn cover-cropped on an OffscreenCanvas and converted to BT.709 limited-range I420
// once, each frame is the camera's window of it warped bilinearly (as ffmpeg's perspective filter),
// encoded by VideoEncoder and muxed to MP4 by mediabunny into the caller's target (in the app, the clip's
// file on disk, written as the frames are encoded: see `positionalTarget`). (Drawing every frame on the canvas and
// reading it back made 1080p clips twice as slow in software Chromium as this warp on the planes,
// which also mirrors the ffmpeg path sample for sample.) The clip matches the x264 clips (High
// profile, yuv420p tv bt709, same time base, keyframe at frame 0) and carries its parameter sets
// in-band, so the final assembly concatenates clips of both engines without re-encoding. Captions are
// blended into the planes of each frame by ./caption-drawer.ts, drawn as libass draws them.
import {
  EncodedPacket,
  EncodedVideoPacketSource,
  Mp4OutputFormat,
  Output,
  StreamTarget,
  type StreamTargetChunk,
  type Target,
} from 'mediabunny';
import { avcCodec, avcEncoderConfigs, mp4Timescale, type AvcEncoderConfig } from '$lib/pipeline/avc-encoder';
import { warpI420 } from '$lib/pipeline/bilinear-warp';
import { cameraWindow, coverSource } from '$lib/pipeline/canvas-camera';
import { i420Size, rgbaRowsToI420, rgbaToI420 } from '$lib/pipeline/i420';
import type { RenderPlan } from '$lib/pipeline/kenburns';
import { ClipMismatchError, WebCodecsUnavailableError } from '$lib/pipeline/errors';
import { CaptionDrawer } from './caption-drawer';
import { FramesInFlight } from './frames-in-flight';

const COLOR_SPACE: VideoColorSpaceInit = { primaries: 'bt709', transfer: 'bt709', matrix: 'bt709', fullRange: false };
/** Whether this worker's encoder holds frames back (see ./frames-in-flight.ts): learned once, kept. */
let encoderHoldsBack = false;
/**
 * Rows of the cropped picture read back at a time (even, for I420's 2x2 chroma blocks): a 0.5 MB buffer
 * kept in the worker instead of the whole picture's RGBA (8 MB at 1080p, made afresh for every clip by
 * `getImageData` and left to the worker's garbage collector, several clips' worth at a time).
 */
const BAND_ROWS = 64;

/** The first encoder configuration this browser supports for the plan (hardware first), if any. */
export async function webCodecsConfig(plan: RenderPlan): Promise<AvcEncoderConfig | undefined> {
  if (typeof VideoEncoder === 'undefined' || typeof OffscreenCanvas === 'undefined') return undefined;
  let configs: AvcEncoderConfig[];
  try {
    configs = avcEncoderConfigs(plan);
  } catch {
    // A size or rate beyond every H.264 level.
    return undefined;
  }
  for (const config of configs) {
    try {
      if ((await VideoEncoder.isConfigSupported(config)).supported) return config;
    } catch {
      // A malformed or unknown configuration counts as unsupported.
    }
  }
  return undefined;
}

/**
 * A mediabunny target that hands every piece of the MP4 to `write` at its byte position as it is muxed
 * (a file on disk: see `writeAt` in ./disk-file.ts), so no clip is ever held whole in memory.
 */
export function positionalTarget(write: (data: Uint8Array, position: number) => void): StreamTarget {
  return new StreamTarget(
    new WritableStream<StreamTargetChunk>({ write: ({ data, position }) => write(data, position) }),
  );
}

/**
 * What a clip is drawn with: the canvas the picture is cropped on (1x1 between clips), a band of its
 * rows read back, and the picture and frame I420 planes.
 */
interface Scratch {
  width: number;
  height: number;
  context: OffscreenCanvasRenderingContext2D;
  band: Uint8Array;
  picture: Uint8Array;
  planes: Uint8Array;
}

// Kept from one clip to the next in this worker: made afresh for every clip, a 1080p canvas and two I420
// buffers (~14 MB) waited for the worker's garbage collector, several clips' worth at a time.
let kept: Scratch | undefined;
let keptInUse = false;

/** The worker's scratch for `width` x `height` (a fresh one if it is busy or another size); `done` gives it back. */
function takeScratch(width: number, height: number): { scratch: Scratch; done: () => void } {
  if (!keptInUse && kept?.width === width && kept.height === height) {
    keptInUse = true;
    return { scratch: kept, done: () => (keptInUse = false) };
  }
  const context = new OffscreenCanvas(1, 1).getContext('2d', { alpha: false, willReadFrequently: true });
  if (!context) throw new WebCodecsUnavailableError('This browser has no 2D OffscreenCanvas.');
  const size = i420Size(width, height);
  const band = new Uint8Array(width * BAND_ROWS * 4);
  const scratch = { width, height, context, band, picture: new Uint8Array(size), planes: new Uint8Array(size) };
  if (keptInUse) return { scratch, done: () => undefined };
  kept = scratch;
  keptInUse = true;
  return { scratch, done: () => (keptInUse = false) };
}

/**
 * The image cover-cropped to the plan's size (high-quality canvas resampling) and converted to I420
 * once into `scratch.picture`, as ffmpeg's scale+crop+format run once per clip before the per-frame warp.
 * The canvas is full size only meanwhile: its 8 MB backing store is let go as soon as the picture is read.
 */
async function coverPicture(image: Blob, { width, height }: RenderPlan, scratch: Scratch): Promise<void> {
  const { context } = scratch;
  // Embedded colour profiles are ignored, as ffmpeg ignores them.
  const bitmap = await createImageBitmap(image, { colorSpaceConversion: 'none' });
  try {
    try {
      // A new size clears the canvas and its drawing state.
      context.canvas.width = width;
      context.canvas.height = height;
      context.imageSmoothingQuality = 'high';
      const source = coverSource(bitmap.width, bitmap.height, width, height);
      context.drawImage(bitmap, source.x, source.y, source.width, source.height, 0, 0, width, height);
    } finally {
      bitmap.close();
    }
    await readPicture(scratch);
  } finally {
    context.canvas.width = context.canvas.height = 1;
  }
}

/** False once this browser failed to read a canvas by bands: later clips read it whole at once. */
let bandsWork = true;

/** The canvas's pixels into `scratch.picture` as I420: by bands where the browser can, else whole. */
async function readPicture({ context, band, picture }: Scratch): Promise<void> {
  if (bandsWork) {
    try {
      return await readBands(context.canvas, band, picture);
    } catch {
      bandsWork = false;
    }
  }
  // Any band not copied is written again, whole.
  readWhole(context, picture);
}

/**
 * The canvas's pixels into `picture` as I420, a band of rows at a time through `band` (its length a
 * multiple of an even number of rows): `VideoFrame.copyTo` converts each band to RGBA, the same bytes
 * `getImageData` gives (see `readWhole`). Throws where the browser cannot copy rows that way.
 */
export async function readBands(canvas: OffscreenCanvas, band: Uint8Array, picture: Uint8Array): Promise<void> {
  const { width, height } = canvas;
  const bandRows = Math.floor(band.length / (width * 4 * 2)) * 2;
  if (bandRows < 2) throw new RangeError(`A band of ${band.length} bytes holds no two rows of ${width} pixels.`);
  const frame = new VideoFrame(canvas, { timestamp: 0 });
  try {
    for (let row = 0; row < height; row += bandRows) {
      const rows = Math.min(bandRows, height - row);
      const rgba = band.subarray(0, rows * width * 4);
      await frame.copyTo(rgba, { rect: { x: 0, y: row, width, height: rows }, format: 'RGBA', colorSpace: 'srgb' });
      rgbaRowsToI420(rgba, width, height, row, picture);
    }
  } finally {
    frame.close();
  }
}

/** The canvas's pixels into `picture` as I420 from `getImageData`: the whole picture's RGBA at once. */
export function readWhole(context: OffscreenCanvasRenderingContext2D, picture: Uint8Array): void {
  const { width, height } = context.canvas;
  rgbaToI420(context.getImageData(0, 0, width, height).data, width, height, picture);
}

/** The drawer of the plan's captions, or undefined when the clip shows none. */
async function captionDrawer(plan: RenderPlan): Promise<CaptionDrawer | undefined> {
  const captions = plan.captions;
  if (!captions || captions.states.length === 0) return undefined;
  if (captions.width !== plan.width || captions.height !== plan.height) {
    throw new RangeError(
      `Captions laid out for ${captions.width}x${captions.height} on a ${plan.width}x${plan.height} clip.`,
    );
  }
  return CaptionDrawer.create(captions);
}

/**
 * Renders the plan's clip from `image` as an MP4 written into `target`; `onFrames` hears the number of
 * frames encoded so far. Returns the encoder configuration used (its `hardwareAcceleration` says which
 * encoder was asked for). Throws WebCodecsUnavailableError when the browser has no suitable encoder
 * (the caller falls back to ffmpeg.wasm), ClipMismatchError when the encoder returns another number of frames.
 */
export async function renderClipWebCodecs(
  image: Blob,
  plan: RenderPlan,
  target: Target,
  onFrames?: (frames: number) => void,
): Promise<AvcEncoderConfig> {
  const config = await webCodecsConfig(plan);
  if (!config)
    throw new WebCodecsUnavailableError(`This browser has no H.264 encoder for ${plan.width}x${plan.height}.`);
  const { scratch, done } = takeScratch(plan.width, plan.height);
  try {
    await encodeClip(image, plan, config, scratch, target, onFrames);
    return config;
  } finally {
    done();
  }
}

async function encodeClip(
  image: Blob,
  plan: RenderPlan,
  config: AvcEncoderConfig,
  scratch: Scratch,
  target: Target,
  onFrames?: (frames: number) => void,
): Promise<void> {
  await coverPicture(image, plan, scratch);
  const { picture, planes } = scratch;
  const captions = await captionDrawer(plan);
  // The index goes first, in room kept for the clip's known number of frames: the samples are written
  // as they come instead of being kept in memory until the end ('in-memory'), and the file still starts
  // with its index, as the x264 clips do.
  const output = new Output({ format: new Mp4OutputFormat({ fastStart: 'reserve' }), target });
  const source = new EncodedVideoPacketSource('avc');
  // mediabunny's MP4 timescale is the denominator of 1 / frameRate: ask for ffmpeg's timescale.
  output.addVideoTrack(source, { frameRate: mp4Timescale(plan.fps), maximumPacketCount: plan.frames });
  await output.start();

  let failure: unknown;
  let encoded = 0;
  const keyframes: number[] = [];
  let muxing = Promise.resolve();
  // The encoder's output and events wake the frame loop waiting for room.
  const gate = new FramesInFlight(() => encoder.encodeQueueSize, encoderHoldsBack);
  const mux = (chunk: EncodedVideoChunk, metadata?: EncodedVideoChunkMetadata) => {
    // Exact frame times from the frame number: no microsecond rounding reaches the file.
    const frame = Math.round((chunk.timestamp * plan.fps) / 1e6);
    if (chunk.type === 'key') keyframes.push(frame);
    const data = new Uint8Array(chunk.byteLength);
    chunk.copyTo(data);
    const packet = new EncodedPacket(data, chunk.type, frame / plan.fps, 1 / plan.fps);
    // The sample entry says avc3 (parameter sets in-band) and the colour the frames were made in.
    const meta = metadata?.decoderConfig
      ? { decoderConfig: { ...metadata.decoderConfig, codec: avcCodec(plan, 'avc3'), colorSpace: COLOR_SPACE } }
      : undefined;
    muxing = muxing.then(() => source.add(packet, meta));
    muxing.catch((error: unknown) => {
      failure ??= error;
      gate.stir();
    });
    encoded += 1;
    onFrames?.(encoded);
    gate.returned();
  };
  const encoder = new VideoEncoder({
    output: (chunk, metadata) => {
      try {
        mux(chunk, metadata);
      } catch (error) {
        // An exception here would vanish inside the encoder: keep it for the caller.
        failure ??= error;
      }
    },
    error: (error) => {
      failure ??= error;
      gate.stir();
    },
  });
  encoder.addEventListener('dequeue', () => gate.stir());
  try {
    encoder.configure(config);
    // One buffer for every frame: VideoFrame copies it.
    const frameDuration = 1e6 / plan.fps;
    for (let frame = 0; frame < plan.frames && !failure; frame++) {
      warpI420(picture, plan.width, plan.height, cameraWindow(plan, frame), planes);
      captions?.draw(frame, planes);
      // The next frame is drawn while the encoder works; it is handed over once there is room.
      await gate.room(() => Boolean(failure));
      if (failure) break;
      const videoFrame = new VideoFrame(planes, {
        format: 'I420',
        codedWidth: plan.width,
        codedHeight: plan.height,
        timestamp: Math.round(frame * frameDuration),
        duration: Math.round(frameDuration),
        colorSpace: COLOR_SPACE,
      });
      encoder.encode(videoFrame, { keyFrame: frame === 0 });
      videoFrame.close();
      gate.given();
    }
    encoderHoldsBack = gate.holdsBack;
    if (!failure) await encoder.flush();
    await muxing;
  } catch (error) {
    failure ??= error;
  } finally {
    if (encoder.state !== 'closed') encoder.close();
  }
  if (failure) {
    await output.cancel();
    throw failure instanceof Error ? failure : new Error(String(failure));
  }
  if (encoded !== plan.frames || keyframes[0] !== 0) {
    await output.cancel();
    throw new ClipMismatchError(
      `Scene ${plan.index + 1}: the encoder returned ${encoded} of ${plan.frames} frames (keyframes at ${keyframes.join(', ')}).`,
    );
  }
  source.close();
  await output.finalize();
}
