// Varied English prose for the benchmark's narration: seeded, so every run speaks the same paragraphs.
import { seededRandom } from '../src/lib/pipeline/segment-synthetic';
import { MOODS, THEMES, TIMES, type Theme } from './prose-themes';

type Pick = <T>(items: readonly T[]) => T;

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Sentence shapes from three words to forty: statements, long compound sentences, questions and
 * asides, so the narration has the rhythm (and the pauses at punctuation) of someone telling a story.
 */
const SHAPES: ((t: Theme, pick: Pick) => string)[] = [
  (t, pick) => `${pick(TIMES)}, ${pick(t.places)} was ${pick(MOODS)}.`,
  (t, pick) => `${capital(pick(t.people))} ${pick(t.doings)}.`,
  (t, pick) => `${capital(pick(t.people))} ${pick(t.doings)}, while ${pick(t.sights)}.`,
  (t, pick) => `${capital(pick(t.sights))}, and ${pick(t.details)} filled ${pick(t.places)}.`,
  (t, pick) => `Somewhere nearby, ${pick(t.sights)}.`,
  (t, pick) => `Then ${pick(t.sights)}.`,
  (t, pick) => `Nobody noticed ${pick(t.details)} at first, but it had been there all along.`,
  (t, pick) => `Have you ever stood in ${pick(t.places)} and simply listened?`,
  (t, pick) =>
    `Looking back, it is hard to say why ${pick(t.places)} mattered so much, but ${pick(t.people)} ` +
    `still remembers ${pick(t.details)}, and the way ${pick(t.sights)}.`,
  (t, pick) => `${capital(pick(t.people))} stopped, listened for a moment, and ${pick(t.doings)}.`,
  () => 'Nothing else happened for a while.',
  (t, pick) => `It was ${pick(t.details)} that stayed with me: not the view, not the people, just that.`,
  (t, pick) =>
    `First ${pick(t.people)} ${pick(t.doings)}; then ${pick(t.people)} ${pick(t.doings)}; ` +
    `and by the time anyone thought to look up, ${pick(t.sights)}.`,
  (t, pick) => `What was ${pick(t.people)} thinking, I wonder, when ${pick(t.sights)}?`,
  () => 'That was enough.',
];

export interface Paragraph {
  text: string;
  words: number;
}

/**
 * An endless supply of paragraphs of 3-8 sentences, each about one setting; same seed, same text.
 * A sentence is not said twice while other sentences are left (a speaker does not repeat herself,
 * and two scenes with the same words would share one picture).
 */
export function* paragraphs(seed = 2026): Generator<Paragraph> {
  const random = seededRandom(seed);
  const pick: Pick = (items) => items[Math.floor(random() * items.length)]!;
  const said = new Set<string>();
  const fresh = (theme: Theme) => {
    let sentence = pick(SHAPES)(theme, pick);
    for (let tries = 0; said.has(sentence) && tries < 50; tries++) sentence = pick(SHAPES)(theme, pick);
    said.add(sentence);
    return sentence;
  };
  for (;;) {
    const theme = pick(THEMES);
    const count = 3 + Math.floor(random() * 6);
    const text = Array.from({ length: count }, () => fresh(theme)).join(' ');
    yield { text, words: text.split(/\s+/).length };
  }
}
