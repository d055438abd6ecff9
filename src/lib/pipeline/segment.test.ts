import { describe, expect, it } from 'vitest';
import galileo from '../../../tests/fixtures/groq-verbose-words-galileo.json';
import { segmentTranscript, type Scene } from './segment';
import { cutKind } from './segment-candidates';
import { syntheticTranscript } from './segment-synthetic';
import type { Word } from './transcript';

/** Words spoken back to back from `start`, `each` seconds apiece, as Whisper usually reports them. */
function say(text: string, start: number, each = 0.25): Word[] {
  return text.split(' ').map((word, i) => ({ word, start: start + i * each, end: start + (i + 1) * each }));
}

const cuts = (scenes: Scene[]) => scenes.slice(0, -1).map((s) => s.end);
const lengths = (scenes: Scene[]) => scenes.map((s) => +(s.end - s.start).toFixed(4));
const lastWords = (scenes: Scene[]) => scenes.map((s) => s.words.at(-1)?.word ?? '');

describe('segmentTranscript on the Galileo recording (rule 5)', () => {
  // 36.7 s of speech whose words touch (zero gaps), so every cut sits within half a frame of a word
  // edge. "bodies." (8.44 s) cannot end the first scene (> 8 s) and would leave a second one that is
  // too short, so the plan cuts at the clause marks "moons," (5.68) and "Galilei," (12.44), then at
  // the sentence end "probe." in the middle of its 0.5 s pause (17.93). From there no sentence end,
  // pause or comma lies 5-8 s ahead ("1989," is 4.6 s, "mission," 8.5 s), so one plain cut balances
  // the two scenes before "1995," (30.16), and the rest (6.55 s) ends the video.
  it('cuts at the commas, the sentence end in the pause, one plain gap and "1995,"', () => {
    const scenes = segmentTranscript(galileo.words, { duration: galileo.duration, fps: 30 });
    expect(cuts(scenes).map((t) => Math.round(t * 30))).toEqual([170, 373, 538, 722, 905]);
    expect(lastWords(scenes)).toEqual(['moons,', 'Galilei,', 'probe.', 'on', '1995,', 'Jupiter.']);
    expect(scenes[2]!.text).toBe('the Galileo spacecraft consisted of an orbiter and an atmospheric entry probe.');
    expect(scenes[3]!.text).toBe('It was delivered into Earth orbit on October 18, 1989, by Space Shuttle Atlantis on');
    expect(lengths(scenes)).toEqual([5.6667, 6.7667, 5.5, 6.1333, 6.1, 6.5458]);
  });

  it.each([24, 25, 60])('makes the same choices at %i fps, on that frame grid', (fps) => {
    const scenes = segmentTranscript(galileo.words, { duration: galileo.duration, fps });
    const words = lastWords(scenes);
    expect([words[0], words[1], words[2], words[4], words[5]]).toEqual([
      'moons,',
      'Galilei,',
      'probe.',
      '1995,',
      'Jupiter.',
    ]);
    for (const t of cuts(scenes)) expect(t * fps).toBeCloseTo(Math.round(t * fps), 9);
  });
});

/**
 * Plain words of 0.25 s, back to back, until `seconds`. `marks` puts punctuation on the word ending at
 * a given time, `pauses` inserts that much silence after it (times are after earlier pauses).
 */
function speech(seconds: number, marks: Record<string, string> = {}, pauses: Record<string, number> = {}): Word[] {
  const words: Word[] = [];
  for (let t = 0; t < seconds - 1e-9;) {
    const end = t + 0.25;
    const key = end.toFixed(2);
    words.push({ word: `w${words.length}${marks[key] ?? ''}`, start: t, end });
    t = end + (pauses[key] ?? 0);
  }
  return words;
}

describe('segmentTranscript preferences (rule 5)', () => {
  // 13.5 s holds exactly two scenes, so the one cut lies in [5.5, 8]: what the gaps there are decides.
  const comma = { '5.50': ',' };
  const pause = { '6.25': 0.5 }; // silence 6.25-6.75, words go on from 6.75
  const stop = { '7.50': '.' };
  const at = (scenes: Scene[]) => cuts(scenes).map((t) => Math.round(t * 30) / 30);

  it('prefers a sentence end to a pause, a clause mark or an even split', () => {
    const scenes = segmentTranscript(speech(13.5, { ...comma, ...stop }, pause), { duration: 13.5, fps: 30 });
    expect(at(scenes)).toEqual([7.5]);
  });

  it('prefers a pause of 0.3 s or more to a clause mark, and cuts in its middle', () => {
    const scenes = segmentTranscript(speech(13.5, comma, pause), { duration: 13.5, fps: 30 });
    expect(at(scenes)).toEqual([6.5]);
  });

  it('prefers a clause mark to any other gap, even off the ideal length', () => {
    const scenes = segmentTranscript(speech(13.5, comma), { duration: 13.5, fps: 30 });
    expect(at(scenes)).toEqual([5.5]);
  });

  it('among equal gaps, makes durations near 6.5 s', () => {
    const scenes = segmentTranscript(speech(13), { duration: 13, fps: 30 });
    expect(at(scenes)).toEqual([6.5]);
  });

  it('splits plain speech evenly rather than leave a short stub at the end', () => {
    // Greedy 6.5 s scenes would end with a 4 s stub; the plan makes three of about 5.7 s.
    const scenes = segmentTranscript(speech(17), { duration: 17, fps: 30 });
    expect(scenes).toHaveLength(3);
    for (const length of lengths(scenes)) expect(Math.abs(length - 17 / 3)).toBeLessThanOrEqual(0.25);
  });

  it('stretches a scene to 8 s to keep a sentence end rather than cut a stub or a plain gap', () => {
    // Sentence ends at 6 and 12 s of 14: cutting at both leaves a 2 s stub, so one stays unused.
    const scenes = segmentTranscript(speech(14, { '6.00': '.', '12.00': '.' }), { duration: 14, fps: 30 });
    expect(at(scenes)).toEqual([6]);
  });
});

