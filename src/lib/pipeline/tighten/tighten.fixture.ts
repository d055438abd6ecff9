// Test equipment: word timelines like Whisper's (monotonic, gaps of any length), some words fillers.
import fc from 'fast-check';
import type { Word } from '../transcript';

const VOCABULARY = ['the', 'probe', 'reached', 'Jupiter', 'in', '1995', 'and', 'its', 'moons,'];
const FILLERS = ['um', 'Uh,', 'hmm', 'erm', 'ah'];

/** Words with gaps between 0 and 3 s, about a third of them fillers, and the recording's duration. */
export const timeline = fc
  .array(
    fc.record({
      gap: fc.double({ min: 0, max: 3, noNaN: true }),
      length: fc.double({ min: 0.05, max: 1.2, noNaN: true }),
      filler: fc.boolean(),
      pick: fc.nat(),
    }),
    { minLength: 0, maxLength: 40 },
  )
  .chain((parts) =>
    fc.double({ min: 0, max: 3, noNaN: true }).map((tail) => {
      const words: Word[] = [];
      let t = 0;
      for (const part of parts) {
        const start = t + part.gap;
        const end = start + part.length;
        const list = part.filler && part.pick % 3 === 0 ? FILLERS : VOCABULARY;
        words.push({ word: list[part.pick % list.length] as string, start, end });
        t = end;
      }
      return { words, duration: t + tail };
    }),
  );
