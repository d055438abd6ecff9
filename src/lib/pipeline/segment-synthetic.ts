// Deterministic synthetic transcripts shaped like Whisper output, for segmenting tests and benchmarks.

import type { Word } from './transcript';

const VOCABULARY = (
  'the probe spacecraft orbit moon planet light distant storm ocean signal camera engine crew ' +
  'after before slowly quietly over under into across was were is had found measured carried ' +
  'Jupiter Galileo Venus Earth atmosphere radiation magnetic field mission scientists data'
).split(' ');

/** A small fast seeded generator (mulberry32): the same seed always builds the same transcript. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type SyntheticOptions = {
  seconds: number;
  seed: number;
  /** Chance per sentence of a music break (10-60 s of silence) after it. */
  breakChance?: number;
};

/**
 * Speech for about `seconds`: sentences of 4-24 words with commas, words mostly back to back as
 * Whisper reports them, some small gaps, 0.3-1.5 s pauses after half the sentences, a short intro,
 * rare music breaks, and the overlaps and backward steps real responses contain (not normalised).
 */
export function syntheticTranscript(opts: SyntheticOptions): { words: Word[]; duration: number } {
  const random = seededRandom(opts.seed);
  const between = (low: number, high: number) => low + (high - low) * random();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const words: Word[] = [];
  let time = between(0, 3);
  while (time < opts.seconds) {
    const length = 4 + Math.floor(random() * 21);
    for (let i = 0; i < length; i++) {
      const last = i === length - 1;
      const mark = last ? pick(['.', '.', '.', '?', '!']) : random() < 0.12 ? pick([',', ',', ';', ':']) : '';
      const start = time + (random() < 0.05 ? -between(0, 0.08) : 0);
      const end = start + between(0.1, 0.5);
      words.push({ word: `${pick(VOCABULARY)}${mark}`, start, end });
      time = end + (random() < 0.3 ? between(0.01, 0.25) : 0);
    }
    if (random() < 0.5) time += between(0.3, 1.5);
    if (random() < (opts.breakChance ?? 0.002)) time += between(10, 60);
  }
  return { words, duration: time + between(0, 4) };
}
