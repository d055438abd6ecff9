import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canEdit,
  draftBase,
  editCuts,
  isSavedDraft,
  layoutOf,
  lengthWarning,
  sameCuts,
  spanText,
  takeBackDraft,
  tiles,
  type CutEdit,
  type Layout,
} from './scene-cuts';
import { segmentTranscript } from './segment';
import { syntheticTranscript } from './segment-synthetic';
import { frameOf, sceneFrames } from './timeline';

const FPS = 30;

function layoutFor(seed: number, seconds = 60): { layout: Layout; duration: number } {
  const { words, duration } = syntheticTranscript({ seconds, seed });
  const scenes = segmentTranscript(words, { duration, fps: FPS });
  return { layout: layoutOf(scenes, FPS), duration };
}

/** The rules every layout keeps, whatever was edited. */
function expectSound(layout: Layout, duration: number) {
  const { spans, words } = layout;
  let next = 0;
  let time = 0;
  for (const span of spans) {
    // Each word in exactly one scene, in order; the scenes tile the audio.
    expect(span.first).toBe(next);
    expect(span.start).toBe(time);
    next += span.count;
    time = span.end;
    expect(sceneFrames(span, FPS)).toBeGreaterThanOrEqual(1);
    if (span.start > 0) expect(Math.abs(span.start * FPS - Math.round(span.start * FPS))).toBeLessThan(1e-9);
  }
  expect(next).toBe(words.length);
  expect(time).toBe(duration);
  expect(spans.reduce((sum, span) => sum + sceneFrames(span, FPS), 0)).toBe(frameOf(duration, FPS));
}

describe('moving a cut by a word', () => {
  const { layout, duration } = layoutFor(7);

  it('hands one word to the next scene or takes one from it, and touches only those two scenes', () => {
    const [a, b] = [layout.spans[1]!, layout.spans[2]!];
    const later = editCuts(layout, { kind: 'move', cut: 1, by: 1 })!;
    expect(later.spans[1]).toMatchObject({ first: a.first, count: a.count + 1, start: a.start });
    expect(later.spans[2]).toMatchObject({ first: b.first + 1, count: b.count - 1, end: b.end });
    expect(spanText(later, later.spans[1]!).endsWith(layout.words[b.first]!.word)).toBe(true);
    const earlier = editCuts(layout, { kind: 'move', cut: 1, by: -1 })!;
    expect(earlier.spans[1]!.count).toBe(a.count - 1);
    expect(earlier.spans[2]!.first).toBe(b.first - 1);
    for (const moved of [later, earlier]) {
      expectSound(moved, duration);
      moved.spans.forEach((span, i) => {
        if (i !== 1 && i !== 2) expect(span).toEqual(layout.spans[i]);
      });
    }
  });

  it('puts the new cut on a frame in the silence between the two words (within half a frame)', () => {
    const later = editCuts(layout, { kind: 'move', cut: 1, by: 1 })!;
    const cut = later.spans[2]!.start;
    const before = later.words[later.spans[2]!.first - 1]!;
    const after = later.words[later.spans[2]!.first]!;
    expect(cut).toBeGreaterThanOrEqual(before.end - 0.5 / FPS - 1e-9);
    expect(cut).toBeLessThanOrEqual(after.start + 0.5 / FPS + 1e-9);
    expect(Number.isInteger(Math.round(cut * FPS * 1e6) / 1e6)).toBe(true);
  });

  it('comes back to the very same layout when moved back', () => {
    const there = editCuts(layout, { kind: 'move', cut: 0, by: 1 })!;
    const back = editCuts(there, { kind: 'move', cut: 0, by: -1 })!;
    expect(sameCuts(back.spans, layout.spans)).toBe(true);
  });

  it('never empties a scene of its words (that is a merge) and refuses cuts that do not exist', () => {
    const two = layoutOf(
      [
        { start: 0, end: 2, words: [{ word: 'one', start: 0.2, end: 0.6 }] },
        {
          start: 2,
          end: 5,
          words: [
            { word: 'two', start: 2.2, end: 2.6 },
            { word: 'three', start: 3, end: 3.5 },
          ],
        },
      ],
      FPS,
    );
    expect(editCuts(two, { kind: 'move', cut: 0, by: -1 })).toBeUndefined();
    const later = editCuts(two, { kind: 'move', cut: 0, by: 1 })!;
    expect(later.spans.map((span) => span.count)).toEqual([2, 1]);
    expect(later.spans[1]!.start).toBeCloseTo(2.8, 6);
    expect(editCuts(later, { kind: 'move', cut: 0, by: 1 })).toBeUndefined();
    expect(editCuts(two, { kind: 'move', cut: 1, by: 1 })).toBeUndefined();
    expect(editCuts(two, { kind: 'merge', cut: 1 })).toBeUndefined();
  });

  it('lets a silent scene take a word from its neighbour', () => {
    const silent = layoutOf(
      [
        { start: 0, end: 3, words: [] },
        {
          start: 3,
          end: 6,
          words: [
            { word: 'hello', start: 3.1, end: 3.5 },
            { word: 'there', start: 4, end: 4.4 },
          ],
        },
      ],
      FPS,
    );
    const moved = editCuts(silent, { kind: 'move', cut: 0, by: 1 })!;
    expect(moved.spans.map((span) => [span.first, span.count])).toEqual([
      [0, 1],
      [1, 1],
    ]);
    // The frame nearest the middle of the pause between "hello" and "there".
    expect(Math.abs(moved.spans[1]!.start - 3.75)).toBeLessThanOrEqual(0.5 / FPS + 1e-9);
  });
});

