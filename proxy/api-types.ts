// What the browser needs to talk to the proxy: wire types and limits, with no Node-only imports.
import type { Transcript } from '../src/lib/pipeline/transcript';

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

/** Groq's free tier takes uploads up to 25 MB; the app compresses larger audio before sending it. */
export const MAX_AUDIO_BYTES = 25 * 1024 * 1024;

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
}

export interface PromptResponse {
  prompt: string;
  model: string;
}

export interface ImageRequest {
  prompt: string;
  width: number;
  height: number;
  style?: ImageStyle;
}

/** Response headers of `POST /api/image` giving the size actually drawn (it may be smaller than asked). */
export const IMAGE_SIZE_HEADERS = { width: 'x-image-width', height: 'x-image-height' } as const;

export interface HealthReport {
  ok: true;
  providers: {
    transcribe: { configured: boolean; model: string; missingKey?: string };
    prompt: { configured: boolean; provider: string; model: string; missingKey?: string };
    image: { configured: boolean; missingKey?: string };
  };
}

/**
 * Request header naming one paid call (`/api/transcribe`, `/api/prompt`, `/api/image`): the same key
 * with the same request is answered from the server's memory, or joins the call still running, instead
 * of paying the service again. 1 to 200 visible ASCII characters; scoped to the caller's credentials.
 */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** Response header saying how a keyed request was answered: `new`, `remembered` or `joined`. */
export const IDEMPOTENCY_STATUS_HEADER = 'Idempotency-Status';
