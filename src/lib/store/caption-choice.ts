// The caption style last chosen for each format, kept in this browser so the form offers it again.
import { defaultCaptionStyle, isCaptionStyleId, type CaptionStyleId } from '$lib/pipeline/captions/styles';
import type { FormatId } from '$lib/pipeline/formats';
import { KEY_VERSION } from './db';

export function captionChoiceKey(format: FormatId): string {
  return `voiceframe:${KEY_VERSION}:captions:${format}`;
}

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    // Reading `localStorage` itself throws when the browser blocks site data.
    return undefined;
  }
}

/** The style last chosen for this format, or the format's default (stored values are validated). */
export function rememberedCaptionStyle(format: FormatId): CaptionStyleId {
  let stored: string | null | undefined;
  try {
    stored = storage()?.getItem(captionChoiceKey(format));
  } catch {
    stored = undefined;
  }
  return isCaptionStyleId(stored) ? stored : defaultCaptionStyle(format);
}

export function rememberCaptionStyle(format: FormatId, style: CaptionStyleId): void {
  try {
    storage()?.setItem(captionChoiceKey(format), style);
  } catch {
    // Private modes may refuse: the default is offered next time, nothing else is lost.
  }
}
