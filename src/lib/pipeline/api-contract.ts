// What the browser and the proxy agree on for /api: wire types, limits, style ids and header names.
// Pure (no Node, no DOM): the page, the worker and the server all import it.
import type { Transcript } from './transcript';

/** Every failed /api call answers with this body and a fitting HTTP status. */
export interface ErrorBody {
  error: {
    /** Stable, machine-readable reason, e.g. `missing_key`, `rate_limited`, `upstream_timeout`. */
    code: string;
    /** A sentence a user can act on; never contains keys or upstream internals. */
    message: string;
    /** True when the same request may succeed later (after `retry-after` seconds when sent). */
    retryable: boolean;
  };
}

/** The error code of a call refused for want of the server's ACCESS_TOKEN (none sent, or a wrong one). */
export const ACCESS_DENIED = 'access_token_required';

/**
 * Groq's free tier takes uploads up to 25 MB, counted here in decimal megabytes (the smaller reading),
 * so nothing the app sends or the proxy accepts can be refused upstream for its size. The app sends a
 * compact copy of larger recordings.
 */
export const MAX_UPLOAD_BYTES = 25_000_000;

/** Image sides the proxy accepts, in pixels. */
export const IMAGE_SIDE = { min: 256, max: 2048 } as const;

/** Longest scene text or image prompt the proxy accepts, in characters. */
export const MAX_TEXT_CHARS = 4000;

/** The stockimg.ai stock-image endpoints `style` may pick; `stockimg` is the default. */
export const IMAGE_STYLES = ['stockimg', 'cinematic', 'knolling', 'polaroid'] as const;
export type ImageStyle = (typeof IMAGE_STYLES)[number];

/** `POST /api/transcribe` answers with the transcript; `notice` says when a fallback model was used. */
export type TranscribeResponse = Transcript & { notice?: string };

export interface PromptRequest {
  /** The scene's words; may be empty for a silent scene, then `context` is illustrated instead. */
  text: string;
  /** Text of the neighbouring scenes. */
  context?: string;
  /** The project's visual guide (recurring people, places, objects, era, palette), sent as context. */
  guide?: string;
  /** The last words before this scene and the first after it, so "she" can be told apart. */
  before?: string;
  after?: string;
}

/** Longest visual guide the proxy accepts or writes, in characters. */
export const MAX_GUIDE_CHARS = 2000;

/** Longest piece of a transcript one guide request reads; longer transcripts are read in pieces. */
export const GUIDE_PIECE_CHARS = 12_000;

/** `POST /api/guide`: one piece of the transcript, and the guide written from the pieces before it. */
export interface GuideRequest {
  text: string;
  style?: ImageStyle;
  /** The guide so far, to be kept and extended; absent for the first piece. */
  previous?: string;
  /** Which piece this is (1-based) and of how many, when there is more than one. */
  part?: { index: number; of: number };
}

export interface GuideResponse {
  guide: string;
  model: string;
}

export interface PromptResponse {
  prompt: string;
  model: string;
}

/**
 * Which stockimg.ai model draws an image: the project's style (`style`, the stock-image endpoints) or
 * Flux (`/v1/text-to-image/flux/dev` or `/pro`), which takes a seed.
 */
export const IMAGE_MODELS = ['style', 'flux-dev', 'flux-pro'] as const;
export type ImageModel = (typeof IMAGE_MODELS)[number];

/** Seeds the proxy passes on: unsigned 32-bit integers. */
export const MAX_SEED = 4_294_967_295;

export interface ImageRequest {
  prompt: string;
  width: number;
  height: number;
  style?: ImageStyle;
  /** Absent: the style's endpoint, as before models could be picked. */
  model?: ImageModel;
  seed?: number;
}

/** Response headers of `POST /api/image` giving the size actually drawn (it may be smaller than asked). */
export const IMAGE_SIZE_HEADERS = { width: 'x-image-width', height: 'x-image-height' } as const;

/** `GET /api/health`: which upstream services are configured (keys are never revealed, only their names). */
export interface HealthReport {
  ok: true;
  providers: {
    transcribe: { configured: boolean; model: string; missingKey?: string };
    prompt: { configured: boolean; provider: string; model: string; missingKey?: string };
    image: { configured: boolean; missingKey?: string };
  };
}

/**
 * Milliseconds to wait from a `retry-after` header: seconds (a fraction allowed) or an HTTP date
 * (never less than 0); undefined for anything else. Read by the browser from the proxy, and by the
 * proxy from the upstream services.
 */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Request header naming one paid call (`/api/transcribe`, `/api/prompt`, `/api/image`): the same key
 * with the same request is answered from the server's memory, or joins the call still running, instead
 * of paying the service again. 1 to 200 visible ASCII characters; scoped to the caller's credentials.
 */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** Response header saying how a keyed request was answered: `new`, `remembered` or `joined`. */
export const IDEMPOTENCY_STATUS_HEADER = 'Idempotency-Status';
