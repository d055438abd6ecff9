// What the final MP4 weighs, and whether the browser's storage has room for it. The video is written to
// disk as it is produced (never held whole in memory), so its length sets no bitrate ceiling: the only
// limit left is the storage quota the browser grants this site, which is checked and said plainly.

/**
 * Codecs the final MP4 carries bit-for-bit and Chromium, Firefox and Safari play from MP4. ALAC and
 * Vorbis mux into MP4 but Chromium refuses to play them there, so they are re-encoded like PCM.
 */
export const COPYABLE_AUDIO: ReadonlySet<string> = new Set(['aac', 'mp3', 'opus', 'flac']);
/** Upper bound of a copied audio stream whose bitrate the file does not state (lossless stereo FLAC stays under it). */
const MAX_COPIED_AUDIO_BPS = 1_500_000;
/** AAC bits per second per pair of channels when the audio cannot be copied. */
const ENCODED_AUDIO_BPS = 256_000;
/** The MP4's own index and headers, generously: a few bytes per frame and per audio packet. */
const CONTAINER_SHARE = 0.02;

type AudioSize = { duration: number; size: number; codec: string };

/**
 * Bytes the audio will take in the final MP4: the original when copied, else AAC (stereo assumed).
 * `encoded` says it is encoded again even though its codec could be copied (cut audio).
 */
export function finalAudioBytes(audio: AudioSize, encoded = !COPYABLE_AUDIO.has(audio.codec)): number {
  return encoded
    ? (audio.duration * ENCODED_AUDIO_BPS) / 8
    : Math.min(audio.size, (audio.duration * MAX_COPIED_AUDIO_BPS) / 8);
}

/** Bytes of the final MP4: its clips as they are (they are copied, not re-encoded), the audio, the index. */
export function finalVideoBytes(
  clipBytes: number,
  audio: AudioSize,
  encoded = !COPYABLE_AUDIO.has(audio.codec),
): number {
  return Math.ceil((clipBytes + finalAudioBytes(audio, encoded)) * (1 + CONTAINER_SHARE));
}

/** Writes a size for people: one decimal under 10 (0.4 GB, 2.1 GB, 950 MB). */
function size(bytes: number): string {
  const [value, unit] = bytes >= 1e9 ? [bytes / 1e9, 'GB'] : [bytes / 1e6, 'MB'];
  return `${value.toFixed(value < 10 ? 1 : 0)} ${unit}`;
}

/**
 * Says why the final video cannot be written when the site's storage quota has not `needed` bytes left,
 * or undefined when it has (or the browser does not say). The clips stay stored while the video is
 * written, so all of `needed` must be free at once.
 */
export function storageShortfall(
  needed: number,
  storage: { usage: number; quota: number } | undefined,
): string | undefined {
  if (!storage || !(storage.quota > 0)) return undefined;
  const free = Math.max(0, storage.quota - storage.usage);
  if (free >= needed) return undefined;
  return (
    `The video needs about ${size(needed)} of browser storage and only ${size(free)} is free ` +
    `(this browser lets Voiceframe use ${size(storage.quota)}). Delete old projects or free disk space, ` +
    'then press Resume: the scenes made so far are kept.'
  );
}
