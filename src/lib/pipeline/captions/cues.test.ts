// Subtitle cues and the SRT/WebVTT files: every word once, ordered, short enough, and read back exactly.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildCues, MAX_CUE_CHARS, MAX_CUE_LINES, MAX_CUE_S, parseCueTime, type Cue } from './cues';
import { parseSrt, writeSrt } from './srt';
import { parseVtt, writeVtt } from './vtt';
import { evenWords, wordsArbitrary } from './words.fixture';

function checkCues(cues: Cue[], words: string[]): void {
  expect(cues.flatMap((cue) => cue.lines.join(' ').split(' '))).toEqual(words);
  for (const [i, cue] of cues.entries()) {
    expect(cue.lines.length).toBeGreaterThan(0);
    expect(cue.lines.length).toBeLessThanOrEqual(MAX_CUE_LINES);
    for (const line of cue.lines) expect([...line].length).toBeLessThanOrEqual(MAX_CUE_CHARS);
    expect(cue.end).toBeGreaterThanOrEqual(cue.start);
    expect(cue.end - cue.start).toBeLessThanOrEqual(MAX_CUE_S + 1e-9);
    if (i > 0) expect(cue.start).toBeGreaterThanOrEqual(cues[i - 1]!.end);
  }
}

describe('buildCues', () => {
  it('holds every spoken word in exactly one cue, ordered, never overlapping, within 2 x 42 chars and 7 s', () => {
    fc.assert(
      fc.property(wordsArbitrary(120), (words) => {
        checkCues(
          buildCues(words),
          words.map((word) => word.word),
        );
      }),
    );
  });

  it('times cues on word boundaries and breaks at sentence ends', () => {
    const cues = buildCues(evenWords('The fox ran. It was fast and happy.', 0.5, 1));
    expect(cues.map((cue) => cue.lines)).toEqual([['The fox ran.'], ['It was fast and happy.']]);
    expect(cues[0]!.start).toBe(1);
    // The first cue holds until the next begins; the last leaves half a second after its last word.
    expect(cues[0]!.end).toBe(2.5);
    expect(cues[1]!.start).toBe(2.5);
    expect(cues[1]!.end).toBe(5.5);
  });
});

describe('SRT and WebVTT', () => {
  it('read back exactly what was written', () => {
    fc.assert(
      fc.property(wordsArbitrary(80), (words) => {
        const cues = buildCues(words);
        expect(parseSrt(writeSrt(cues))).toEqual(cues);
        expect(parseVtt(writeVtt(cues, 'fr'))).toEqual(cues);
      }),
    );
  });

  it('writes the formats players expect, UTF-8 text kept as is and WebVTT markup escaped', () => {
    const cues: Cue[] = [
      { start: 1.5, end: 3.25, lines: ['Déjà vu à la française,', 'garçon'] },
      { start: 3661.001, end: 3662, lines: ['a <b> & c'] },
    ];
    expect(writeSrt(cues)).toBe(
      '1\n00:00:01,500 --> 00:00:03,250\nDéjà vu à la française,\ngarçon\n\n2\n01:01:01,001 --> 01:01:02,000\na <b> & c\n',
    );
    const vtt = writeVtt(cues, 'fr');
    expect(vtt.startsWith('WEBVTT\nLanguage: fr\n\n00:00:01.500 --> 00:00:03.250\n')).toBe(true);
    expect(vtt).toContain('a &lt;b&gt; &amp; c');
    expect(parseVtt(vtt)).toEqual(cues);
  });

  it('parses files from elsewhere: CRLF, a BOM, cue ids, settings and short WebVTT times', () => {
    const srt =
      '\uFEFF1\r\n00:00:00,000 --> 00:00:01,000\r\nHello\r\n\r\n2\r\n00:00:01,000 --> 00:00:02,500\r\nworld\r\n';
    expect(parseSrt(srt)).toEqual([
      { start: 0, end: 1, lines: ['Hello'] },
      { start: 1, end: 2.5, lines: ['world'] },
    ]);
    const vtt = 'WEBVTT\n\nNOTE a comment\n\nintro\n00:01.000 --> 00:02.000 align:start\n<v Ann>Hi</v>\n';
    expect(parseVtt(vtt)).toEqual([{ start: 1, end: 2, lines: ['Hi'] }]);
    expect(() => parseVtt('1\n00:00:00,000 --> 00:00:01,000\nx\n')).toThrow(/WEBVTT/);
    expect(parseCueTime('1:02:03.004')).toBeCloseTo(3723.004, 6);
  });
});
