// The caption track of a whole narration in one style: groups, their layouts and the frames each
// state is on screen, computed once and cut per clip (groups run on across scene cuts).
import type { Word } from '../transcript';
import { groupsForStyle, layoutGroup, STYLE_SPECS, type DrawnStyleId, type Frame, type GroupLayout } from './layout';
import { captionFaces, type CaptionFaces } from './coverage';
import { lineExtentOf, measureFaces, type TextMeasure } from './measure';
import { captionSpans, type CaptionSpan } from './timing';

export interface CaptionTrack {
  style: DrawnStyleId;
  frame: Frame;
  fps: number;
  /** Each group's layout and words; `spans` index into them. */
  groups: { words: Word[]; layout: GroupLayout }[];
  spans: CaptionSpan[];
  /** Which font draws each character (the fallback fonts come from the whole transcript). */
  faces: CaptionFaces;
}

/** Groups, layouts and frame spans of a whole transcript in one style: computed once, cut per clip. */
export function captionTrack(
  words: Word[],
  style: DrawnStyleId,
  frame: Frame,
  fps: number,
  measure?: TextMeasure,
): CaptionTrack {
  const faces = captionFaces(words.map((word) => word.word).join(' '));
  measure ??= measureFaces(faces);
  const extent = lineExtentOf(faces);
  const groups = groupsForStyle(words, style, frame, measure);
  const spans = captionSpans(groups, fps, STYLE_SPECS[style].highlight !== 'none');
  const laid = groups.map((group) => ({
    words: group.words,
    layout: layoutGroup(
      group.words.map((word) => word.word),
      style,
      frame,
      measure,
      extent,
    ),
  }));
  return { style, frame, fps, groups: laid, spans, faces };
}
