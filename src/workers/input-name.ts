// File names for mounted inputs: an extension from the MIME type helps ffmpeg pick the demuxer.

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/bmp': 'bmp',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/aac': 'aac',
  'audio/ogg': 'ogg',
  'audio/opus': 'opus',
  'audio/webm': 'webm',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/flac': 'flac',
  'audio/x-flac': 'flac',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
};

/** `stem.ext` for a known type, else the File's own extension, else the bare stem (ffmpeg then probes). */
export function inputName(blob: Blob, stem: string): string {
  const known = EXTENSIONS[blob.type.split(';')[0]?.trim().toLowerCase() ?? ''];
  if (known) return `${stem}.${known}`;
  const own = 'name' in blob && typeof blob.name === 'string' ? /\.([a-z0-9]{1,5})$/i.exec(blob.name)?.[1] : undefined;
  return own ? `${stem}.${own.toLowerCase()}` : stem;
}

/** The user's name for a file (a File keeps its name across postMessage), for messages about it. */
export function fileName(blob: Blob): string {
  return 'name' in blob && typeof blob.name === 'string' && blob.name ? blob.name : 'The file';
}
