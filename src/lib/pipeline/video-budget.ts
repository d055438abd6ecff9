// How many bits the pictures may spend. The final MP4 is assembled inside ffmpeg.wasm's 2 GB heap, so
// a long recording gets a lower bitrate ceiling from the start instead of failing at the very end.

/** What the final MP4 may weigh: it is written inside the wasm heap, which tops out at 2 GB. */
export const MAX_OUTPUT_BYTES = 1.7e9;
/**
 * Codecs the final MP4 carries bit-for-bit and Chromium, Firefox and Safari play from MP4. ALAC and
 * Vorbis mux into MP4 but Chromium refuses to play them there, so they are re-encoded like PCM.
 */
export const COPYABLE_AUDIO: ReadonlySet<string> = new Set(['aac', 'mp3', 'opus', 'flac']);
/** Upper bound of a copied audio stream whose bitrate the file does not state (lossless stereo FLAC stays under it). */
export const MAX_COPIED_AUDIO_BPS = 1_500_000;
/** AAC bits per second per pair of channels when the audio cannot be copied. */
const ENCODED_AUDIO_BPS = 256_000;
/** Below this, slow pans over a picture break into blocks: such a recording is refused up front. */
export const MIN_VIDEO_KBPS = 400;
/**
 * How far a clip may run over its rate cap on average. Each clip is encoded on its own and x264
 * starts with its 2-second rate buffer 90 % full, which it may spend on top of the cap: a 5-second
 * scene can average 1.36 times the cap. The rest is muxing overhead.
 */
export const RATE_OVERSHOOT = 1.45;

/** Bytes the audio will take in the final MP4: the original when copied, else AAC (stereo assumed). */
export function finalAudioBytes(audio: { duration: number; size: number; codec: string }): number {
  return COPYABLE_AUDIO.has(audio.codec)
    ? Math.min(audio.size, (audio.duration * MAX_COPIED_AUDIO_BPS) / 8)
    : (audio.duration * ENCODED_AUDIO_BPS) / 8;
}

/** The video bitrate (kb/s) that keeps the whole final MP4 of this recording within `MAX_OUTPUT_BYTES`. */
export function videoKbpsBudget(audio: { duration: number; size: number; codec: string }): number {
  const bytes = MAX_OUTPUT_BYTES - finalAudioBytes(audio);
  return Math.floor((bytes * 8) / audio.duration / 1000 / RATE_OVERSHOOT);
}