describe('merging and splitting scenes', () => {
  const { layout, duration } = layoutFor(11);

  it('merges two neighbours into one scene holding both', () => {
    const merged = editCuts(layout, { kind: 'merge', cut: 2 })!;
    expect(merged.spans).toHaveLength(layout.spans.length - 1);
    const [a, b] = [layout.spans[2]!, layout.spans[3]!];
    expect(merged.spans[2]).toEqual({ start: a.start, end: b.end, first: a.first, count: a.count + b.count });
    expectSound(merged, duration);
  });

  it('splits a scene just before the word picked; both parts keep a word', () => {
    const span = layout.spans[1]!;
    const split = editCuts(layout, { kind: 'split', scene: 1, word: 2 })!;
    expect(split.spans).toHaveLength(layout.spans.length + 1);
    expect(split.spans[1]).toMatchObject({ first: span.first, count: 2, start: span.start });
    expect(split.spans[2]).toMatchObject({ first: span.first + 2, count: span.count - 2, end: span.end });
    expectSound(split, duration);
    expect(editCuts(layout, { kind: 'split', scene: 1, word: 0 })).toBeUndefined();
    expect(editCuts(layout, { kind: 'split', scene: 1, word: span.count })).toBeUndefined();
    expect(editCuts(layout, { kind: 'split', scene: layout.spans.length, word: 1 })).toBeUndefined();
  });

  it('comes back to the same layout when split again where it was merged', () => {
    const merged = editCuts(layout, { kind: 'merge', cut: 0 })!;
    const again = editCuts(merged, { kind: 'split', scene: 0, word: layout.spans[0]!.count })!;
    expect(sameCuts(again.spans, layout.spans)).toBe(true);
  });

  it('refuses a split that would leave a part shorter than a frame', () => {
    const tight = layoutOf(
      [
        {
          start: 0,
          end: 0.04,
          words: [
            { word: 'a', start: 0, end: 0.02 },
            { word: 'b', start: 0.03, end: 0.04 },
          ],
        },
      ],
      FPS,
    );
    expect(editCuts(tight, { kind: 'split', scene: 0, word: 1 })).toBeUndefined();
  });
});

