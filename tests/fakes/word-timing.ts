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

/**
 * Each word goes to the region holding its share of the speech time (by length), then words are laid
 * out proportionally inside their region. Groq's quirks are reproduced: punctuation stays on words,
 * times have two decimals, and a word before punctuation runs 20 ms into the next one.
 */
export function spreadWords(script: string, regions: Region[]): FakeWord[] {
  const words = script.split(/\s+/).filter(Boolean);
  const total = regions.reduce((sum, r) => sum + (r.end - r.start), 0);
  if (words.length === 0 || total <= 0) return [];
  const weights = words.map(weight);
  const sum = weights.reduce((a, b) => a + b, 0);
  const buckets: number[][] = regions.map(() => []);
  let before = 0;
  weights.forEach((w, i) => {
    const mid = ((before + w / 2) / sum) * total;
    before += w;
    let elapsed = 0;
    const index = regions.findIndex((r) => (elapsed += r.end - r.start) >= mid);
    buckets[index === -1 ? regions.length - 1 : index]!.push(i);
  });
  const out: FakeWord[] = [];
  buckets.forEach((indices, r) => {
    const region = regions[r]!;
    const regionSum = indices.reduce((a, i) => a + weights[i]!, 0);
    let t = region.start;
    for (const i of indices) {
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
