// The fonts that draw the scripts the shipped caption font lacks (CJK, Arabic, Hebrew, Devanagari):
// which npm file each is, the Unicode blocks it is used for, and, from the generated table, which
// codepoints it really draws and how wide they are. Pure: the worker fetches only what a clip names.
import { FALLBACK_FONTS, type FallbackFont, type FallbackId } from './fallback-font-list';
import { FALLBACK_METRICS } from './fallback-metrics';
import { FONT_METRICS } from './font-metrics';

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
 * Width of `code` in `font` as a fraction of the line's ASS font size (every font is drawn at the
 * shipped font's em: ./family-size.ts). Shaping in Arabic and Devanagari joins letters into forms
 * that are narrower than the letters alone, so the sum of nominal widths errs on the safe side.
 */
export function fallbackAdvance(font: FallbackFont, code: number): number | undefined {
  const found = blockOf(font, code);
  if (!found) return undefined;
  const { advances } = found.block;
  const units = typeof advances === 'number' ? advances : (advances[found.i] ?? 0);
  return units / FONT_METRICS.winHeight;
}

/** The fallback fonts an ASS document names in `\fn` tags (what libass will look for in the fonts folder). */
export function fallbackFontsIn(ass: string): FallbackFont[] {
  const named = new Set([...ass.matchAll(/\\fn([^\\}]+)/g)].map((match) => match[1]));
  return FALLBACK_FONTS.filter((font) => named.has(font.family));
}
