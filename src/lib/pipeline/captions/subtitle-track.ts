// The soft subtitle track of the final MP4: the same (corrected) cues as the SRT download, tagged with
// the narration's language, so players that show subtitles on request can (the captions stay burned in).
import { LANGUAGES } from '../audio-file';
import type { Project } from '../project';
import { buildCues } from './cues';
import { captionWords } from './project-captions';
import { writeSrt } from './srt';
import { activeCuts, tightenedProject } from '../tighten/project-tighten';
import { timeMap } from '../tighten/time-map';

export interface SubtitleTrack {
  /** The cues as SubRip text, which ffmpeg converts to an MP4 `mov_text` track. */
  srt: string;
  /** ISO 639-2 code (bibliographic, as MP4 stores it), `und` when unknown. */
  language: string;
}

/** ISO 639-1 to ISO 639-2/B for the languages the form offers. */
const ISO_639_2: Record<string, string> = {
  en: 'eng',
  es: 'spa',
  fr: 'fre',
  de: 'ger',
  it: 'ita',
  pt: 'por',
  nl: 'dut',
  pl: 'pol',
  sv: 'swe',
  tr: 'tur',
  ru: 'rus',
  uk: 'ukr',
  ar: 'ara',
  hi: 'hin',
  ja: 'jpn',
  ko: 'kor',
  zh: 'chi',
};

/** The ISO 639-2 code of a language given as a 639-1 code ("en") or by its name ("English"). */
export function iso639_2(language: string): string {
  const spoken = language.trim().toLowerCase();
  const code = LANGUAGES.find((option) => option.name.toLowerCase() === spoken)?.code ?? spoken;
  return ISO_639_2[code] ?? 'und';
}

/**
 * The project's subtitle track, when it burns captions in (then every correction changes a clip, so
 * the final video is assembled again with the corrected track) and has words to show within the sound.
 */
export function subtitleTrack(project: Project): SubtitleTrack | undefined {
  if (project.captions === undefined || project.captions === 'none') return undefined;
  // Cues end with the sound (a transcript's last word may be timed past it): the track must not make
  // the video longer than its picture and sound.
  // Timed like the video: with filler words and pauses cut, the cues follow the cuts.
  const cuts = activeCuts(project);
  const end = cuts.length > 0 ? timeMap(cuts).map(project.audio.duration) : project.audio.duration;
  const cues = buildCues(captionWords(tightenedProject(project)))
    .filter((cue) => cue.start < end)
    .map((cue) => ({ ...cue, end: Math.min(cue.end, end) }));
  if (cues.length === 0) return undefined;
  return { srt: writeSrt(cues), language: iso639_2(project.transcript?.language ?? project.language) };
}
