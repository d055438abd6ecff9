// Font coverage decisions: the shipped font for Latin, Greek and Cyrillic; a fallback font for the
// scripts it lacks, chosen by the transcript's language; a clear refusal where no font of ours draws.
import { describe, expect, it } from 'vitest';
import { captionCoverage, captionFaces, scriptOf } from './coverage';
import { fallbackDraws, fallbackFont } from './fallback-fonts';
import { measureFaces, measureShippedFont } from './measure';

const ids = (text: string) => {
  const decision = captionCoverage(text);
  return decision.kind === 'fallback' ? decision.fonts.map((font) => font.id) : decision.kind;
};

describe('captionCoverage', () => {
  it('draws accented Latin, Greek and Cyrillic with the shipped font', () => {
    expect(captionCoverage('Déjà vu, garçon! Ça coûte 3 €. Straße, mañana, Łódź, Việt Nam')).toEqual({
      kind: 'shipped',
      scripts: ['Latin'],
    });
    expect(captionCoverage('Καλημέρα κόσμε — Привет, мир!')).toMatchObject({
      kind: 'shipped',
      scripts: ['Greek', 'Cyrillic'],
    });
  });

  it('asks for a fallback font only for the scripts the shipped font lacks', () => {
    expect(captionCoverage('Hello مرحبا')).toEqual({
      kind: 'fallback',
      scripts: ['Latin', 'Arabic'],
      fonts: [fallbackFont('arabic')],
    });
    expect(ids('Shalom שלום')).toEqual(['hebrew']);
    // The shipped Noto Sans draws Devanagari itself; its fallback only adds the extended (Vedic) block.
    expect(ids('नमस्ते दुनिया')).toBe('shipped');
    expect(ids('नमस्ते \ua8f2')).toEqual(['devanagari']);
    expect(ids('שלום and مرحبا')).toEqual(['hebrew', 'arabic']);
  });

  it('draws Han the way of the language around it: Korean, Japanese, else Chinese', () => {
    expect(ids('我们去东京。')).toEqual(['sc']);
    expect(ids('東京へ行きます')).toEqual(['jp']);
    expect(ids('한국어 韓國')).toEqual(['kr']);
    // An ideograph the Japanese font lacks (东, simplified) in Japanese text comes from the Chinese one.
    expect(fallbackDraws(fallbackFont('jp'), '东'.codePointAt(0) as number)).toBe(false);
    expect(ids('东へ行きます')).toEqual(['jp', 'sc']);
    expect(captionCoverage('東京へ行きます')).toMatchObject({ scripts: ['Han', 'Hiragana'] });
  });

  it('says which script cannot be drawn, with examples, instead of drawing empty boxes', () => {
    const decision = captionCoverage('Sawasdee สวัสดี 🙂');
    expect(decision.kind).toBe('unsupported');
    if (decision.kind !== 'unsupported') return;
    expect(decision.missing).toContain('ส');
    expect(decision.missing).toContain('🙂');
    expect(decision.message).toMatch(/^Captions cannot draw Thai, some symbols \(ส/);
  });

  it('names scripts by their Unicode property', () => {
    expect(['a', 'é', 'Ω', 'ж', 'ע', 'ع', 'न', '3', ','].map(scriptOf)).toEqual([
      'Latin',
      'Latin',
      'Greek',
      'Cyrillic',
      'Hebrew',
      'Arabic',
      'Devanagari',
      'Common',
      'Common',
    ]);
  });
});

describe('captionFaces', () => {
  it('names the fallback font of each character, and none for what the shipped font draws', () => {
    const faces = captionFaces('Tokyo 東京へ 2024!');
    expect(faces.fallbacks.map((font) => font.id)).toEqual(['jp']);
    expect([...'T東へ2!'].map((char) => faces.fontOf(char)?.id)).toEqual([undefined, 'jp', 'jp', undefined, undefined]);
    expect(captionFaces('Plain English').fallbacks).toEqual([]);
  });

  it('measures each character in its own font, at the shipped font’s em', () => {
    const cjk = measureFaces(captionFaces('東京'));
    // Ideographs are one em wide, drawn at the em of the shipped font (win height 1519 units per 1000 em).
    expect(cjk('東京', 100)).toBeCloseTo((2 * 1000 * 100) / 1519, 6);
    // Latin text measures exactly as before whatever the transcript.
    expect(cjk('Tokyo', 100)).toBeCloseTo(measureShippedFont('Tokyo', 100), 9);
    expect(measureFaces(captionFaces('Hello'))).toBe(measureShippedFont);
    const arabic = measureFaces(captionFaces('مرحبا بالعالم'));
    expect(arabic('مرحبا', 100)).toBeGreaterThan(40);
    expect(arabic('مرحبا بالعالم', 100)).toBeGreaterThan(arabic('مرحبا', 100) * 2);
  });
});
