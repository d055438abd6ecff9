// What the home page accepts as audio, checked before anything is stored; each refusal says why.

/** Containers Whisper and ffmpeg.wasm both read; a video file's audio track counts too. */
const AUDIO_EXTENSIONS = [
  'mp3',
  'wav',
  'm4a',
  'aac',
  'ogg',
  'oga',
  'opus',
  'webm',
  'weba',
  'flac',
  'mp4',
  'mov',
  'mkv',
  'mpga',
  'mpeg',
];

/** Longest audio a project may have (the segmenter and the render are proven up to three hours). */
export const MAX_DURATION_SECONDS = 3 * 60 * 60;

/** The file input's `accept`: MIME families plus extensions for browsers that guess no type. */
export const ACCEPT = ['audio/*', 'video/*', ...AUDIO_EXTENSIONS.map((ext) => `.${ext}`)].join(',');

export function extensionOf(name: string): string {
  const match = /\.([^./\\]+)$/.exec(name);
  return match?.[1]?.toLowerCase() ?? '';
}

/** A refusal before the file is even read, or undefined when it is worth probing. */
export function checkAudioFile(file: { name: string; type: string; size: number }): string | undefined {
  if (file.size === 0) return `“${file.name}” is empty (0 bytes). Pick the recording itself.`;
  const mediaType = file.type.startsWith('audio/') || file.type.startsWith('video/');
  if (!mediaType && !AUDIO_EXTENSIONS.includes(extensionOf(file.name))) {
    const kind = file.type ? ` (${file.type})` : '';
    return `“${file.name}”${kind} is not an audio file. Voiceframe takes MP3, WAV, M4A/AAC, OGG/Opus, WebM, FLAC, or a video with sound.`;
  }
  return undefined;
}

/** A refusal once ffmpeg has read the file, or undefined when it can be made into a video. */
export function checkProbe(
  file: { name: string; size: number },
  probe: { duration: number; codec: string },
): string | undefined {
  const { name } = file;
  if (!Number.isFinite(probe.duration) || probe.duration <= 0) {
    return `“${name}” has no playable audio: its length could not be read.`;
  }
  if (probe.duration < 1) return `“${name}” is shorter than a second: there is nothing to illustrate.`;
  if (probe.duration > MAX_DURATION_SECONDS) {
    const hours = (probe.duration / 3600).toFixed(1);
    return `“${name}” lasts ${hours} hours; Voiceframe takes recordings of up to ${MAX_DURATION_SECONDS / 3600} hours. Trim it and try again.`;
  }
  return undefined;
}

/** Languages offered for transcription (ISO-639-1 codes, as Whisper takes them). */
export const LANGUAGES: { code: string; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Spanish' },
  { code: 'fr', name: 'French' },
  { code: 'de', name: 'German' },
  { code: 'it', name: 'Italian' },
  { code: 'pt', name: 'Portuguese' },
  { code: 'nl', name: 'Dutch' },
  { code: 'pl', name: 'Polish' },
  { code: 'sv', name: 'Swedish' },
  { code: 'tr', name: 'Turkish' },
  { code: 'ru', name: 'Russian' },
  { code: 'uk', name: 'Ukrainian' },
  { code: 'ar', name: 'Arabic' },
  { code: 'hi', name: 'Hindi' },
  { code: 'ja', name: 'Japanese' },
  { code: 'ko', name: 'Korean' },
  { code: 'zh', name: 'Chinese' },
];
