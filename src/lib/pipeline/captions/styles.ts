// The caption styles a creator can pick, and which one each format starts with.
import type { FormatId } from '../formats';

export const CAPTION_STYLE_IDS = ['none', 'word', 'karaoke', 'classic'] as const;
export type CaptionStyleId = (typeof CAPTION_STYLE_IDS)[number];

export interface CaptionStyle {
  id: CaptionStyleId;
  label: string;
  description: string;
}

export const CAPTION_STYLES: Record<CaptionStyleId, CaptionStyle> = {
  none: { id: 'none', label: 'None', description: 'No captions in the video.' },
  word: {
    id: 'word',
    label: 'Word by word',
    description: 'One to three words at a time, large and bold, the spoken word highlighted.',
  },
  karaoke: {
    id: 'karaoke',
    label: 'Karaoke line',
    description: 'One line of the sentence, each word lighting up as it is spoken.',
  },
  classic: { id: 'classic', label: 'Classic', description: 'One or two lines at the bottom, as on television.' },
};

/** Short videos are watched muted, so they get captions; YouTube takes the subtitles file for its own CC. */
const DEFAULTS: Record<FormatId, CaptionStyleId> = { tiktok: 'word', square: 'word', youtube: 'none' };

export function defaultCaptionStyle(format: FormatId): CaptionStyleId {
  return DEFAULTS[format];
}

export function isCaptionStyleId(value: unknown): value is CaptionStyleId {
  return typeof value === 'string' && (CAPTION_STYLE_IDS as readonly string[]).includes(value);
}
