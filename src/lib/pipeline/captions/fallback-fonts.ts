// The fonts that draw the scripts the shipped caption font lacks (CJK, Arabic, Hebrew, Devanagari):
// which npm file each is, the Unicode blocks it is used for, and, from the generated table, which
// codepoints it really draws and how wide they are. Pure: the worker fetches only what a clip names.
import type { CaptionFont } from './font';
import { FALLBACK_METRICS } from './fallback-metrics';

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

const byId = new Map(FALLBACK_FONTS.map((f) => [f.id, f]));

/** The fallback font with this id. */
export function fallbackFont(id: FallbackId): FallbackFont {
  return byId.get(id) as FallbackFont;
}

const bitmaps = new Map<string, Uint8Array>();

function bitmap(base64: string): Uint8Array {
  let bits = bitmaps.get(base64);
  if (!bits) {
    bits = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    bitmaps.set(base64, bits);
  }
  return bits;
}

/** The block of `font`'s table holding `code`, when the font draws it. */
function blockOf(font: FallbackFont, code: number) {
  const block = FALLBACK_METRICS[font.id].blocks.find(({ first, last }) => code >= first && code <= last);
  if (!block) return undefined;
  const i = code - block.first;
  return ((bitmap(block.drawn)[i >> 3] ?? 0) >> (i & 7)) & 1 ? { block, i } : undefined;
}

/** Whether `font` draws `code` (in one of the blocks it is used for). */
export function fallbackDraws(font: FallbackFont, code: number): boolean {
  return blockOf(font, code) !== undefined;
}

/**
 * Width of `code` in `font` as a fraction of the ASS font size (libass sizes each font so that its
 * win height is the font size). Shaping in Arabic and Devanagari joins letters into forms that are
 * narrower than the letters alone, so the sum of nominal widths errs on the safe side.
 */
export function fallbackAdvance(font: FallbackFont, code: number): number | undefined {
  const found = blockOf(font, code);
  if (!found) return undefined;
  const { advances } = found.block;
  const units = typeof advances === 'number' ? advances : (advances[found.i] ?? 0);
  return units / FALLBACK_METRICS[font.id].winHeight;
}

/** The fallback fonts an ASS document names in `\fn` tags: what the engine must load to draw it. */
export function fallbackFontsIn(ass: string): FallbackFont[] {
  const named = new Set([...ass.matchAll(/\\fn([^\\}]+)/g)].map((match) => match[1]));
  return FALLBACK_FONTS.filter((font) => named.has(font.family));
}