describe('segmentTranscript with silence and odd words (rule 4)', () => {
  it('turns intro music and a long break into empty in-bound scenes', () => {
    const words = [...say('Hello and welcome back to the show everyone.', 20), ...say('See you next time.', 60)];
    const scenes = segmentTranscript(words, { duration: 65, fps: 30 });
    for (const s of scenes) expect(s.end - s.start).toBeGreaterThanOrEqual(5 - 1e-9);
    for (const s of scenes) expect(s.end - s.start).toBeLessThanOrEqual(8 + 1e-9);
    expect(scenes.filter((s) => s.end <= 20).every((s) => s.text === '')).toBe(true);
    expect(scenes.filter((s) => s.start >= 22 && s.end <= 60).every((s) => s.text === '')).toBe(true);
    expect(scenes.filter((s) => s.text).map((s) => s.text)).toEqual([
      'Hello and welcome back to the show everyone.',
      'See you next time.',
    ]);
  });

  it('gives a word longer than a scene one long scene of its own', () => {
    const words = [
      ...say('short intro before the song', 0, 1.2),
      { word: 'Ooooh', start: 6, end: 20 },
      ...say('and after the song we talk', 20, 1),
    ];
    const scenes = segmentTranscript(words, { duration: 26, fps: 30 });
    expect(scenes.map((s) => s.text)).toEqual(['short intro before the song', 'Ooooh', 'and after the song we talk']);
  });

  it('keeps audio shorter than a scene whole', () => {
    const scenes = segmentTranscript(say('Just a quick hello.', 0.5), { duration: 3.2, fps: 30 });
    expect(scenes).toEqual([
      { index: 0, start: 0, end: 3.2, text: 'Just a quick hello.', words: say('Just a quick hello.', 0.5) },
    ]);
  });

  it('cleans raw words itself: overlaps, padding and words past the end', () => {
    const raw = [
      { word: ' Hello', start: 0.2, end: 0.9 },
      { word: 'there,', start: 0.8, end: 1.4 },
      { word: ' ', start: 1.4, end: 1.5 },
      { word: 'friend.', start: 5.5, end: 9 },
    ];
    const scenes = segmentTranscript(raw, { duration: 6, fps: 30 });
    expect(scenes).toEqual([
      {
        index: 0,
        start: 0,
        end: 6,
        text: 'Hello there, friend.',
        words: [
          { word: 'Hello', start: 0.2, end: 0.8 },
          { word: 'there,', start: 0.8, end: 1.4 },
          { word: 'friend.', start: 5.5, end: 6 },
        ],
      },
    ]);
  });

  it('segments 3 hours (about 29 000 words) with near-linear work, not quadratic', () => {
    // Wall-clock bounds break on a busy machine (the speed itself is in `npm run bench -- segment`), so
    // this compares the same search on 20 min and on 3 h: 9x the words take about 9-12x as long when the
    // work is near-linear, 81x when it is quadratic. A first run warms the JIT up, and the best of three
    // runs each keeps a stray pause of the machine out of it.
    const best = (seconds: number) => {
      const { words, duration } = syntheticTranscript({ seconds, seed: 3 });
      let fastest = Infinity;
      let scenes = 0;
      for (let run = 0; run < 3; run++) {
        const start = performance.now();
        scenes = segmentTranscript(words, { duration, fps: 30 }).length;
        fastest = Math.min(fastest, performance.now() - start);
      }
      return { ms: fastest, scenes };
    };
    best(1200);
    const twentyMinutes = best(1200);
    const threeHours = best(3 * 3600);
    expect(threeHours.ms).toBeLessThan(30 * twentyMinutes.ms);
    expect(threeHours.scenes).toBeGreaterThan((3 * 3600) / 8);
  }, 60_000);

  it('is deterministic', () => {
    const { words, duration } = syntheticTranscript({ seconds: 600, seed: 7, breakChance: 0.05 });
    expect(segmentTranscript(words, { duration, fps: 25 })).toEqual(segmentTranscript(words, { duration, fps: 25 }));
  });

  it.each([
    [{ duration: 0, fps: 30 }, /duration/],
    [{ duration: Number.NaN, fps: 30 }, /duration/],
    [{ duration: 10, fps: 0 }, /frame rate/],
    [{ duration: 10, fps: 30, minSeconds: 8, maxSeconds: 5 }, /bounds/],
    [{ duration: 10, fps: 30, minSeconds: 0 }, /bounds/],
  ])('rejects %o with a clear message', (opts, message) => {
    expect(() => segmentTranscript([], opts)).toThrow(message);
  });
});

describe('cutKind', () => {
  it.each([
    ['planet.', 0, 'sentence'],
    ['really?!', 0, 'sentence'],
    ['so…', 0, 'sentence'],
    ['end."', 0, 'sentence'],
    ['(aside.)', 0, 'sentence'],
    ['Dr.', 0, 'plain'],
    ['J.', 0.5, 'pause'],
    ['breath', 0.3, 'pause'],
    ['moons,', 0.29, 'clause'],
    ['first;', 0, 'clause'],
    ['wait –', 0, 'clause'],
    ['and', 0.1, 'plain'],
  ])('%s followed by %f s of silence is a %s cut', (word, gap, kind) => {
    expect(cutKind(word, gap)).toBe(kind);
  });
});
