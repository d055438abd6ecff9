// Ken Burns motion: which camera move each scene gets, and where the camera is at any moment.
import { DEFAULT_FPS, FORMATS, type FormatId } from './formats';
import { sceneFrames } from './timeline';
import type { ClipCaptions } from './captions/scene';

export const MOTION_KINDS = ['zoom-in', 'pan-right', 'zoom-out', 'pan-up', 'pan-left', 'pan-down'] as const;
export type MotionKind = (typeof MOTION_KINDS)[number];

/** Where the camera looks: `zoom` >= 1 over the cover-cropped image, centre `x`,`y` as fractions of it. */
export interface View {
  zoom: number;
  x: number;
  y: number;
}

export interface Motion {
  kind: MotionKind;
  /** 0.08-0.15: how far the camera travels, as a fraction of the picture (or of zoom for zooms). */
  travel: number;
  from: View;
  to: View;
}

export interface RenderPlan {
  index: number;
  width: number;
  height: number;
  fps: number;
  frames: number;
  motion: Motion;
  /** Ceiling of the clip's video bitrate (kb/s) below the usual one (the app's videos stream to disk: it asks for none). */
  maxKbps?: number;
  /** What the clip's captions show (`clipCaptions` in captions/), drawn over the picture by either engine. */
  captions?: ClipCaptions;
}

/**
 * A camera move the person picked for a scene: the kind, its amount (`travel`, as for chosen moves) and
 * where the camera should end up (a face, the subject), as fractions of the picture.
 */
export interface MotionChoice {
  kind: MotionKind;
  travel: number;
  focus?: { x: number; y: number };
}

/** The amounts a person may pick: from barely moving to a strong push. */
export const TRAVEL_RANGE = { min: 0.04, max: 0.25 } as const;

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);

/**
 * The motion of a picked move. A zoom ends (zoom in) or starts (zoom out) on the focus point; a pan ends
 * on it along its axis and holds it across. Every view stays inside the picture.
 */
export function pickedMotion(choice: MotionChoice): Motion {
  const travel = clamp(choice.travel, TRAVEL_RANGE.min, TRAVEL_RANGE.max);
  const focus = { x: clamp(choice.focus?.x ?? 0.5, 0, 1), y: clamp(choice.focus?.y ?? 0.5, 0, 1) };
  const { kind } = choice;
  if (kind === 'zoom-in' || kind === 'zoom-out') {
    const zoom = 1 + travel;
    const reach = maxOffset(zoom);
    const close = { zoom, x: clamp(focus.x, 0.5 - reach, 0.5 + reach), y: clamp(focus.y, 0.5 - reach, 0.5 + reach) };
    const wide = { zoom: 1, x: 0.5, y: 0.5 };
    return kind === 'zoom-in' ? { kind, travel, from: wide, to: close } : { kind, travel, from: close, to: wide };
  }
  const zoom = 1.01 / (1 - travel);
  const sign = kind === 'pan-right' || kind === 'pan-down' ? 1 : -1;
  const horizontal = kind === 'pan-left' || kind === 'pan-right';
  // The start view (the least zoomed) bounds both ends: the camera travels `travel` and ends on the focus.
  const reach = maxOffset(zoom);
  const along = horizontal ? focus.x : focus.y;
  const end = clamp(along, 0.5 - reach + (sign > 0 ? travel : 0), 0.5 + reach - (sign < 0 ? travel : 0));
  const start = end - sign * travel;
  const across = clamp(horizontal ? focus.y : focus.x, 0.5 - reach, 0.5 + reach);
  const view = (at: number, z: number) => (horizontal ? { zoom: z, x: at, y: across } : { zoom: z, x: across, y: at });
  return { kind, travel, from: view(start, zoom), to: view(end, zoom * PAN_ZOOM) };
}

export interface PlanOptions {
  /** The person's move for this scene, instead of the chosen one. */
  motion?: MotionChoice;
  /** Changes every scene's motion while keeping renders repeatable (default 0). */
  seed?: number;
  fps?: number;
  /** Render smaller than the format (same aspect), e.g. for previews; rounded to even sizes. */
  scale?: number;
  /** A video bitrate ceiling (kb/s) below the format's usual one. */
  maxKbps?: number;
}

const MIN_TRAVEL = 0.08;
const MAX_TRAVEL = 0.15;
/** Pans also zoom in this much, so a pan never looks like a flat slide. */
const PAN_ZOOM = 1.04;

/** A deterministic number in [0, 1) from integers (a small integer hash, no global state). */
function unitHash(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part | 0), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return (h >>> 0) / 2 ** 32;
}

