// The soft subtitle track of the final MP4: the same (corrected) cues as the SRT download, tagged with
// the narration's language, so players that show subtitles on request can (the captions stay burned in).
// The page's player gets the same cues as a WebVTT track, with or without captions burned in.
import { LANGUAGES } from '../audio-file';
import type { Project } from '../project';
import { buildCues, type Cue } from './cues';
import { captionWords } from './project-captions';
import { writeSrt } from './srt';
import { writeVtt } from './vtt';
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

/** The form's language given by its ISO 639-1 code ("en") or its name ("English"), if it is one. */
function knownLanguage(language: string): (typeof LANGUAGES)[number] | undefined {
  const spoken = language.trim().toLowerCase();
  return LANGUAGES.find((option) => option.code === spoken || option.name.toLowerCase() === spoken);
}

/** The ISO 639-2 code of a language given as a 639-1 code ("en") or by its name ("English"). */
export function iso639_2(language: string): string {
  return ISO_639_2[knownLanguage(language)?.code ?? ''] ?? 'und';
}

/** The narration's language as the project knows it: the transcript's, else the one asked for. */
function spokenLanguage(project: Project): string {
  return project.transcript?.language ?? project.language;
}

/**
 * The (corrected) cues timed like the video: with filler words and pauses cut they follow the cuts, and
 * they end with the sound (a transcript's last word may be timed past it: a track must not make the
 * video longer than its picture and sound).
 */
function videoCues(project: Project): Cue[] {
  const cuts = activeCuts(project);
  const end = cuts.length > 0 ? timeMap(cuts).map(project.audio.duration) : project.audio.duration;
  return buildCues(captionWords(tightenedProject(project)))
    .filter((cue) => cue.start < end)
    .map((cue) => ({ ...cue, end: Math.min(cue.end, end) }));
}

/**
 * The project's subtitle track, when it burns captions in (then every correction changes a clip, so
 * the final video is assembled again with the corrected track) and has words to show within the sound.
 */
export function subtitleTrack(project: Project): SubtitleTrack | undefined {
  if (project.captions === undefined || project.captions === 'none') return undefined;
  const cues = videoCues(project);
  if (cues.length === 0) return undefined;
  return { srt: writeSrt(cues), language: iso639_2(spokenLanguage(project)) };
}

/** The captions the page's player offers (off until chosen in its menu): WebVTT, a language tag and its name. */
export interface PlayerCaptions {
  vtt: string;
  /** BCP 47 tag (an ISO 639-1 code), as a `<track>`'s `srclang` takes it; empty when unknown. */
  language: string;
  label: string;
}

/** The video's words as captions for the page's player, whatever the captions burned in; none without words. */
export function playerCaptions(project: Project): PlayerCaptions | undefined {
  const cues = videoCues(project);
  if (cues.length === 0) return undefined;
  const known = knownLanguage(spokenLanguage(project));
  return { vtt: writeVtt(cues, known?.code), language: known?.code ?? '', label: known?.name ?? 'Captions' };
}
