// The ASS document of a clip: its own events only, in its own time, inside the safe area, lit word by word.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FORMATS } from '../formats';
import { assTime, clipAss } from './ass';
import { assColour } from './ass-colour';
import { captionFaces } from './coverage';
import { fallbackFontsIn } from './fallback-fonts';
import { lineText } from './lines';
import { measureFaces, measureShippedFont } from './measure';
import { CAPTION_COLOURS } from './scene';
import { safeArea } from './safe-area';
import { captionTrack } from './track';
import { evenWords, wordsArbitrary } from './words.fixture';

const TIKTOK = FORMATS.tiktok;
const HIGHLIGHT = assColour(CAPTION_COLOURS.highlight);
const YOUTUBE = FORMATS.youtube;

interface Event {
  start: number;
  end: number;
  text: string;
}

function seconds(time: string): number {
  const [h, m, s] = time.split(':').map(Number) as [number, number, number];
  return h * 3600 + m * 60 + s;
}

function events(ass: string): Event[] {
  return ass
    .split('\n')
    .filter((line) => line.startsWith('Dialogue:'))
    .map((line) => {
      const [, start = '', end = '', ...rest] = line.slice('Dialogue: '.length).split(',');
      return { start: seconds(start), end: seconds(end), text: rest.slice(6).join(',') };
    });
}

/** The text as drawn: override blocks removed, \N as a line break. */
function drawn(text: string): string[] {
  return text.replace(/\{[^}]*\}/g, '').split('\\N');
}

