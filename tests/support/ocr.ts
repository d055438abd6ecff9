// Test equipment: read burned-in captions back from video frames (Debian ffmpeg + tesseract-ocr).
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { expect } from 'vitest';

const run = promisify(execFile);
const BIG = { maxBuffer: 1 << 30 };

export interface RgbFrame {
  width: number;
  height: number;
  /** rgb24, row by row. */
  pixels: Buffer;
}

/** Decodes a video as RGB frames, after ffmpeg's `args` (filters, a frame limit) if any. */
async function decode(file: string, width: number, height: number, args: string[] = []): Promise<RgbFrame[]> {
  const { stdout } = await run(
    'ffmpeg',
    ['-v', 'error', '-i', file, ...args, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
    { ...BIG, encoding: 'buffer' },
  );
  const size = width * height * 3;
  return Array.from({ length: Math.floor(stdout.length / size) }, (_, i) => ({
    width,
    height,
    pixels: stdout.subarray(i * size, (i + 1) * size),
  }));
}

/** Every frame of a video, decoded once, in display order. */
export function decodeFrames(file: string, width: number, height: number): Promise<RgbFrame[]> {
  return decode(file, width, height);
}

/** Decodes frame number `n` (0-based, display order) of a video as RGB. */
export async function frameAt(file: string, n: number, width: number, height: number): Promise<RgbFrame> {
  const [frame] = await decode(file, width, height, ['-vf', `select=eq(n\\,${n})`, '-frames:v', '1']);
  if (!frame) throw new Error(`${file} has no frame ${n}`);
  return frame;
}

export type PixelTest = (r: number, g: number, b: number) => boolean;

/**
 * Caption fill colours: the highlight (a warm yellow) and the plain white lettering. A highlight pixel
 * is at least half covered by the yellow fill (255, 229, 0) over its black outline: a threshold at
 * half coverage draws the glyphs neither bolder nor thinner than they are, which tesseract reads best.
 */
export const isHighlight: PixelTest = (r, g, b) => r > 128 && g > 115 && b < 110;
export const isLettering: PixelTest = (r, g, b) => isHighlight(r, g, b) || (r > 185 && g > 185 && b > 185);

/** Writes a PGM of the pixels passing `test` as black on white (what tesseract reads best). */
export function writeMask(frame: RgbFrame, test: PixelTest, path: string): void {
  const { width, height, pixels } = frame;
  const gray = Buffer.alloc(width * height, 255);
  for (let i = 0; i < width * height; i++) {
    if (test(pixels[3 * i] as number, pixels[3 * i + 1] as number, pixels[3 * i + 2] as number)) gray[i] = 0;
  }
  writeFileSync(path, Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`), gray]));
}

/** A rectangle in pixels; right and bottom are exclusive. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Bounding box of the pixels passing `test` (left and top Infinity, right and bottom -Infinity when none do). */
export function boxOf(frame: RgbFrame, test: PixelTest): Box {
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = 0; y < frame.height; y++) {
    for (let x = 0; x < frame.width; x++) {
      const i = 3 * (y * frame.width + x);
      if (!test(frame.pixels[i] as number, frame.pixels[i + 1] as number, frame.pixels[i + 2] as number)) continue;
      [left, top, right, bottom] = [
        Math.min(left, x),
        Math.min(top, y),
        Math.max(right, x + 1),
        Math.max(bottom, y + 1),
      ];
    }
  }
  return { left, top, right, bottom };
}

/** Bounding box of the pixels that differ from `background` by more than `tolerance` (any channel). */
export function inkBox(frame: RgbFrame, background: [number, number, number], tolerance = 40): Box {
  return boxOf(frame, (...rgb) => background.some((value, c) => Math.abs((rgb[c] as number) - value) > tolerance));
}

/** Fails the test unless `box` lies wholly inside `area`, naming the edge that sticks out. */
export function expectInside(box: Box, area: Box, what = 'box'): void {
  expect(box.left, `${what}: left edge`).toBeGreaterThanOrEqual(area.left);
  expect(box.top, `${what}: top edge`).toBeGreaterThanOrEqual(area.top);
  expect(box.right, `${what}: right edge`).toBeLessThanOrEqual(area.right);
  expect(box.bottom, `${what}: bottom edge`).toBeLessThanOrEqual(area.bottom);
}

export interface OcrWord {
  text: string;
  left: number;
  top: number;
  width: number;
  height: number;
  confidence: number;
}

/** Words tesseract reads in an image, with their boxes (its TSV output), in reading order. */
export async function ocrWords(image: string, language = 'eng'): Promise<OcrWord[]> {
  const { stdout } = await run('tesseract', [image, '-', '-l', language, '--psm', '6', 'tsv'], BIG);
  return stdout
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter((cells) => cells[0] === '5' && (cells[11] ?? '').trim() !== '')
    .map((cells) => ({
      left: Number(cells[6]),
      top: Number(cells[7]),
      width: Number(cells[8]),
      height: Number(cells[9]),
      confidence: Number(cells[10]),
      text: (cells[11] as string).trim(),
    }));
}

/** The box of a word tesseract read. */
export function wordBox(word: OcrWord): Box {
  return { left: word.left, top: word.top, right: word.left + word.width, bottom: word.top + word.height };
}

/** Words tesseract reads among the pixels of `frame` passing `test` (their mask is kept at `path`, a PGM). */
export async function readMasked(frame: RgbFrame, test: PixelTest, path: string, language = 'eng'): Promise<OcrWord[]> {
  writeMask(frame, test, path);
  return ocrWords(path, language);
}

/** A word as compared with what was read: punctuation and case left out. */
export function bare(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}
