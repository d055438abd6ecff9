// WebVTT (.vtt): the "WEBVTT" header, then cues "hh:mm:ss.mmm --> hh:mm:ss.mmm" with escaped text.
import { cueTime, parseCueBlocks, type Cue } from './cues';

/** & < > are markup in WebVTT cue text (and "-->" must never appear in it). */
function escape(line: string): string {
  return line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescape(line: string): string {
  return line
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&');
}

export function writeVtt(cues: Cue[], language?: string): string {
  const head = language ? `WEBVTT\nLanguage: ${language}\n` : 'WEBVTT\n';
  const body = cues.map(
    (cue) => `${cueTime(cue.start, '.')} --> ${cueTime(cue.end, '.')}\n${cue.lines.map(escape).join('\n')}\n`,
  );
  return [head, ...body].join('\n');
}

export function parseVtt(text: string): Cue[] {
  if (!/^(\uFEFF)?WEBVTT/.test(text)) throw new Error('Not a WebVTT file: it must start with "WEBVTT".');
  return parseCueBlocks(text, unescape);
}
