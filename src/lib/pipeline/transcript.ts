// The transcript every model's output is normalised into, and the clean-up of word timestamps.

export type Word = { word: string; start: number; end: number };

export type Transcript = {
  language: string;
  duration: number;
  model: string;
  words: Word[];
  segments: { text: string; start: number; end: number }[];
};

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

/**
 * Makes word timestamps safe to cut on: trimmed, non-empty, inside [0, duration], each word starting
 * no earlier than the previous one and ending no earlier than it starts. Real Whisper output overlaps
 * ("moons," 4.9-5.7 then "as" 5.68) and steps backwards, so an overlap is clamped: the earlier word
 * is cut short where the next one begins.
 */
export function normalizeWords(words: Word[], duration: number): Word[] {
  const limit = Number.isFinite(duration) && duration > 0 ? duration : 0;
  const cleaned: Word[] = [];
  for (const raw of words) {
    const text = raw.word.trim();
    if (!text) continue;
    const rawStart = Number.isFinite(raw.start) ? raw.start : 0;
    const rawEnd = Number.isFinite(raw.end) ? raw.end : rawStart;
    const previous = cleaned.at(-1);
    const start = clamp(rawStart, previous?.start ?? 0, limit);
    const end = clamp(rawEnd, start, limit);
    if (previous && previous.end > start) previous.end = start;
    cleaned.push({ word: text, start, end });
  }
  return cleaned;
}