describe('edits in any order (properties)', () => {
  const edit: fc.Arbitrary<CutEdit> = fc.oneof(
    fc.record({ kind: fc.constant('move' as const), cut: fc.nat(40), by: fc.constantFrom(-1 as const, 1 as const) }),
    fc.record({ kind: fc.constant('merge' as const), cut: fc.nat(40) }),
    fc.record({ kind: fc.constant('split' as const), scene: fc.nat(40), word: fc.nat(30) }),
  );

  it('keeps every word in exactly one scene, in order, the scenes tiling the audio on frames', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.array(edit, { maxLength: 25 }), (seed, edits) => {
        const { layout: first, duration } = layoutFor(seed, 45);
        let layout = first;
        for (const step of edits) {
          const next = editCuts(layout, step);
          expect(canEdit(layout, step)).toBe(next !== undefined);
          if (!next) continue;
          expectSound(next, duration);
          layout = next;
        }
      }),
      { numRuns: 60 },
    );
  });

  it('changes only the scenes an edit names: a move two, a merge two into one, a split one into two', () => {
    fc.assert(
      fc.property(fc.nat(1000), edit, (seed, step) => {
        const { layout } = layoutFor(seed, 45);
        const next = editCuts(layout, step);
        if (!next) return;
        const at = step.kind === 'split' ? step.scene : step.cut;
        const [removed, added] = step.kind === 'move' ? [2, 2] : step.kind === 'merge' ? [2, 1] : [1, 2];
        expect(next.spans.length).toBe(layout.spans.length - removed + added);
        expect(next.spans.slice(0, at)).toEqual(layout.spans.slice(0, at));
        expect(next.spans.slice(at + added)).toEqual(layout.spans.slice(at + removed));
        const changed = next.spans.slice(at, at + added);
        const old = layout.spans.slice(at, at + removed);
        // None of the edited scenes is an old one unchanged (merged with a silent scene, it keeps its words, not its time).
        for (const span of changed) expect(old.some((o) => sameCuts([o], [span]))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the length warning', () => {
  it('says gently how a scene’s length compares with the 5-8 s we suggest', () => {
    expect(lengthWarning(9.4)).toBe('9.4 s: longer than the 8 s we suggest');
    expect(lengthWarning(3.25)).toBe('3.3 s: shorter than the 5 s we suggest');
    expect(lengthWarning(6)).toBeUndefined();
    expect(lengthWarning(8.04)).toBeUndefined();
    expect(lengthWarning(4.96)).toBeUndefined();
  });
});

describe('a draft kept across a reload', () => {
  const { words, duration } = syntheticTranscript({ seconds: 60, seed: 9 });
  const scenes = segmentTranscript(words, { duration, fps: FPS });
  const layout = layoutOf(scenes, FPS);
  const draft = editCuts(editCuts(layout, { kind: 'move', cut: 1, by: 1 })!, { kind: 'merge', cut: 3 })!;
  // As it is kept: plain data, through JSON.
  const saved = JSON.parse(JSON.stringify({ base: draftBase(scenes), spans: draft.spans })) as unknown;

  it('is taken back while the stored scenes are the ones it was drawn on', () => {
    expect(isSavedDraft(saved)).toBe(true);
    const back = isSavedDraft(saved) ? takeBackDraft(saved, scenes, FPS) : undefined;
    expect(back?.spans).toEqual(draft.spans);
    expect(sameCuts(back!.spans, draft.spans)).toBe(true);
    // The same edits go on from it: a cut moved back lands where the stored one is.
    const again = editCuts(back!, { kind: 'move', cut: 1, by: -1 })!;
    expect(again.spans.slice(0, 3)).toEqual(layout.spans.slice(0, 3));
  });

  it('is dropped once a word was corrected or the scenes were cut otherwise (another tab)', () => {
    if (!isSavedDraft(saved)) throw new Error('not a draft');
    const corrected = scenes.map((scene, i) =>
      i === 2 ? { ...scene, corrections: [{ word: 0, text: 'Io' }] } : scene,
    );
    expect(takeBackDraft(saved, corrected, FPS)).toBeUndefined();
    const other = editCuts(layout, { kind: 'merge', cut: 0 })!;
    const recut = other.spans.map((span) => ({
      ...scenes[0]!,
      start: span.start,
      end: span.end,
      words: draft.words.slice(span.first, span.first + span.count),
    }));
    expect(takeBackDraft(saved, recut, FPS)).toBeUndefined();
    // Cuts that do not tile the scenes' words are refused even with the right fingerprint.
    expect(tiles(layout, saved.spans.slice(1))).toBe(false);
    expect(takeBackDraft({ ...saved, spans: saved.spans.slice(1) }, scenes, FPS)).toBeUndefined();
  });

  it('refuses what is not a draft', () => {
    expect(isSavedDraft(undefined)).toBe(false);
    expect(isSavedDraft({ base: 'x', spans: [{ start: 0, end: 1, first: 0 }] })).toBe(false);
    expect(isSavedDraft({ base: 1, spans: [] })).toBe(false);
  });
});
