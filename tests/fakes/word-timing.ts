// Test equipment: spreads a known script over measured speech regions the way Groq's Whisper reports words.

export interface Region {
  start: number;
  end: number;
}

export interface FakeWord {
  word: string;
  start: number;
  end: number;
}

export interface FakeSegment {
  id: number;
  seek: number;
  start: number;
  end: number;
  text: string;
  tokens: number[];
  temperature: number;
  avg_logprob: number;
  compression_ratio: number;
  no_speech_prob: number;
}

/** Speech is whatever is not silence, inside [0, duration]; slivers shorter than 50 ms are noise. */
export function speechRegions(silent: { start: number; end: number | undefined }[], duration: number): Region[] {
  const regions: Region[] = [];
  let cursor = 0;
  for (const quiet of [...silent].sort((a, b) => a.start - b.start)) {
    if (quiet.start - cursor > 0.05) regions.push({ start: cursor, end: Math.min(quiet.start, duration) });
    cursor = Math.max(cursor, quiet.end ?? duration);
  }
  if (duration - cursor > 0.05) regions.push({ start: cursor, end: duration });
  return regions;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Longer words take longer to say; punctuation does not. */
function weight(word: string): number {
  return word.replace(/[^\p{L}\p{N}]/gu, '').length + 1;
}

/** Speakers pause at punctuation: a split there is preferred over an exact share of the time. */
function pauseBonus(word: string | undefined): number {
  if (word === undefined) return 0;
  if (/[.!?]$/.test(word)) return 0.08;
  return /[,;:]$/.test(word) ? 0.04 : 0;
}

/**
 * How far (seconds of speech) a pause may pull a split. The bonuses above are fractions of the whole
 * script; unscaled, on a ten-minute recording a sentence end would pull a split by tens of seconds
 * and leave whole stretches of speech without words.
 */
const PAUSE_REACH_SECONDS = 12;

/** Index of the first word of each region after the first: near its share of the time, at a pause if one is close. */
function splits(words: string[], weights: number[], regions: Region[]): number[] {
  const total = regions.reduce((sum, r) => sum + (r.end - r.start), 0);
  const reach = Math.min(1, PAUSE_REACH_SECONDS / total);
  const sum = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let speech = 0;
  let previous = 0;
  for (const region of regions.slice(0, -1)) {
    speech += region.end - region.start;
    const share = speech / total;
    let best = previous;
    let bestScore = Infinity;
    let weightBefore = weights.slice(0, previous).reduce((a, b) => a + b, 0);
    for (let j = previous; j <= words.length; j++) {
      const score = Math.abs(weightBefore / sum - share) - pauseBonus(words[j - 1]) * reach;
      if (score < bestScore) [best, bestScore] = [j, score];
      weightBefore += weights[j] ?? 0;
    }
    out.push(best);
    previous = best;
  }
  return out;
}

/**
 * Words are shared out over the speech regions by length, splitting at punctuation where a pause is
 * likely, then laid out proportionally inside their region. Groq's quirks are reproduced: punctuation
 * stays on words, times have two decimals, and a word before punctuation runs 20 ms into the next one.
 */
export function spreadWords(script: string, regions: Region[]): FakeWord[] {
  const words = script.split(/\s+/).filter(Boolean);
  if (words.length === 0 || regions.length === 0) return [];
  const weights = words.map(weight);
  const bounds = [0, ...splits(words, weights, regions), words.length];
  const out: FakeWord[] = [];
  regions.forEach((region, r) => {
    const [from, to] = [bounds[r]!, bounds[r + 1]!];
    const regionSum = weights.slice(from, to).reduce((a, b) => a + b, 0);
    let t = region.start;
    for (let i = from; i < to; i++) {
      const length = ((region.end - region.start) * weights[i]!) / regionSum;
      const word = words[i]!;
      const overlap = /[,.;:!?]$/.test(word) && i < words.length - 1 ? 0.02 : 0;
      out.push({ word, start: round2(t), end: round2(t + length + overlap) });
      t += length;
    }
  });
  return out;
}

/** One segment per speech region, shaped like Groq's verbose_json segments. */
export function segmentsFor(words: FakeWord[], regions: Region[]): FakeSegment[] {
  const segments: FakeSegment[] = [];
  for (const region of regions) {
    const inside = words.filter((w) => w.start >= region.start - 0.01 && w.start < region.end);
    if (inside.length === 0) continue;
    segments.push({
      id: segments.length,
      seek: Math.floor(region.start * 100),
      start: round2(region.start),
      end: round2(region.end),
      text: ` ${inside.map((w) => w.word).join(' ')}`,
      tokens: inside.map((_, i) => 50364 + i),
      temperature: 0,
      avg_logprob: -0.12,
      compression_ratio: 1.5,
      no_speech_prob: 0.01,
    });
  }
  return segments;
}
