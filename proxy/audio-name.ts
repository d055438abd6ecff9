// Picks the file name Groq needs (it checks the extension), from the bytes first, then the declared type.
import { fileTypeFromBuffer } from 'file-type';
import { ApiError } from './errors';

/**
 * Extensions Groq accepts: it checks the file name, and answers 400 `unsupported_audio_format` to any
 * other (`.oga`, `.weba`, `.aac`, none), so anything else is refused before upload.
 */
const GROQ_AUDIO_EXTENSIONS = ['flac', 'mp3', 'mp4', 'mpeg', 'mpga', 'm4a', 'ogg', 'opus', 'wav', 'webm'];

/** Containers Groq decodes, under an extension it accepts (a .oga or .mkv is the same container). */
const SNIFFED: Record<string, string> = {
  flac: 'flac',
  mp3: 'mp3',
  m4a: 'm4a',
  mp4: 'mp4',
  m4v: 'mp4',
  mov: 'mp4',
  '3gp': 'mp4',
  webm: 'webm',
  mkv: 'webm',
  ogg: 'ogg',
  oga: 'ogg',
  ogv: 'ogg',
  ogx: 'ogg',
  spx: 'ogg',
  opus: 'opus',
  wav: 'wav',
  mpg: 'mpeg',
};

const DECLARED: Record<string, string> = {
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/mp4': 'm4a',
  'audio/m4a': 'm4a',
  'audio/x-m4a': 'm4a',
  'video/mp4': 'mp4',
  'audio/ogg': 'ogg',
  'audio/opus': 'opus',
  'audio/wav': 'wav',
  'audio/wave': 'wav',
  'audio/x-wav': 'wav',
  'audio/vnd.wave': 'wav',
  'audio/webm': 'webm',
  'video/webm': 'webm',
  'audio/flac': 'flac',
  'audio/x-flac': 'flac',
};

const ACCEPTED_LIST = 'FLAC, MP3, M4A, MP4, OGG, Opus, WAV or WebM';

function unsupported(what: string): ApiError {
  return new ApiError(
    415,
    'unsupported_audio_format',
    `${what} is not audio the transcriber accepts: use ${ACCEPTED_LIST}.`,
  );
}

/** `audio.<ext>` for the upload; the user's own file name is never forwarded. */
export async function groqFilename(bytes: Uint8Array, declaredType: string, name: string): Promise<string> {
  const sniffed = await fileTypeFromBuffer(bytes);
  if (sniffed) {
    const ext = SNIFFED[sniffed.ext];
    if (!ext) throw unsupported(`This file (${sniffed.mime})`);
    return `audio.${ext}`;
  }
  const byType = DECLARED[declaredType.split(';')[0]?.trim().toLowerCase() ?? ''];
  if (byType) return `audio.${byType}`;
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  if (GROQ_AUDIO_EXTENSIONS.includes(ext)) return `audio.${ext}`;
  throw unsupported(`"${name.slice(0, 80) || 'The file'}"`);
}
