// Every caption font at the shipped font's em: fallback runs sized up for libass, lines as tall as their fonts reach.
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../formats';
import { clipAss } from './ass';
import { familyEmSize, lineExtent, runFontSize } from './family-size';
import { FALLBACK_METRICS } from './fallback-metrics';
import { CAPTION_FONT } from './font';
import { FONT_METRICS } from './font-metrics';
import { clipCaptions, type CaptionState } from './scene';
import { captionTrack } from './track';
import { evenWords } from './words.fixture';

const ARABIC = 'Noto Sans Arabic';

describe('caption font sizes', () => {
  it('gives every font the em of the shipped font, as a browser sizes a fallback font', () => {
    const em = (48 * FONT_METRICS.unitsPerEm) / FONT_METRICS.winHeight;
    expect(familyEmSize(CAPTION_FONT.family, 48)).toBeCloseTo(em, 9);
    // Libass sizes a font by its win height: Noto Sans Arabic's is 2169 units, the shipped font's 1519.
    expect(runFontSize(ARABIC, 48)).toBeCloseTo((48 * 2169) / 1519, 2);
    expect(familyEmSize(ARABIC, 48)).toBeCloseTo(em, 2);
    for (const family of ['Noto Sans SC', 'Noto Sans Hebrew', 'Noto Sans KR']) {
      expect(familyEmSize(family, 61)).toBeCloseTo((61 * 1000) / 1519, 2);
    }
    // The shipped font keeps its size exactly (clips without fallback fonts keep their keys).
    expect(runFontSize(CAPTION_FONT.family, 61)).toBe(61);
  });

  it('makes a line as tall as the tallest font on it reaches above and below the baseline', () => {
    const latin = lineExtent([CAPTION_FONT.family], 100);
    expect(latin.ascent + latin.descent).toBeCloseTo(100, 9);
    expect(latin.ascent).toBeCloseTo((100 * FONT_METRICS.winAscent) / FONT_METRICS.winHeight, 9);
    const { winAscent, winHeight } = FALLBACK_METRICS.arabic;
    const mixed = lineExtent([CAPTION_FONT.family, ARABIC], 100);
    expect(mixed.ascent).toBeCloseTo((100 * winAscent) / FONT_METRICS.winHeight, 1);
    expect(mixed.descent).toBeCloseTo((100 * (winHeight - winAscent)) / FONT_METRICS.winHeight, 1);
    expect(lineExtent([], 100)).toEqual(latin);
  });

  it('writes each fallback run with its own size, and back to the line size after it', () => {
    const track = captionTrack(evenWords('hello مرحبا world', 0.4, 0.2), 'classic', FORMATS.youtube, 30);
    const captions = clipCaptions(track, 0, 300);
    const state = captions.states[0]!;
    const ass = clipAss(track, 0, 300);
    expect(ass).toContain(`\\fn${ARABIC}\\fs${runFontSize(ARABIC, state.fontSize)}}`);
    expect(ass).toContain(`\\fn${CAPTION_FONT.family}\\fs${state.fontSize}}`);
    // One line, as tall as Arabic reaches, standing on the anchor.
    const [line] = state.lines;
    expect(state.lines).toHaveLength(1);
    expect(line!.ascent).toBeCloseTo(lineExtent([ARABIC], state.fontSize).ascent, 9);
    expect(line!.baseline + line!.descent).toBeCloseTo(state.y, 9);
  });

  it('lays a group of Arabic lines out taller than the same number of Latin lines', () => {
    const words = (text: string) => evenWords(text, 0.3, 0.1);
    const arabic = 'مرحبا بكم في العالم الكبير والجميل اليوم وغدا وبعد غد مع الأصدقاء';
    const latin = 'hello and welcome to the great and beautiful world today tomorrow and after';
    const first = (text: string) =>
      clipCaptions(captionTrack(words(text), 'classic', FORMATS.youtube, 30), 0, 300).states[0]!;
    const height = (state: CaptionState) => state.lines.reduce((sum, line) => sum + line.ascent + line.descent, 0);
    const [stateA, stateL] = [first(arabic), first(latin)];
    expect(stateA.lines).toHaveLength(stateL.lines.length);
    expect(height(stateA) / stateA.lines.length).toBeGreaterThan(1.3 * stateA.fontSize);
    expect(height(stateL)).toBeCloseTo(stateL.lines.length * stateL.fontSize, 6);
  });
});
