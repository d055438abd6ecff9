// The fallback caption fonts (CJK, Arabic, Hebrew, Devanagari): which npm file each is, the Unicode
// blocks it is used for, and where it is served. Plain data (no imports at run time), read by the
// Vite plugin that serves the fonts and by the script that measures them.
import type { CaptionFont } from './font';

export type FallbackId = 'hebrew' | 'arabic' | 'devanagari' | 'sc' | 'jp' | 'kr';

export interface FallbackFont extends CaptionFont {
  id: FallbackId;
  /** Unicode blocks this font is used for ([first, last] codepoints), nothing outside them. */
  blocks: [number, number][];
}

const CJK_COMMON: [number, number][] = [
  [0x3000, 0x303f], // CJK punctuation
  [0x3040, 0x30ff], // Hiragana, Katakana
  [0x3400, 0x4dbf], // Han extension A
  [0x4e00, 0x9fff], // Han
  [0xff00, 0xffef], // full-width forms
];

function font(id: FallbackId, family: string, name: string, blocks: [number, number][]): FallbackFont {
  const pkg = family.toLowerCase().replace(/ /g, '-');
  return {
    id,
    family,
    packageName: `@expo-google-fonts/${pkg}`,
    packagePath: `700Bold/${name}_700Bold.ttf`,
    file: `${name}-Bold.ttf`,
    blocks,
  };
}

/** Every fallback font (SIL OFL 1.1), in the order a script without context prefers them. */
export const FALLBACK_FONTS: readonly FallbackFont[] = [
  font('hebrew', 'Noto Sans Hebrew', 'NotoSansHebrew', [[0x0590, 0x05ff]]),
  font('arabic', 'Noto Sans Arabic', 'NotoSansArabic', [
    [0x0600, 0x06ff],
    [0x0750, 0x077f],
  ]),
  font('devanagari', 'Noto Sans Devanagari', 'NotoSansDevanagari', [
    [0x0900, 0x097f],
    [0xa8e0, 0xa8ff],
  ]),
  // Han without kana or Hangul around it is drawn the Chinese way (this font also has every kana).
  font('sc', 'Noto Sans SC', 'NotoSansSC', CJK_COMMON),
  font('jp', 'Noto Sans JP', 'NotoSansJP', CJK_COMMON),
  font('kr', 'Noto Sans KR', 'NotoSansKR', [
    [0x1100, 0x11ff], // Hangul jamo
    [0x3130, 0x318f], // compatibility jamo
    [0xac00, 0xd7af], // Hangul syllables
    ...CJK_COMMON,
  ]),
];

/** URL folder of one fallback font, versioned by its package so it can be cached forever. */
export function fallbackFontBase(font: Pick<FallbackFont, 'id'>, version: string): string {
  return `/fonts/fallback/${font.id}-${version}`;
}
