// The ffmpeg filter that burns a clip's ASS captions in, with fonts only from our own folder.

export interface CaptionFiles {
  /** Path of the clip's .ass document inside the engine's file system. */
  assPath: string;
  /** Folder holding the caption font(s); libass loads every font in it and nothing else. */
  fontsDir: string;
}

/** ffmpeg filter-graph escaping for an option value (our paths hold no quotes, but stay safe). */
function escapeValue(value: string): string {
  return value.replace(/[\\':,;[\]]/g, (char) => `\\${char}`);
}

/** `ass` filter drawing the document over the video (libass, HarfBuzz shaping, FriBidi for RTL). */
export function captionsFilter(files: CaptionFiles): string {
  return `ass=filename=${escapeValue(files.assPath)}:fontsdir=${escapeValue(files.fontsDir)}`;
}
