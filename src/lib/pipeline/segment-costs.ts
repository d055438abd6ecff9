// How a plan of scenes is scored: first how far scenes break [min, max], then rule-5 preferences.

export type SceneBounds = { fps: number; minSeconds: number; maxSeconds: number };

/** Weight of the "duration near the middle of [min, max]" preference at the bounds. */
const DURATION_WEIGHT = 2;
/** Tolerance for float noise when comparing seconds. */
export const EPS = 1e-9;

/**
 * How far a scene of `seconds` is outside [min, max]: 0 inside, else the seconds missing or in
 * excess plus a penalty, so that among plans that must break the bounds the one with fewer offending
 * scenes wins. The penalty stays below max, so splitting an overlong scene into two parts of at
 * least min seconds always lowers the total: the search relies on that.
 */
export function violation(seconds: number, bounds: SceneBounds): number {
  const { minSeconds: min, maxSeconds: max } = bounds;
  const penalty = violationPenalty(bounds);
  if (seconds < min - EPS) return penalty + min - seconds;
  if (seconds > max + EPS) return penalty + seconds - max;
  return 0;
}

/** The least any scene outside the bounds adds to the violation. */
export function violationPenalty(bounds: SceneBounds): number {
  return Math.min(0.5, bounds.maxSeconds / 2);
}

/** The parabola of `durationCost`: weight * ((seconds - target) / halfRange)². */
export function durationShape(bounds: SceneBounds): { target: number; halfRange: number; weight: number } {
  const target = (bounds.minSeconds + bounds.maxSeconds) / 2;
  return { target, halfRange: Math.max((bounds.maxSeconds - bounds.minSeconds) / 2, 1), weight: DURATION_WEIGHT };
}

/** Preference cost of a scene's duration: 0 at the middle of [min, max], DURATION_WEIGHT at the bounds. */
export function durationCost(bounds: SceneBounds): (seconds: number) => number {
  const { target, halfRange, weight } = durationShape(bounds);
  return (seconds) => weight * ((seconds - target) / halfRange) ** 2;
}

/** The whole-frame lengths a scene between two grid boundaries may have, or null if none fits. */
export function validFrameCounts(bounds: SceneBounds): { least: number; most: number } | null {
  const least = Math.max(1, Math.ceil(bounds.minSeconds * bounds.fps - EPS));
  const most = Math.floor(bounds.maxSeconds * bounds.fps + EPS);
  return least <= most ? { least, most } : null;
}
