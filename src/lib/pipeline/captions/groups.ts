// Grouping a transcript's words into captions: what is on screen together, and for how long.
import type { Word } from '../transcript';

export interface CaptionGroup {
  words: Word[];
  /** Seconds the group is on screen: from its first word until the next group (or a short linger). */
  start: number;
  end: number;
}

export interface GroupLimits {
  /** Most words on screen at once. */
  maxWords: number;
  /** Longest a group may last, first word's start to last word's end (seconds). */
  maxDuration: number;
  /** Also break after a comma, semicolon or colon (short word-by-word captions read better). */
  breakAtClauses?: boolean;
  /** Whether these words still fit the style's lines (line count and width); one word always goes. */
  fits?: (words: string[]) => boolean;
}

/** A pause this long ends a caption (speech resumes as a new thought). */
export const PAUSE_S = 0.5;
/** How long a caption stays after its last word when silence follows (never through the silence). */
export const LINGER_S = 0.5;

const SENTENCE_END = /[.!?…。！？]["'»”’)\]]*$/u;
const CLAUSE_END = /[,;:，、；：]["'»”’)\]]*$/u;

function endsSentence(word: string): boolean {
  return SENTENCE_END.test(word);
}

/**
 * Words in caption groups, in order, each word in exactly one group. A group ends at a sentence end, a
 * pause, or the style's limits. Groups are made over the whole transcript, not per scene, so a caption
 * runs on across a scene cut. A group stays until the next one starts when that is soon, and else
 * leaves `LINGER_S` after its last word.
 */
export function groupWords(words: Word[], limits: GroupLimits): CaptionGroup[] {
  const groups: Word[][] = [];
  let current: Word[] = [];
  for (const word of words) {
    const previous = current.at(-1);
    const full =
      previous !== undefined &&
      (endsSentence(previous.word) ||
        (limits.breakAtClauses && CLAUSE_END.test(previous.word)) ||
        word.start - previous.end >= PAUSE_S ||
        current.length >= limits.maxWords ||
        word.end - (current[0] as Word).start > limits.maxDuration ||
        (limits.fits !== undefined && !limits.fits([...current, word].map((w) => w.word))));
    if (full) {
      groups.push(current);
      current = [];
    }
    current.push(word);
  }
  if (current.length > 0) groups.push(current);
  return groups.map((group, i) => {
    const first = group[0] as Word;
    const last = group.at(-1) as Word;
    const next = groups[i + 1]?.[0]?.start;
    const linger = last.end + LINGER_S;
    const end = next !== undefined && next <= linger ? next : linger;
    return { words: group, start: first.start, end: Math.max(end, last.end) };
  });
}
