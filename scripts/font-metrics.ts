// Reads the shipped caption font and writes its advance widths and coverage as a TypeScript table, so
// pure code can measure caption lines (no DOM, no font loading). Run it when the font changes:
//   npx tsx scripts/font-metrics.ts
// `font-metrics.test.ts` fails when the committed table no longer matches the installed font.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FALLBACK_FONTS, type FallbackFont } from '../src/lib/pipeline/captions/fallback-font-list.ts';
import { CAPTION_FONT, type CaptionFont } from '../src/lib/pipeline/captions/font.ts';

const require = createRequire(import.meta.url);

/** Codepoints whose widths the table keeps: Latin, Greek, Cyrillic and punctuation (others use the mean). */
const MEASURED_BLOCKS: [number, number][] = [
  [0x20, 0x52f],
  [0x1e00, 0x1fff],
  [0x2000, 0x206f],
  [0x20a0, 0x20cf],
];

export function fontFilePath(font: CaptionFont = CAPTION_FONT): string {
  const root = dirname(require.resolve(`${font.packageName}/package.json`));
  return join(root, font.packagePath);
}

interface ParsedFont {
  unitsPerEm: number;
  /** usWinAscent + usWinDescent: libass sizes a font so that this span equals the ASS font size. */
  winHeight: number;
  /** usWinAscent: where libass puts the baseline below a line's top. */
  winAscent: number;
  /** Codepoint -> glyph index, from the Unicode cmap. */
  cmap: Map<number, number>;
  advances: number[];
}

export function parseFont(bytes: Uint8Array): ParsedFont {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = new Map<string, number>();
  for (let i = 0; i < view.getUint16(4); i++) {
    const record = 12 + 16 * i;
    const tag = String.fromCharCode(...bytes.subarray(record, record + 4));
    tables.set(tag, view.getUint32(record + 8));
  }
  const table = (tag: string) => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`The font has no ${tag} table.`);
    return offset;
  };
  const unitsPerEm = view.getUint16(table('head') + 18);
  const os2 = table('OS/2');
  const winAscent = view.getUint16(os2 + 74);
  const winHeight = winAscent + view.getUint16(os2 + 76);
  const metrics = view.getUint16(table('hhea') + 34);
  const hmtx = table('hmtx');
  const advances = Array.from({ length: metrics }, (_, i) => view.getUint16(hmtx + 4 * i));
  return { unitsPerEm, winHeight, winAscent, cmap: readCmap(view, table('cmap')), advances };
}

function readCmap(view: DataView, cmap: number): Map<number, number> {
  const subtables = new Map<string, number>();
  for (let i = 0; i < view.getUint16(cmap + 2); i++) {
    const record = cmap + 4 + 8 * i;
    subtables.set(`${view.getUint16(record)}.${view.getUint16(record + 2)}`, cmap + view.getUint32(record + 4));
  }
  const map = new Map<number, number>();
  const full = subtables.get('3.10') ?? subtables.get('0.4');
  if (full !== undefined && view.getUint16(full) === 12) {
    for (let g = 0; g < view.getUint32(full + 12); g++) {
      const group = full + 16 + 12 * g;
      const [first, last, glyph] = [view.getUint32(group), view.getUint32(group + 4), view.getUint32(group + 8)];
      for (let c = first; c <= last; c++) map.set(c, glyph + c - first);
    }
    return map;
  }
  const bmp = subtables.get('3.1') ?? subtables.get('0.3');
  if (bmp === undefined || view.getUint16(bmp) !== 4) throw new Error('The font has no Unicode cmap.');
  const segments = view.getUint16(bmp + 6) / 2;
  const ends = bmp + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  for (let s = 0; s < segments; s++) {
    const [first, last] = [view.getUint16(starts + 2 * s), view.getUint16(ends + 2 * s)];
    const delta = view.getInt16(deltas + 2 * s);
    const rangeOffset = view.getUint16(rangeOffsets + 2 * s);
    for (let c = first; c <= last && c !== 0xffff; c++) {
      const glyph = rangeOffset
        ? view.getUint16(rangeOffsets + 2 * s + rangeOffset + 2 * (c - first))
        : (c + delta) & 0xffff;
      if (glyph) map.set(c, rangeOffset ? (glyph + delta) & 0xffff : glyph);
    }
  }
  return map;
}

/** Consecutive codepoints as [first, last] pairs. */
function ranges(codepoints: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const c of codepoints) {
    const last = out.at(-1);
    if (last && last[1] === c - 1) last[1] = c;
    else out.push([c, c]);
  }
  return out;
}

