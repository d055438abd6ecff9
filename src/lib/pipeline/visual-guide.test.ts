import { describe, expect, it } from 'vitest';
import { MAX_GUIDE_CHARS } from './api-contract';
import {
  cleanGuideAnswer,
  GUIDE_REQUEST_OPENING,
  guidePieces,
  guideRequestCount,
  guideRequests,
  guideRequestText,
  narrationOf,
} from './visual-guide';

const STORY =
  'Mara, a red-haired fisherwoman, rows out of the harbour before dawn. The sea is grey. Hours later she hauls in her net.';

describe('the visual guide request', () => {
  it('reads a short transcript in one request that asks for people, places, objects, era and a palette for the style', () => {
    const requests = guideRequests(STORY, 'cinematic');
    expect(requests).toEqual([{ text: STORY, style: 'cinematic' }]);
    const text = guideRequestText(requests[0]!);
    expect(text.startsWith(GUIDE_REQUEST_OPENING)).toBe(true);
    expect(text).toMatch(/person/);
    expect(text).toMatch(/places and objects/);
    expect(text).toMatch(/Era and setting/);
    expect(text).toMatch(/Palette:.*cinematic images \(film-like light and framing\)/);
    expect(text.endsWith(`Narration: '${STORY.replace(/'/g, '’')}'`)).toBe(true);
    expect(text).not.toMatch(/part \d of/);
  });

  it('reads a long transcript in pieces, at sentence ends, each piece numbered and carrying the guide so far', () => {
    const sentence = 'Mara rows out of the harbour before dawn. ';
    const long = sentence.repeat(100).trim();
    const pieces = guidePieces(long, 1000);
    expect(pieces.length).toBe(Math.ceil(long.length / 1000));
    expect(pieces.every((piece) => piece.length <= 1000 && piece.endsWith('dawn.'))).toBe(true);
    expect(pieces.join(' ')).toBe(long);
    const requests = guideRequests(long, 'stockimg', 1000);
    expect(requests.map((r) => r.part)).toEqual(pieces.map((_, i) => ({ index: i + 1, of: pieces.length })));
    const second = guideRequestText({ ...requests[1]!, previous: 'Mara: a red-haired fisherwoman' });
    expect(second).toContain(`part 2 of ${pieces.length}`);
    expect(second).toContain("Guide so far: 'Mara: a red-haired fisherwoman'");
    expect(second).toMatch(/keep its descriptions word for word/);
  });

  it('cuts a piece without sentence ends at a space, and an endless word at the limit', () => {
    expect(guidePieces('word '.repeat(50), 32).every((p) => p.length <= 32 && !p.startsWith(' '))).toBe(true);
    expect(guidePieces('x'.repeat(70), 32)).toEqual(['x'.repeat(32), 'x'.repeat(32), 'x'.repeat(6)]);
    expect(guidePieces('   ')).toEqual([]);
  });

  it('keeps quotes in the narration from closing the quoted text early', () => {
    const text = guideRequestText({ text: "Mara's boat\nleaves" });
    expect(text.endsWith("Narration: 'Mara’s boat leaves'")).toBe(true);
  });

  it('joins the scenes’ words into the narration it reads', () => {
    expect(narrationOf([{ text: 'One two.' }, { text: '' }, { text: ' Three ' }])).toBe('One two. Three');
  });

  it('counts the chat requests a guide of some scenes takes, as the button asking for one says', () => {
    expect(guideRequestCount([{ text: 'Mara rows out.' }, { text: 'She fishes.' }])).toBe(1);
    const scene = { text: 'Mara rows out of the harbour before dawn. '.repeat(200) };
    expect(guideRequestCount([scene, scene, scene])).toBe(
      guideRequests(narrationOf([scene, scene, scene]), 'stockimg').length,
    );
    expect(guideRequestCount([scene, scene, scene])).toBeGreaterThan(1);
    expect(guideRequestCount([{ text: '' }])).toBe(0);
  });
});

describe('the visual guide answer', () => {
  it('keeps the guide’s lines without markdown, reasoning or chatter', () => {
    const raw = [
      '<think>The user wants a guide.</think>',
      'Here is the visual guide:',
      '```',
      '**People**',
      '- **Mara**: a red-haired fisherwoman in her forties, yellow oilskin',
      '## Era and setting: a Breton harbour, 1950s',
      '* Palette: slate greys, rust, pale dawn light',
      '```',
    ].join('\n');
    expect(cleanGuideAnswer(raw)).toBe(
      [
        'People',
        'Mara: a red-haired fisherwoman in her forties, yellow oilskin',
        'Era and setting: a Breton harbour, 1950s',
        'Palette: slate greys, rust, pale dawn light',
      ].join('\n'),
    );
  });

  it('caps a long guide on a line boundary, and finds nothing in an empty answer', () => {
    const line = `Person: ${'tall '.repeat(30).trim()}`;
    const guide = cleanGuideAnswer(Array.from({ length: 40 }, () => line).join('\n'));
    expect(guide.length).toBeLessThanOrEqual(MAX_GUIDE_CHARS);
    expect(guide.split('\n').every((l) => l === line)).toBe(true);
    expect(cleanGuideAnswer('<think>hmm</think>\n```\n```')).toBe('');
  });
});
