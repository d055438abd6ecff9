// SubRip (.srt): numbered cues, "hh:mm:ss,mmm --> hh:mm:ss,mmm", text lines, a blank line between.
import { cueTime, parseCueBlocks, type Cue } from './cues';

export function writeSrt(cues: Cue[]): string {
  return cues
    .map((cue, i) => `${i + 1}\n${cueTime(cue.start, ',')} --> ${cueTime(cue.end, ',')}\n${cue.lines.join('\n')}\n`)
    .join('\n');
}

export function parseSrt(text: string): Cue[] {
  return parseCueBlocks(text);
}