export function metricsSource(font: ParsedFont, version: string): string {
  const advanceOf = (glyph: number) => font.advances[Math.min(glyph, font.advances.length - 1)] ?? 0;
  const covered = [...font.cmap.keys()].sort((a, b) => a - b);
  const measured = covered.filter((c) => MEASURED_BLOCKS.some(([a, b]) => c >= a && c <= b));
  // Runs of consecutive codepoints: [first codepoint, ...advances].
  const runs = ranges(measured).map(([a, b]) => [
    a,
    ...Array.from({ length: b - a + 1 }, (_, i) => advanceOf(font.cmap.get(a + i) ?? 0)),
  ]);
  const letters = measured.filter((c) => c > 0x40 && c < 0x7b).map((c) => advanceOf(font.cmap.get(c) ?? 0));
  const mean = Math.round(letters.reduce((sum, a) => sum + a, 0) / letters.length);
  return [
    `// Generated by scripts/font-metrics.ts from ${CAPTION_FONT.packageName}@${version} ${CAPTION_FONT.packagePath}: do not edit.`,
    '// prettier-ignore',
    'export const FONT_METRICS = {',
    `  version: ${JSON.stringify(version)},`,
    `  unitsPerEm: ${font.unitsPerEm},`,
    `  winHeight: ${font.winHeight},`,
    `  winAscent: ${font.winAscent},`,
    `  meanAdvance: ${mean},`,
    `  /** Runs of consecutive codepoints: [first codepoint, advance of each, ...] in font units. */`,
    `  advances: ${JSON.stringify(runs)} as number[][],`,
    `  /** Every codepoint the font draws, as [first, last] ranges. */`,
    `  coverage: ${JSON.stringify(ranges(covered))} as [number, number][],`,
    '};',
    '',
  ].join('\n');
}

export function packageVersion(font: CaptionFont = CAPTION_FONT): string {
  const file = require.resolve(`${font.packageName}/package.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

export const METRICS_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  '../src/lib/pipeline/captions/font-metrics.ts',
);

/** Blocks wider than this keep one width for all (CJK ideographs and syllables are all one width). */
const WIDE_BLOCK = 512;

/** One fallback font's table: per block, a bitmap of the codepoints it draws and their widths. */
function fallbackEntry(font: FallbackFont): string {
  const parsed = parseFont(readFileSync(fontFilePath(font)));
  const advanceOf = (glyph: number) => parsed.advances[Math.min(glyph, parsed.advances.length - 1)] ?? 0;
  const blocks = font.blocks.map(([first, last]) => {
    const bits = new Uint8Array(Math.ceil((last - first + 1) / 8));
    const advances: number[] = [];
    for (let c = first; c <= last; c++) {
      const glyph = parsed.cmap.get(c);
      if (glyph) bits[(c - first) >> 3] = (bits[(c - first) >> 3] as number) | (1 << ((c - first) & 7));
      advances.push(glyph ? advanceOf(glyph) : 0);
    }
    const widths = last - first + 1 > WIDE_BLOCK ? Math.max(...advances) : advances;
    const drawn = Buffer.from(bits).toString('base64');
    return `{ first: ${first}, last: ${last}, drawn: ${JSON.stringify(drawn)}, advances: ${JSON.stringify(widths)} }`;
  });
  if (parsed.unitsPerEm !== 1000) throw new Error(`${font.family}: expected 1000 units per em`);
  return [
    `  ${font.id}: {`,
    `    version: ${JSON.stringify(packageVersion(font))},`,
    `    winHeight: ${parsed.winHeight},`,
    `    winAscent: ${parsed.winAscent},`,
    `    blocks: [\n      ${blocks.join(',\n      ')},\n    ],`,
    '  },',
  ].join('\n');
}

export function fallbackMetricsSource(): string {
  return [
    '// Generated by scripts/font-metrics.ts from the fallback fonts (fallback-font-list.ts): do not edit.',
    '// Per font and block: `drawn`, a base64 bitmap of the codepoints it has (bit i = first + i), and',
    "// `advances`, each one's width in font units (one width for a whole block of ideographs).",
    "import type { FallbackId } from './fallback-font-list';",
    '',
    'export interface FallbackMetrics {',
    '  version: string;',
    '  /** usWinAscent + usWinDescent in font units (1000 per em). */',
    '  winHeight: number;',
    '  /** usWinAscent: how far above the baseline a line of this font reaches. */',
    '  winAscent: number;',
    '  blocks: { first: number; last: number; drawn: string; advances: number | number[] }[];',
    '}',
    '',
    '// prettier-ignore',
    'export const FALLBACK_METRICS: Record<FallbackId, FallbackMetrics> = {',
    ...FALLBACK_FONTS.map(fallbackEntry),
    '};',
    '',
  ].join('\n');
}

export const FALLBACK_METRICS_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  '../src/lib/pipeline/captions/fallback-metrics.ts',
);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const source = metricsSource(parseFont(readFileSync(fontFilePath())), packageVersion());
  writeFileSync(METRICS_FILE, source);
  console.log(`wrote ${METRICS_FILE} (${source.length} bytes)`);
  const fallback = fallbackMetricsSource();
  writeFileSync(FALLBACK_METRICS_FILE, fallback);
  console.log(`wrote ${FALLBACK_METRICS_FILE} (${fallback.length} bytes)`);
}
