// Font coverage decisions: the shipped font for Latin, Greek and Cyrillic; a fallback or a clear refusal otherwise.
import { describe, expect, it } from 'vitest';
import { captionCoverage, scriptOf } from './coverage';

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
      fonts: [{ family: 'Noto Sans Arabic', packageName: '@expo-google-fonts/noto-sans-arabic' }],
    });
    expect(captionCoverage('東京へ行きます')).toMatchObject({ kind: 'fallback', scripts: ['Han', 'Hiragana'] });
  });

  it('says which script cannot be drawn, with examples, instead of drawing empty boxes', () => {
    const decision = captionCoverage('Shalom שלום 🙂');
    expect(decision.kind).toBe('unsupported');
    if (decision.kind !== 'unsupported') return;
    expect(decision.missing).toContain('ש');
    expect(decision.message).toMatch(/^Captions cannot draw Hebrew, some symbols \(ש/);
  });

  it('names scripts by their Unicode property', () => {
    expect(['a', 'é', 'Ω', 'ж', 'ع', '3', ','].map(scriptOf)).toEqual([
      'Latin',
      'Latin',
      'Greek',
      'Cyrillic',
      'Arabic',
      'Common',
      'Common',
    ]);
  });
});