/** The motion kinds in a seed-dependent order; scene i takes entry i mod 6, so neighbours always differ. */
function kindOrder(seed: number): MotionKind[] {
  const order: MotionKind[] = [...MOTION_KINDS];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(unitHash(seed, i, 7) * (i + 1));
    [order[i], order[j]] = [order[j] as MotionKind, order[i] as MotionKind];
  }
  return order;
}

/** The largest offset of the view centre from 0.5 that keeps a view of this zoom inside the picture. */
export function maxOffset(zoom: number): number {
  return 0.5 - 0.5 / zoom;
}

export function chooseMotion(index: number, seed = 0): Motion {
  const kind = kindOrder(seed)[index % MOTION_KINDS.length] as MotionKind;
  const travel = MIN_TRAVEL + (MAX_TRAVEL - MIN_TRAVEL) * unitHash(seed, index, 1);
  if (kind === 'zoom-in' || kind === 'zoom-out') {
    const wide = { zoom: 1, x: 0.5, y: 0.5 };
    // Drift towards a point off-centre, never further than the zoomed view allows.
    const reach = 0.8 * maxOffset(1 + travel);
    const close = {
      zoom: 1 + travel,
      x: 0.5 + reach * (2 * unitHash(seed, index, 2) - 1),
      y: 0.5 + reach * (2 * unitHash(seed, index, 3) - 1),
    };
    return kind === 'zoom-in' ? { kind, travel, from: wide, to: close } : { kind, travel, from: close, to: wide };
  }
  // Zoomed in just enough that the centre can travel `travel` with the view inside the picture.
  const zoom = 1.01 / (1 - travel);
  const sign = kind === 'pan-right' || kind === 'pan-down' ? 1 : -1;
  const start = 0.5 - (sign * travel) / 2;
  const end = 0.5 + (sign * travel) / 2;
  const horizontal = kind === 'pan-left' || kind === 'pan-right';
  return {
    kind,
    travel,
    from: { zoom, x: horizontal ? start : 0.5, y: horizontal ? 0.5 : start },
    to: { zoom: zoom * PAN_ZOOM, x: horizontal ? end : 0.5, y: horizontal ? 0.5 : end },
  };
}

/**
 * Gentle ease-in-out: half linear, half sine. The camera starts and ends at half speed instead of
 * at rest, which halves its acceleration: a full sine ease on a short scene accelerates so hard
 * that the motion itself reads as shake (second difference of the position).
 */
export function ease(t: number): number {
  const x = Math.min(Math.max(t, 0), 1);
  return 0.5 * x + 0.25 - 0.25 * Math.cos(Math.PI * x);
}

/** Progress 0..1 of frame `frame` of `frames` (the first frame is 0, the last is 1). */
export function frameProgress(frame: number, frames: number): number {
  return frames > 1 ? frame / (frames - 1) : 0;
}

/** The view at progress t: zoom moves geometrically (steady apparent speed), the centre linearly. */
export function viewAt(motion: Motion, t: number): View {
  const e = ease(t);
  const { from, to } = motion;
  const zoom = from.zoom * Math.pow(to.zoom / from.zoom, e);
  return {
    // Clamped so rounding can never zoom out past the picture (1 - 1e-16 would show an edge in theory).
    zoom: Math.min(Math.max(zoom, Math.min(from.zoom, to.zoom)), Math.max(from.zoom, to.zoom)),
    x: from.x + (to.x - from.x) * e,
    y: from.y + (to.y - from.y) * e,
  };
}

function even(value: number): number {
  return Math.max(2, 2 * Math.round(value / 2));
}

export function planMotion(
  scene: { index: number; start: number; end: number },
  format: FormatId,
  options: PlanOptions = {},
): RenderPlan {
  const { width, height } = FORMATS[format];
  const fps = options.fps ?? DEFAULT_FPS;
  const scale = options.scale ?? 1;
  if (!(scale > 0 && scale <= 1)) throw new RangeError(`scale must be in (0, 1], got ${scale}`);
  const frames = sceneFrames(scene, fps);
  if (frames < 1)
    throw new RangeError(`scene ${scene.index} is shorter than one frame (${scene.start}-${scene.end} s)`);
  return {
    index: scene.index,
    width: even(width * scale),
    height: even(height * scale),
    fps,
    frames,
    motion: options.motion ? pickedMotion(options.motion) : chooseMotion(scene.index, options.seed ?? 0),
    ...(options.maxKbps !== undefined ? { maxKbps: options.maxKbps } : {}),
  };
}
