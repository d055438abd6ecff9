// What a recording will buy, estimated from its length before anything is sent: the scenes it will be
// cut into (5-8 s each), so its images and prompt requests, plus the transcription and the visual guide.
import { GUIDE_PIECE_CHARS } from './api-contract';

/** Scenes last 5 to 8 s (see segment.ts), most often near the middle. */
const SCENE_SECONDS = { min: 5, max: 8, usual: 6.5 } as const;

/** Brisk speech, punctuation and spaces included: more than most narrators say per second. */
const CHARS_PER_SECOND = 17;

export interface CostEstimate {
  scenes: { low: number; likely: number; high: number };
  transcriptions: number;
  /** One per scene, plus the guide's requests (a long transcript is read in pieces). */
  prompts: { low: number; likely: number; high: number };
  guideRequests: number;
  images: { low: number; likely: number; high: number };
}

export function estimateCost(durationSeconds: number): CostEstimate {
  const seconds = Number.isFinite(durationSeconds) && durationSeconds > 0 ? durationSeconds : 0;
  const low = Math.max(1, Math.ceil(seconds / SCENE_SECONDS.max));
  const high = Math.max(low, Math.floor(seconds / SCENE_SECONDS.min));
  const likely = Math.min(high, Math.max(low, Math.round(seconds / SCENE_SECONDS.usual)));
  const scenes = { low, likely, high };
  const guideRequests = Math.max(1, Math.ceil((seconds * CHARS_PER_SECOND) / GUIDE_PIECE_CHARS));
  const plus = (n: number) => n + guideRequests;
  return {
    scenes,
    transcriptions: 1,
    guideRequests,
    prompts: { low: plus(low), likely: plus(likely), high: plus(high) },
    images: { ...scenes },
  };
}

/** "5" or "4 to 6". */
export function formatRange(range: { low: number; high: number }): string {
  return range.low === range.high ? String(range.low) : `${range.low} to ${range.high}`;
}
