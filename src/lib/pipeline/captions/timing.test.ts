// Frame timing: at every frame the highlighted word is the one being spoken, within one frame.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frameOf } from '../timeline';
import { groupWords } from './groups';
import { captionSpans, spanAt } from './timing';
import { wordsArbitrary } from './words.fixture';

describe('captionSpans', () => {
  it('lights the spoken word at every frame, changing within half a frame of the transcript', () => {
    fc.assert(
      fc.property(wordsArbitrary(), fc.constantFrom(24, 25, 30, 60), (words, fps) => {
        const groups = groupWords(words, { maxWords: 3, maxDuration: 7 });
        const spans = captionSpans(groups, fps, true);
        for (const [i, span] of spans.entries()) {
          expect(span.endFrame).toBeGreaterThan(span.startFrame);
          if (i > 0) expect(span.startFrame).toBeGreaterThanOrEqual(spans[i - 1]!.endFrame);
        }
        const last = frameOf(words.at(-1)!.end, fps) + fps;
        for (let frame = 0; frame <= last; frame++) {
          const span = spanAt(spans, frame);
          // The word being spoken: the last one whose start is at or before this frame's time.
          const t = frame / fps;
          const spoken = words.findLast((word) => word.start <= t);
          const speaking = spoken && frameOf(spoken.start, fps) <= frame && frame < frameOf(spoken.end, fps);
          if (speaking) expect(span).toBeDefined();
          if (!span) continue;
          const lit = groups[span.group]!.words[span.word!]!;
          const litIndex = words.indexOf(lit);
          // The lit word has started (to the nearest frame) and the next word has not.
          expect(frameOf(lit.start, fps)).toBeLessThanOrEqual(frame);
          const next = words[litIndex + 1];
          if (next) expect(frameOf(next.start, fps)).toBeGreaterThan(frame);
          // So it is the spoken word, or its neighbour only within half a frame of their boundary.
          if (spoken !== lit) {
            const boundary = spoken ? Math.max(spoken.start, lit.start) : lit.start;
            expect(Math.abs(boundary - t)).toBeLessThanOrEqual(0.5 / fps + 1e-9);
          }
        }
      }),
    );
  });

  it('shows a word-less style group from its first word to its end, one span per group', () => {
    const words = [
      { word: 'Hi.', start: 0.1, end: 0.5 },
      { word: 'Bye.', start: 3, end: 3.4 },
    ];
    const spans = captionSpans(groupWords(words, { maxWords: 3, maxDuration: 7 }), 30, false);
    expect(spans).toEqual([
      { group: 0, word: undefined, startFrame: 3, endFrame: 30 },
      { group: 1, word: undefined, startFrame: 90, endFrame: 117 },
    ]);
  });
});