describe('clipAss', () => {
  const words = evenWords('Once upon a time, a small red fox lived at the edge of a quiet forest.', 0.4, 0.2);

  it('gives each clip only its own events, shifted to its own time, on the frame grid', () => {
    const track = captionTrack(words, 'word', TIKTOK, 30);
    const whole = events(clipAss(track, 0, 300));
    const second = events(clipAss(track, 60, 120));
    expect(second.length).toBeGreaterThan(0);
    expect(second.length).toBeLessThan(whole.length);
    for (const event of second) {
      expect(event.start).toBeGreaterThanOrEqual(0);
      expect(event.end).toBeLessThanOrEqual(60 / 30);
      // Half a frame before a frame boundary, to the centisecond.
      for (const time of [event.start, event.end]) {
        if (time > 0) expect(Math.abs(((time * 30 + 0.5) % 1) - 0.5)).toBeGreaterThan(0.15);
      }
    }
    // The event on screen at the clip's first frame is the one on screen at 2 s in the whole video.
    const atCut = whole.find((event) => event.start <= 2 && 2 < event.end);
    expect(second[0]!.text).toBe(atCut!.text);
  });

  it('changes only the documents of clips that show a corrected word', () => {
    const corrected = words.map((word) => (word.word === 'fox' ? { ...word, word: 'cat' } : word));
    const before = captionTrack(words, 'word', TIKTOK, 30);
    const after = captionTrack(corrected, 'word', TIKTOK, 30);
    const clips = [
      [0, 45],
      [45, 90],
      [90, 135],
    ] as const;
    const changed = clips.map(([a, b]) => clipAss(before, a, b) !== clipAss(after, a, b));
    // "fox" is spoken from 3.0 s to 3.4 s: frames 90-102.
    expect(changed).toEqual([false, false, true]);
  });

  it('highlights one word at a time in the word style, and the words spoken so far in karaoke', () => {
    const highlighted = (style: 'word' | 'karaoke', ass: string) =>
      events(ass).map((event) => event.text.split(`\\c${HIGHLIGHT}&`).length - 1);
    const word = highlighted('word', clipAss(captionTrack(words, 'word', TIKTOK, 30), 0, 300));
    expect(new Set(word)).toEqual(new Set([1]));
    const karaoke = highlighted('karaoke', clipAss(captionTrack(words, 'karaoke', TIKTOK, 30), 0, 300));
    expect(karaoke.slice(0, 4)).toEqual([1, 2, 3, 4]);
    const classic = clipAss(captionTrack(words, 'classic', YOUTUBE, 30), 0, 300);
    expect(classic).not.toContain(HIGHLIGHT);
  });

  it('keeps every line inside the safe area at the shipped font size, for any words', () => {
    fc.assert(
      fc.property(
        wordsArbitrary(30),
        fc.constantFrom('word', 'karaoke', 'classic'),
        fc.constantFrom(TIKTOK, YOUTUBE, FORMATS.square),
        (ws, style, frame) => {
          const track = captionTrack(ws, style, frame, 30);
          const area = safeArea(frame.width, frame.height);
          for (const { layout } of track.groups) {
            const height = layout.lines.length * layout.fontSize;
            const top = layout.alignment === 2 ? layout.y - height : layout.y - height / 2;
            expect(top - layout.outline).toBeGreaterThanOrEqual(area.top);
            expect(top + height + layout.outline + layout.shadow).toBeLessThanOrEqual(area.bottom);
            for (const line of layout.lines) {
              const text = line.map((t, i) => (i > 0 && line[i - 1]!.word !== t.word ? ' ' : '') + t.text).join('');
              const half = measureShippedFont(text, layout.fontSize) / 2 + layout.outline;
              expect(layout.x - half).toBeGreaterThanOrEqual(area.left);
              expect(layout.x + half + layout.shadow).toBeLessThanOrEqual(area.right);
            }
          }
        },
      ),
    );
  });

  it('wraps a word wider than the frame instead of cutting it off', () => {
    const long = [{ word: 'Pneumonoultramicroscopicsilicovolcanoconiosis', start: 0, end: 2 }];
    const [event] = events(clipAss(captionTrack(long, 'word', TIKTOK, 30), 0, 60));
    const lines = drawn(event!.text);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(long[0]!.word);
  });

  it('draws markup characters as plain text and writes an empty document for a silent clip', () => {
    const track = captionTrack([{ word: '{\\b1}x', start: 0, end: 1 }], 'classic', YOUTUBE, 30);
    expect(drawn(events(clipAss(track, 0, 30))[0]!.text)).toEqual(['(/b1)x']);
    expect(events(clipAss(track, 60, 90))).toEqual([]);
  });

  it('writes centisecond times half a frame before each boundary', () => {
    expect(assTime(0, 30)).toBe('0:00:00.00');
    expect(assTime(2, 30)).toBe('0:00:00.05');
    expect(assTime(108_000, 30)).toBe('0:59:59.98');
  });

  it('names no font in the events of a transcript the shipped font draws (its documents are unchanged)', () => {
    const track = captionTrack(words, 'word', TIKTOK, 30);
    expect(clipAss(track, 0, 300)).not.toMatch(/\\fn/);
    expect(fallbackFontsIn(clipAss(track, 0, 300))).toEqual([]);
  });

  it('switches to the fallback font for the runs it draws, and back', () => {
    const mixed = evenWords('Hello مرحبا world', 0.4, 0.2);
    const ass = clipAss(captionTrack(mixed, 'classic', YOUTUBE, 30), 0, 300);
    expect(events(ass)[0]?.text).toMatch(
      /Hello \{[^}]*\}\{\\fnNoto Sans Arabic\\fs[\d.]+\}مرحبا \{[^}]*\}\{\\fnNoto Sans\\fs\d+\}world/,
    );
    expect(fallbackFontsIn(ass).map((font) => font.id)).toEqual(['arabic']);
  });

  it('wraps Chinese, written without spaces, inside the safe area and joins its words without spaces', () => {
    const text = '我们今天要讲一个很长很长的故事关于一只住在森林边上的小红狐狸它每天早上都去河边喝水';
    const chinese = [...text].map((char, i) => ({ word: char, start: i * 0.3, end: i * 0.3 + 0.25 }));
    const measure = measureFaces(captionFaces(text));
    for (const style of ['word', 'karaoke', 'classic'] as const) {
      for (const frame of [TIKTOK, YOUTUBE]) {
        const track = captionTrack(chinese, style, frame, 30);
        const area = safeArea(frame.width, frame.height);
        const shown = track.groups.flatMap(({ layout }) =>
          layout.lines.map((line) => {
            const half = measure(lineText(line), layout.fontSize) / 2 + layout.outline;
            expect(layout.x - half).toBeGreaterThanOrEqual(area.left);
            expect(layout.x + half + layout.shadow).toBeLessThanOrEqual(area.right);
            return lineText(line);
          }),
        );
        expect(shown.join('')).toBe(text);
        const ass = clipAss(track, 0, Math.ceil(chinese.length * 0.3 * 30));
        expect(drawn(events(ass)[0]?.text ?? '').join('')).not.toMatch(/ /);
        expect(fallbackFontsIn(ass).map((font) => font.id)).toEqual(['sc']);
      }
    }
  });
});
