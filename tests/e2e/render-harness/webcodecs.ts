// Benchmark-only alternative clip encoder: canvas drawImage at sub-pixel source rects + WebCodecs
// H.264, measured side by side with the ffmpeg.wasm path (not used by the app; see BENCHMARKS.md).
import { frameProgress, viewAt, type RenderPlan } from '$lib/pipeline/kenburns';

/** The image rectangle (in image pixels) the view shows: the cover-crop, then the camera's window into it. */
function sourceRect(plan: RenderPlan, width: number, height: number, t: number) {
  const cover = Math.max(plan.width / width, plan.height / height);
  const cropW = plan.width / cover;
  const cropH = plan.height / cover;
  const view = viewAt(plan.motion, t);
  const w = cropW / view.zoom;
  const h = cropH / view.zoom;
  return { x: (width - cropW) / 2 + view.x * cropW - w / 2, y: (height - cropH) / 2 + view.y * cropH - h / 2, w, h };
}

/** Encodes one clip; resolves with its Annex B H.264 bytes and the codec string the encoder reported. */
export async function webCodecsClip(image: Blob, plan: RenderPlan): Promise<{ bytes: Uint8Array; codec: string }> {
  const bitmap = await createImageBitmap(image);
  const canvas = new OffscreenCanvas(plan.width, plan.height);
  const context = canvas.getContext('2d', { alpha: false }) as OffscreenCanvasRenderingContext2D;
  context.imageSmoothingQuality = 'high';
  const chunks: Uint8Array[] = [];
  let codec = '';
  let failure: unknown;
  const encoder = new VideoEncoder({
    output: (chunk, metadata) => {
      const bytes = new Uint8Array(chunk.byteLength);
      chunk.copyTo(bytes);
      chunks.push(bytes);
      codec = metadata?.decoderConfig?.codec ?? codec;
    },
    error: (error) => (failure = error),
  });
  const maxrate = Math.round(plan.width * plan.height * plan.fps * 0.12);
  encoder.configure({
    codec: 'avc1.640028',
    width: plan.width,
    height: plan.height,
    framerate: plan.fps,
    bitrate: maxrate,
    avc: { format: 'annexb' },
  });
  for (let frame = 0; frame < plan.frames; frame++) {
    const rect = sourceRect(plan, bitmap.width, bitmap.height, frameProgress(frame, plan.frames));
    context.drawImage(bitmap, rect.x, rect.y, rect.w, rect.h, 0, 0, plan.width, plan.height);
    const timestamp = Math.round((frame * 1e6) / plan.fps);
    const videoFrame = new VideoFrame(canvas, { timestamp, duration: Math.round(1e6 / plan.fps) });
    encoder.encode(videoFrame, { keyFrame: frame === 0 });
    videoFrame.close();
    while (encoder.encodeQueueSize > 2) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await encoder.flush();
  encoder.close();
  bitmap.close();
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  if (chunks.length !== plan.frames) throw new Error(`encoder gave ${chunks.length} of ${plan.frames} frames`);
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  chunks.reduce((offset, chunk) => (bytes.set(chunk, offset), offset + chunk.length), 0);
  return { bytes, codec };
}
