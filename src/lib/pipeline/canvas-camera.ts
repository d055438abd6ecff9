// The Ken Burns camera as rectangles for a 2D canvas: the cover-crop of the image, then per frame the
// window of that picture the camera sees. Mirrors the ffmpeg graph in kenburns-filter.ts, so clips of
// both engines show the same picture at the same place.
import { frameProgress, viewAt, type RenderPlan } from './kenburns';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The part of a `imageWidth` x `imageHeight` image that fills a `width` x `height` frame, as ffmpeg's
 * `scale=...:force_original_aspect_ratio=increase,crop=...` picks it: the image is scaled to a whole
 * number of pixels (rounded) until it covers the frame, then cropped at the centre with the offset
 * rounded down to an even pixel (yuv420p chroma). Returned in image pixels, fractions kept.
 */
export function coverSource(imageWidth: number, imageHeight: number, width: number, height: number): Rect {
  const wider = imageWidth * height >= width * imageHeight;
  const scaledWidth = wider ? Math.max(width, Math.round((height * imageWidth) / imageHeight)) : width;
  const scaledHeight = wider ? height : Math.max(height, Math.round((width * imageHeight) / imageWidth));
  const cropX = Math.floor((scaledWidth - width) / 2) & ~1;
  const cropY = Math.floor((scaledHeight - height) / 2) & ~1;
  const sx = imageWidth / scaledWidth;
  const sy = imageHeight / scaledHeight;
  return { x: cropX * sx, y: cropY * sy, width: width * sx, height: height * sy };
}

/**
 * The window of the cover-cropped picture (plan.width x plan.height pixels) that frame `frame` shows.
 * Resampled onto the whole frame (`drawImage` or `warpI420`), output pixel centres land exactly where ffmpeg's
 * `perspective` samples them (pixel centres map to pixel centres; zoom 1 is the identity).
 */
export function cameraWindow(plan: RenderPlan, frame: number): Rect {
  const view = viewAt(plan.motion, frameProgress(frame, plan.frames));
  const width = plan.width / view.zoom;
  const height = plan.height / view.zoom;
  return { x: plan.width * view.x - width / 2, y: plan.height * view.y - height / 2, width, height };
}
