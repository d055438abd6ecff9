// Test equipment: read burned-in captions back from video frames (Debian ffmpeg + tesseract-ocr).
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIG = { maxBuffer: 1 << 30 };

export interface RgbFrame {
  width: number;
  height: number;
  /** rgb24, row by row. */
  pixels: Buffer;
}

/** Decodes frame number `n` (0-based, display order) of a video as RGB. */
export async function frameAt(file: string, n: number, width: number, height: number): Promise<RgbFrame> {
  const { stdout } = await run(
    'ffmpeg',
    [
      '-v',
      'error',
      '-i',
      file,
      '-vf',
      `select=eq(n\\,${n})`,
      '-frames:v',
      '1',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      '-',
    ],
    { ...BIG, encoding: 'buffer' },
  );
  if (stdout.length !== width * height * 3) throw new Error(`${file} has no frame ${n}`);
  return { width, height, pixels: stdout };
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

/** Bounding box of the pixels that differ from `background` by more than `tolerance` (any channel). */
export function inkBox(frame: RgbFrame, background: [number, number, number], tolerance = 40) {
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = 0; y < frame.height; y++) {
    for (let x = 0; x < frame.width; x++) {
      const i = 3 * (y * frame.width + x);
      const far = background.some((value, c) => Math.abs((frame.pixels[i + c] as number) - value) > tolerance);
      if (!far) continue;
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

/** A word as compared with what was read: punctuation and case left out. */
export function bare(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}
