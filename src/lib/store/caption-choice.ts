// The caption style last chosen for each format, kept in this browser so the form offers it again.
import { defaultCaptionStyle, isCaptionStyleId, type CaptionStyleId } from '$lib/pipeline/captions/styles';
import type { FormatId } from '$lib/pipeline/formats';
import { KEY_VERSION } from './db';
import { rememberChoice, rememberedChoice } from './stored-choice';

export function captionChoiceKey(format: FormatId): string {
  return `voiceframe:${KEY_VERSION}:captions:${format}`;
}

/** The style last chosen for this format, or the format's default (stored values are validated). */
export function rememberedCaptionStyle(format: FormatId): CaptionStyleId {
  return rememberedChoice(captionChoiceKey(format), isCaptionStyleId, defaultCaptionStyle(format));
}

export function rememberCaptionStyle(format: FormatId, style: CaptionStyleId): void {
  rememberChoice(captionChoiceKey(format), style);
}
