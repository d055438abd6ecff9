// A plain tar archive (ustar, uncompressed) of a few named files: what the app hands over when it keeps
// a copy of stored data it cannot read. Every system opens it (tar, the Windows and macOS archivers).
const BLOCK = 512;

export interface TarFile {
  name: string;
  bytes: Uint8Array;
  /** Modification time, in ms since the epoch. */
  mtime?: number;
}

const encoder = new TextEncoder();

/** Writes `value` as a zero-padded octal field of `length` bytes (its last byte a NUL). */
function octal(header: Uint8Array, offset: number, length: number, value: number): void {
  const text = Math.floor(value)
    .toString(8)
    .padStart(length - 1, '0');
  header.set(encoder.encode(text), offset);
}

/** A name that fits ustar's 100 bytes: path separators and control characters replaced, long names cut. */
export function tarName(name: string): string {
  const safe = name.replace(/[\\/\p{Cc}]+/gu, '_') || 'file';
  let bytes = encoder.encode(safe);
  let cut = safe;
  while (bytes.length > 100) {
    cut = cut.slice(0, -1);
    bytes = encoder.encode(cut);
  }
  return cut;
}

function header(file: TarFile): Uint8Array {
  const block = new Uint8Array(BLOCK);
  block.set(encoder.encode(tarName(file.name)), 0);
  octal(block, 100, 8, 0o644);
  octal(block, 108, 8, 0);
  octal(block, 116, 8, 0);
  octal(block, 124, 12, file.bytes.length);
  octal(block, 136, 12, (file.mtime ?? 0) / 1000);
  block.fill(0x20, 148, 156); // the checksum is summed with its own field as spaces
  block[156] = 0x30; // '0': a regular file
  block.set(encoder.encode('ustar\u000000'), 257);
  const sum = block.reduce((total, byte) => total + byte, 0);
  block.set(encoder.encode(sum.toString(8).padStart(6, '0') + '\u0000 '), 148);
  return block;
}

/** The archive as a list of chunks (headers, contents, padding), ready for `new Blob(chunks)`. */
export function tarChunks(files: TarFile[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (const file of files) {
    chunks.push(header(file), file.bytes);
    const pad = (BLOCK - (file.bytes.length % BLOCK)) % BLOCK;
    if (pad) chunks.push(new Uint8Array(pad));
  }
  // Two empty blocks end the archive.
  chunks.push(new Uint8Array(BLOCK * 2));
  return chunks;
}
