// Caption colours as written into the ASS document. The ffmpeg.wasm core's `ass` filter turns libass's
// RGB colours into YUV with the BT.601 matrix whatever the video's is (measured: the highlight came
// out Y 197 / V 155 instead of BT.709's 203 / 149), while our clips are BT.709 and the WebCodecs
// engine blends in BT.709. So each colour is written as the RGB whose BT.601 conversion gives the
// BT.709 values of the colour meant (white, black and greys are the same in both), and the document
// says `YCbCr Matrix: TV.601`, which tells a renderer that honours it to do exactly that conversion.
import { rgbToYuv709 } from '../i420';
import type { Rgba } from './scene';

const clamp = (value: number) => Math.min(255, Math.max(0, Math.round(value)));

/** The RGB that BT.601 limited range maps to the BT.709 limited-range code values of `rgb`. */
export function bt709As601({ r, g, b }: Pick<Rgba, 'r' | 'g' | 'b'>): [number, number, number] {
  const [y, u, v] = rgbToYuv709(r, g, b);
  const luma = ((y - 16) * 255) / 219;
  const pb = ((u - 128) * 255) / 224;
  const pr = ((v - 128) * 255) / 224;
  return [clamp(luma + 1.402 * pr), clamp(luma - 0.344136 * pb - 0.714136 * pr), clamp(luma + 1.772 * pb)];
}

const hex = (value: number) => value.toString(16).toUpperCase().padStart(2, '0');

/** An ASS colour, &HAABBGGRR with alpha the transparency (00 = opaque), for the BT.601 conversion. */
export function assColour(colour: Rgba): string {
  const [r, g, b] = bt709As601(colour);
  return `&H${hex(255 - colour.a)}${hex(b)}${hex(g)}${hex(r)}`;
}
