// Captions: styles, grouping, timing, layout and the ASS/SRT/WebVTT documents (pure, no DOM).
export { CAPTION_STYLES, CAPTION_STYLE_IDS, defaultCaptionStyle, isCaptionStyleId } from './styles';
export type { CaptionStyle, CaptionStyleId } from './styles';
export { CAPTION_FONT, captionFontBase } from './font';
export { safeArea, type SafeArea } from './safe-area';
export { measureShippedFont, type TextMeasure } from './measure';
export { groupWords, endsSentence, PAUSE_S, LINGER_S, type CaptionGroup, type GroupLimits } from './groups';
export { breakLines, lineText, type Line, type Token } from './lines';
export { captionSpans, spanAt, type CaptionSpan } from './timing';
export {
  STYLE_SPECS,
  MAX_CAPTION_S,
  groupsForStyle,
  layoutGroup,
  type DrawnStyleId,
  type Frame,
  type GroupLayout,
} from './layout';
export { captionTrack, clipAss, assTime, hasEvents, type CaptionTrack } from './ass';
export { captionsFilter, type CaptionFiles } from './ass-filter';
export { buildCues, cueTime, parseCueTime, MAX_CUE_CHARS, MAX_CUE_LINES, MAX_CUE_S, type Cue } from './cues';
export { writeSrt, parseSrt } from './srt';
export { writeVtt, parseVtt } from './vtt';
export { captionCoverage, scriptOf, FALLBACK_FONTS, type CoverageDecision } from './coverage';
export {
  captionWords,
  sceneCaptionWords,
  correctWord,
  captionsOn,
  projectCaptionTrack,
  sceneCaptions,
  captionProblem,
} from './project-captions';
