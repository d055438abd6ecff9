// Telling a damaged image from a failed render: after a clip fails, ffmpeg decodes the image alone.
import { UnreadableImageError } from './errors';

/** Decodes the first frame of `input` and writes nothing: a non-zero exit means the image itself is bad. */
export function decodeImageArgs(input: string): string[] {
  return ['-v', 'error', '-i', input, '-frames:v', '1', '-f', 'null', '-'];
}

/**
 * What the decoder said, in a few words: its first complaint with the `[png @ 0x…]` address dropped
 * ("png: chunk too big"), else the last line of the log.
 */
export function decoderComplaint(log: string): string {
  const lines = log
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  for (const line of lines) {
    const match = /^\[(\w+) @ [^\]]*\]\s*(.+?)\.?$/.exec(line);
    if (match) return `${match[1]}: ${match[2]}`;
  }
  return lines.at(-1)?.replace(/\.$/, '') ?? 'unknown error';
}

/** The error for scene `index` (0-based) whose image ffmpeg cannot decode; `log` is the decoder's output. */
export function unreadableImage(index: number, log: string, cause: unknown): UnreadableImageError {
  return new UnreadableImageError(
    `The image of scene ${index + 1} is damaged or not a picture ffmpeg can decode (${decoderComplaint(log)}).`,
    { cause },
  );
}
