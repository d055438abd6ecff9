// Which scripts a transcript is written in, whether the shipped font draws them, and what to say if not.
import { FONT_METRICS } from './font-metrics';

/** Fonts (same npm family of packages, TTF, SIL OFL) that draw a script the shipped font lacks. */
const FALLBACK_FONTS: Record<string, { family: string; packageName: string }> = {
  Arabic: { family: 'Noto Sans Arabic', packageName: '@expo-google-fonts/noto-sans-arabic' },
  Han: { family: 'Noto Sans SC', packageName: '@expo-google-fonts/noto-sans-sc' },
  Hiragana: { family: 'Noto Sans JP', packageName: '@expo-google-fonts/noto-sans-jp' },
  Katakana: { family: 'Noto Sans JP', packageName: '@expo-google-fonts/noto-sans-jp' },
  Hangul: { family: 'Noto Sans KR', packageName: '@expo-google-fonts/noto-sans-kr' },
  Thai: { family: 'Noto Sans Thai', packageName: '@expo-google-fonts/noto-sans-thai' },
};

/** Scripts named by their Unicode Script property, tested in this order. */
const SCRIPTS = [
  'Latin',
  'Greek',
  'Cyrillic',
  'Armenian',
  'Hebrew',
  'Arabic',
  'Devanagari',
  'Bengali',
  'Tamil',
  'Thai',
  'Georgian',
  'Hangul',
  'Hiragana',
  'Katakana',
  'Han',
  'Ethiopic',
  'Khmer',
] as const;
const SCRIPT_PATTERNS = SCRIPTS.map((name) => ({ name, pattern: new RegExp(`\\p{Script=${name}}`, 'u') }));

function drawnByShippedFont(code: number): boolean {
  const ranges = FONT_METRICS.coverage;
  let [low, high] = [0, ranges.length - 1];
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [first, last] = ranges[mid] as [number, number];
    if (code < first) high = mid - 1;
    else if (code > last) low = mid + 1;
    else return true;
  }
  return false;
}

/** The script of one character ('Common' for digits and punctuation, 'Unknown' when unnamed here). */
export function scriptOf(char: string): string {
  return (
    SCRIPT_PATTERNS.find(({ pattern }) => pattern.test(char))?.name ??
    (/[\p{L}\p{M}]/u.test(char) ? 'Unknown' : 'Common')
  );
}

export type CoverageDecision =
  /** The shipped font draws every character. */
  | { kind: 'shipped'; scripts: string[] }
  /** These fallback fonts must be loaded (only now: the transcript needs them). */
  | { kind: 'fallback'; scripts: string[]; fonts: { family: string; packageName: string }[] }
  /** Some characters cannot be drawn by any font we have: say so before rendering. */
  | { kind: 'unsupported'; scripts: string[]; missing: string[]; message: string };

/**
 * What it takes to draw `text` without an empty box: the shipped font, a fallback font for the
 * scripts it lacks, or nothing we have (with a message naming the scripts and sample characters).
 */
export function captionCoverage(text: string): CoverageDecision {
  const scripts = new Set<string>();
  const lacking = new Map<string, Set<string>>();
  for (const char of text) {
    if (/\s/u.test(char)) continue;
    const script = scriptOf(char);
    if (script !== 'Common') scripts.add(script);
    if (drawnByShippedFont(char.codePointAt(0) as number)) continue;
    lacking.set(script, (lacking.get(script) ?? new Set()).add(char));
  }
  const all = [...scripts];
  if (lacking.size === 0) return { kind: 'shipped', scripts: all };
  const undrawable = [...lacking.keys()].filter((script) => !FALLBACK_FONTS[script]);
  if (undrawable.length === 0) {
    const fonts = [...new Set([...lacking.keys()].map((script) => FALLBACK_FONTS[script]))];
    return { kind: 'fallback', scripts: all, fonts: fonts.filter((font) => font !== undefined) };
  }
  const missing = undrawable.flatMap((script) => [...(lacking.get(script) ?? [])]).slice(0, 8);
  const names = undrawable.map((script) => (script === 'Unknown' || script === 'Common' ? 'some symbols' : script));
  return {
    kind: 'unsupported',
    scripts: all,
    missing,
    message:
      `Captions cannot draw ${[...new Set(names)].join(', ')} (${missing.join(' ')}): no font we have covers it. ` +
      'Turn captions off, or correct those words, to make the video.',
  };
}
