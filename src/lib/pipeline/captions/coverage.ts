// Which scripts a transcript is written in, which fonts draw them (the shipped font, and a fallback
// font for each script it lacks), and what to say when no font of ours can.
import { FALLBACK_FONTS, type FallbackFont } from './fallback-font-list';
import { fallbackDraws, fallbackFont } from './fallback-fonts';
import { FONT_METRICS } from './font-metrics';

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

/** Whether the shipped caption font draws this codepoint. */
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

/**
 * The order in which fallback fonts are tried for a text. Han is drawn the Korean way beside Hangul,
 * the Japanese way beside kana, and the (simplified) Chinese way otherwise, so that one transcript's
 * ideographs all look alike.
 */
function fallbackOrder(text: string): FallbackFont[] {
  const first = /\p{Script=Hangul}/u.test(text)
    ? 'kr'
    : /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)
      ? 'jp'
      : undefined;
  if (!first) return [...FALLBACK_FONTS];
  return [fallbackFont(first), ...FALLBACK_FONTS.filter((font) => font.id !== first)];
}

/** The fallback font (first in `order`) that draws `char`, when the shipped font does not. */
function fallbackFor(char: string, order: readonly FallbackFont[]): FallbackFont | undefined {
  const code = char.codePointAt(0) as number;
  return order.find((font) => fallbackDraws(font, code));
}

export type CoverageDecision =
  /** The shipped font draws every character. */
  | { kind: 'shipped'; scripts: string[] }
  /** These fallback fonts must be loaded beside it (only now: the transcript needs them), in order. */
  | { kind: 'fallback'; scripts: string[]; fonts: FallbackFont[] }
  /** Some characters cannot be drawn by any font we have: say so before rendering. */
  | { kind: 'unsupported'; scripts: string[]; missing: string[]; message: string };

/**
 * What it takes to draw `text` without an empty box: the shipped font, fallback fonts for the
 * characters it lacks, or nothing we have (with a message naming the scripts and sample characters).
 */
export function captionCoverage(text: string): CoverageDecision {
  const order = fallbackOrder(text);
  const scripts = new Set<string>();
  const needed = new Set<FallbackFont>();
  const undrawable = new Map<string, Set<string>>();
  for (const char of text) {
    if (/\s/u.test(char)) continue;
    const script = scriptOf(char);
    if (script !== 'Common') scripts.add(script);
    if (drawnByShippedFont(char.codePointAt(0) as number)) continue;
    const font = fallbackFor(char, order);
    if (font) needed.add(font);
    else undrawable.set(script, (undrawable.get(script) ?? new Set()).add(char));
  }
  const all = [...scripts];
  if (undrawable.size === 0) {
    return needed.size === 0
      ? { kind: 'shipped', scripts: all }
      : { kind: 'fallback', scripts: all, fonts: order.filter((font) => needed.has(font)) };
  }
  const missing = [...undrawable.values()].flatMap((chars) => [...chars]).slice(0, 8);
  const names = [...undrawable.keys()].map((script) =>
    script === 'Unknown' || script === 'Common' ? 'some symbols' : script,
  );
  return {
    kind: 'unsupported',
    scripts: all,
    missing,
    message:
      `Captions cannot draw ${[...new Set(names)].join(', ')} (${missing.join(' ')}): no font we have covers it. ` +
      'Turn captions off, or correct those words, to make the video.',
  };
}

/**
 * Which font draws each character of a transcript's captions: undefined for the shipped font (or
 * for a character nothing draws, which `captionCoverage` refuses before any render), else the
 * fallback font. The fonts come from the whole transcript, so every clip draws alike.
 */
export interface CaptionFaces {
  fallbacks: FallbackFont[];
  fontOf(char: string): FallbackFont | undefined;
}

export function captionFaces(text: string): CaptionFaces {
  const decision = captionCoverage(text);
  const fallbacks = decision.kind === 'fallback' ? decision.fonts : [];
  return {
    fallbacks,
    fontOf: (char) =>
      fallbacks.length === 0 || drawnByShippedFont(char.codePointAt(0) as number)
        ? undefined
        : fallbackFor(char, fallbacks),
  };
}
